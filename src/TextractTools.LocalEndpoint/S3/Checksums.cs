using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace TextractTools.LocalEndpoint.S3
{
    /// <summary>
    /// S3's flexible checksums (x-amz-checksum-*): verifies what a client sent, in a header or an aws-chunked
    /// trailer, against the bytes received, as S3 does before storing. The CRCs are written here because the BCL
    /// has none and the endpoint takes no extra package for four small loops.
    /// </summary>
    public static class Checksums
    {
        private static readonly uint[] Crc32Table = ReflectedTable32(0xEDB88320u);
        private static readonly uint[] Crc32CTable = ReflectedTable32(0x82F63B78u);
        private static readonly ulong[] Crc64NvmeTable = ReflectedTable64(0x9A6C9329AC4BC9B5ul);

        /// <summary>The algorithms S3 accepts, by header suffix, each producing the base64 value S3 expects.</summary>
        public static readonly IReadOnlyDictionary<string, Func<byte[], string>> Algorithms = new Dictionary<string, Func<byte[], string>>
        {
            ["crc32"] = d => Base64BigEndian(Crc32(d, Crc32Table)),
            ["crc32c"] = d => Base64BigEndian(Crc32(d, Crc32CTable)),
            ["crc64nvme"] = d => Base64BigEndian(Crc64Nvme(d)),
            ["sha1"] = d => Convert.ToBase64String(SHA1.HashData(d)),
            ["sha256"] = d => Convert.ToBase64String(SHA256.HashData(d)),
        };

        /// <summary>Throws BadDigest when any x-amz-checksum-* value among <paramref name="sent"/> does not match the data.</summary>
        public static void Verify(byte[] data, IEnumerable<KeyValuePair<string, string>> sent)
        {
            foreach (var (name, value) in sent)
            {
                var lower = name.ToLowerInvariant();
                if (!lower.StartsWith("x-amz-checksum-", StringComparison.Ordinal)) continue;
                var algorithm = lower.Substring("x-amz-checksum-".Length);
                if (!Algorithms.TryGetValue(algorithm, out var compute)) continue; // "x-amz-checksum-type", "-mode" and the like
                if (compute(data) != value.Trim())
                {
                    throw new S3Error(400, "BadDigest", $"The {algorithm.ToUpperInvariant()} you specified did not match the calculated checksum.");
                }
            }
        }

        public static uint Crc32(ReadOnlySpan<byte> data) => Crc32(data, Crc32Table);

        public static uint Crc32C(ReadOnlySpan<byte> data) => Crc32(data, Crc32CTable);

        public static ulong Crc64Nvme(ReadOnlySpan<byte> data)
        {
            var crc = ulong.MaxValue;
            foreach (var b in data) crc = Crc64NvmeTable[(byte)(crc ^ b)] ^ (crc >> 8);
            return ~crc;
        }

        private static uint Crc32(ReadOnlySpan<byte> data, uint[] table)
        {
            var crc = uint.MaxValue;
            foreach (var b in data) crc = table[(byte)(crc ^ b)] ^ (crc >> 8);
            return ~crc;
        }

        private static uint[] ReflectedTable32(uint polynomial)
        {
            var table = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                var c = i;
                for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? polynomial ^ (c >> 1) : c >> 1;
                table[i] = c;
            }
            return table;
        }

        private static ulong[] ReflectedTable64(ulong polynomial)
        {
            var table = new ulong[256];
            for (ulong i = 0; i < 256; i++)
            {
                var c = i;
                for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? polynomial ^ (c >> 1) : c >> 1;
                table[i] = c;
            }
            return table;
        }

        private static string Base64BigEndian(uint value) =>
            Convert.ToBase64String(new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value });

        private static string Base64BigEndian(ulong value)
        {
            var bytes = new byte[8];
            for (var i = 0; i < 8; i++) bytes[i] = (byte)(value >> (56 - 8 * i));
            return Convert.ToBase64String(bytes);
        }
    }
}
