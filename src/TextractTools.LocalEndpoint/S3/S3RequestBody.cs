using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Hosting.SigV4;

namespace TextractTools.LocalEndpoint.S3
{
    /// <summary>
    /// Turns the body as it arrived into the user's bytes and checks every integrity claim the client made:
    /// aws-chunked decoding (with chunk signatures), x-amz-decoded-content-length, a hex x-amz-content-sha256,
    /// Content-MD5 and x-amz-checksum-* headers or trailers.
    /// </summary>
    public static class S3RequestBody
    {
        /// <summary>Returns the decoded body; the checksum values the client sent (verified) go to <paramref name="checksums"/>.</summary>
        public static byte[] Read(IncomingRequest request, SigV4Result signature, out IReadOnlyDictionary<string, string> checksums)
        {
            var contentSha256 = request.Header("x-amz-content-sha256");
            var body = request.Body;
            var claims = request.HeaderNames
                .Where(n => n.StartsWith("x-amz-checksum-", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(n => n.ToLowerInvariant(), n => request.Header(n)!, StringComparer.Ordinal);

            if (AwsChunkedDecoder.IsStreaming(contentSha256))
            {
                var decoded = AwsChunkedDecoder.Decode(body, contentSha256!, signature);
                body = decoded.Data;
                foreach (var (name, value) in decoded.Trailers) claims[name] = value;
                var announced = request.Header("x-amz-decoded-content-length");
                if (announced is not null && (!long.TryParse(announced, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length != body.Length))
                {
                    throw new S3Error(400, "IncompleteBody", "You did not provide the number of bytes specified by the x-amz-decoded-content-length HTTP header");
                }
            }
            else if (contentSha256 is not null && contentSha256.Length == 64 && contentSha256.All(Uri.IsHexDigit))
            {
                if (!string.Equals(SigV4Crypto.HexSha256(body), contentSha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw new S3Error(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
                }
            }

            var md5 = request.Header("Content-MD5");
            if (md5 is not null && md5.Trim() != Convert.ToBase64String(MD5.HashData(body)))
            {
                throw new S3Error(400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
            }
            Checksums.Verify(body, claims);
            checksums = claims
                .Where(c => Checksums.Algorithms.ContainsKey(c.Key.Substring("x-amz-checksum-".Length)))
                .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
            return body;
        }
    }
}
