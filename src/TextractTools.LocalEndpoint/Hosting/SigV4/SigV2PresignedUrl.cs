using System;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace TextractTools.LocalEndpoint.Hosting.SigV4
{
    /// <summary>
    /// S3 presigned URLs of signature version 2 (?AWSAccessKeyId=...&amp;Expires=...&amp;Signature=...), which boto3's
    /// generate_presigned_url and the AWS CLI v1's `aws s3 presign` still make by default. The signature is the base64
    /// HMAC-SHA1 of: method, Content-MD5, Content-Type, Expires, the x-amz-* headers and the resource (the path as sent,
    /// with the sub-resources S3 signs).
    /// </summary>
    internal static class SigV2PresignedUrl
    {
        /// <summary>The query parameters that are part of the signed resource (sub-resources and response overrides).</summary>
        private static readonly string[] SignedSubResources =
        {
            "acl", "delete", "location", "logging", "notification", "partNumber", "policy", "requestPayment", "response-cache-control",
            "response-content-disposition", "response-content-encoding", "response-content-language", "response-content-type",
            "response-expires", "restore", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning", "versions", "website",
        };

        public static bool IsPresigned(IncomingRequest request) =>
            !request.HasHeader("Authorization") && request.HasQuery("AWSAccessKeyId") && request.HasQuery("Signature") && request.HasQuery("Expires");

        public static SigV4Result Verify(IncomingRequest request, Func<string, string?> secretFor, DateTimeOffset now)
        {
            var accessKeyId = request.QueryValue("AWSAccessKeyId")!;
            var signature = request.QueryValue("Signature")!;
            var expiresText = request.QueryValue("Expires")!;
            if (!long.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresSeconds))
                return SigV4Result.Fail(SigV4Failure.Malformed, $"Invalid Expires value: '{expiresText}'.");
            var expires = DateTimeOffset.FromUnixTimeSeconds(Math.Min(expiresSeconds, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
            var auth = SigV4Authorization.FromSigV2(accessKeyId, signature, expires);
            var secret = secretFor(accessKeyId);
            if (secret is null) return SigV4Result.Fail(SigV4Failure.UnknownAccessKey, "The AWS Access Key Id you provided does not exist in our records.", auth);
            if (now > expires) return SigV4Result.Fail(SigV4Failure.Expired, "Request has expired", auth);

            var stringToSign = StringToSign(request, expiresText);
            using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(secret));
            var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
            {
                return SigV4Result.Fail(SigV4Failure.SignatureMismatch,
                    "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                    auth, stringToSign: stringToSign);
            }
            return new SigV4Result { Authorization = auth };
        }

        private static string StringToSign(IncomingRequest request, string expires)
        {
            var amzHeaders = request.HeaderNames
                .Where(n => n.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
                .Select(n => n.ToLowerInvariant())
                .OrderBy(n => n, StringComparer.Ordinal)
                .Select(n => n + ":" + string.Join(",", request.HeaderValues(n).Select(v => v.Trim())) + "\n");
            var subResources = request.Query
                .Where(p => SignedSubResources.Contains(p.Key, StringComparer.Ordinal))
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => p.Value.Length == 0 && !request.RawQuery.Contains(p.Key + "=", StringComparison.Ordinal) ? p.Key : p.Key + "=" + p.Value)
                .ToList();
            var resource = request.RawPath + (subResources.Count > 0 ? "?" + string.Join("&", subResources) : "");
            return request.Method + "\n" + (request.Header("Content-MD5") ?? "") + "\n" + (request.Header("Content-Type") ?? "") + "\n"
                + expires + "\n" + string.Concat(amzHeaders) + resource;
        }
    }
}
