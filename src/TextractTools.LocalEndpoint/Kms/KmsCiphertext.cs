using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace TextractTools.LocalEndpoint.Kms
{
    /// <summary>
    /// The endpoint's ciphertext blob. Like real KMS ciphertext it names the key that made it, so Decrypt needs
    /// no KeyId: version(1) | key-id length(1) | key id (ASCII) | nonce(12) | tag(16) | AES-256-GCM ciphertext.
    /// The header and the encryption context are authenticated data, so a changed context fails to decrypt, as in KMS.
    /// </summary>
    public static class KmsCiphertext
    {
        private const byte Version = 1;
        private const int NonceSize = 12;
        private const int TagSize = 16;

        public static byte[] Encrypt(KmsKey key, byte[] plaintext, IReadOnlyDictionary<string, string>? context)
        {
            var header = Header(key.KeyId);
            var nonce = RandomNumberGenerator.GetBytes(NonceSize);
            var tag = new byte[TagSize];
            var ciphertext = new byte[plaintext.Length];
            using (var aes = new AesGcm(key.Material, TagSize)) aes.Encrypt(nonce, plaintext, ciphertext, tag, Aad(header, context));
            return header.Concat(nonce).Concat(tag).Concat(ciphertext).ToArray();
        }

        /// <summary>The key id a blob was made with, or null when the blob is not one of ours.</summary>
        public static string? KeyIdOf(byte[] blob)
        {
            if (blob.Length < 2 || blob[0] != Version) return null;
            var length = blob[1];
            if (blob.Length < 2 + length + NonceSize + TagSize) return null;
            return Encoding.ASCII.GetString(blob, 2, length);
        }

        /// <summary>Returns null when the blob was altered or the context differs from the one used to encrypt.</summary>
        public static byte[]? Decrypt(KmsKey key, byte[] blob, IReadOnlyDictionary<string, string>? context)
        {
            if (KeyIdOf(blob) != key.KeyId) return null;
            var headerLength = 2 + blob[1];
            var nonce = blob.AsSpan(headerLength, NonceSize);
            var tag = blob.AsSpan(headerLength + NonceSize, TagSize);
            var ciphertext = blob.AsSpan(headerLength + NonceSize + TagSize);
            var plaintext = new byte[ciphertext.Length];
            try
            {
                using var aes = new AesGcm(key.Material, TagSize);
                aes.Decrypt(nonce, ciphertext, tag, plaintext, Aad(blob.AsSpan(0, headerLength).ToArray(), context));
                return plaintext;
            }
            catch (AuthenticationTagMismatchException)
            {
                return null;
            }
        }

        private static byte[] Header(string keyId)
        {
            var id = Encoding.ASCII.GetBytes(keyId);
            return new[] { Version, (byte)id.Length }.Concat(id).ToArray();
        }

        /// <summary>Header plus the context in a canonical (sorted) form: the order a client lists pairs in must not matter.</summary>
        private static byte[] Aad(byte[] header, IReadOnlyDictionary<string, string>? context)
        {
            var sb = new StringBuilder();
            foreach (var (k, v) in (context ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                sb.Append(k.Length).Append(':').Append(k).Append(v.Length).Append(':').Append(v);
            }
            return header.Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray();
        }
    }
}
