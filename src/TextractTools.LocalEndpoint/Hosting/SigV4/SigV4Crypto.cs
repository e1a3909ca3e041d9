using System;
using System.Security.Cryptography;
using System.Text;

namespace TextractTools.LocalEndpoint.Hosting.SigV4
{
    /// <summary>The hashing primitives of Signature Version 4.</summary>
    public static class SigV4Crypto
    {
        public const string Algorithm = "AWS4-HMAC-SHA256";

        /// <summary>SHA-256 of the empty string, hex; appears in every aws-chunked chunk string to sign.</summary>
        public static readonly string EmptyHash = HexSha256(Array.Empty<byte>());

        public static string HexSha256(byte[] data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

        public static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

        public static string HexSha256(string text) => HexSha256(Encoding.UTF8.GetBytes(text));

        /// <summary>kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").</summary>
        public static byte[] SigningKey(string secretKey, string date, string region, string service)
        {
            var kDate = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
            var kRegion = Hmac(kDate, region);
            var kService = Hmac(kRegion, service);
            return Hmac(kService, "aws4_request");
        }

        public static string HexSignature(byte[] signingKey, string stringToSign) =>
            Convert.ToHexString(Hmac(signingKey, stringToSign)).ToLowerInvariant();

        /// <summary>Compares two hex signatures in constant time (signature checks should not leak timing).</summary>
        public static bool SignaturesEqual(string expected, string actual) =>
            CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual.ToLowerInvariant()));

        private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
    }
}
