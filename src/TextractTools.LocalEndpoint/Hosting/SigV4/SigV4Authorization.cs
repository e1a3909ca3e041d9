using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace TextractTools.LocalEndpoint.Hosting.SigV4
{
    /// <summary>The credential scope of a signature: AKID/yyyyMMdd/region/service/aws4_request.</summary>
    public sealed record SigV4Scope(string AccessKeyId, string Date, string Region, string Service)
    {
        public string Scope => $"{Date}/{Region}/{Service}/aws4_request";

        public static bool TryParse(string credential, out SigV4Scope scope)
        {
            scope = null!;
            var parts = credential.Split('/');
            if (parts.Length != 5 || parts[4] != "aws4_request" || parts.Any(p => p.Length == 0)) return false;
            scope = new SigV4Scope(parts[0], parts[1], parts[2], parts[3]);
            return true;
        }
    }

    /// <summary>
    /// What a request claims about its signature, read either from the Authorization header or from the
    /// X-Amz-* query parameters of a presigned URL.
    /// </summary>
    public sealed class SigV4Authorization
    {
        private SigV4Authorization(SigV4Scope scope, IReadOnlyList<string> signedHeaders, string signature, string amzDate,
            bool presigned, int? expiresSeconds)
        {
            Scope = scope;
            SignedHeaders = signedHeaders;
            Signature = signature;
            AmzDate = amzDate;
            Presigned = presigned;
            ExpiresSeconds = expiresSeconds;
        }

        public SigV4Scope Scope { get; }

        /// <summary>Lower-case header names, in the order the client listed them (SigV4 requires sorted).</summary>
        public IReadOnlyList<string> SignedHeaders { get; }

        public string Signature { get; }

        /// <summary>The request time as signed: yyyyMMddTHHmmssZ.</summary>
        public string AmzDate { get; }

        public bool Presigned { get; }

        public int? ExpiresSeconds { get; }

        /// <summary>
        /// Reads the authentication a request carries. Returns false with a null error when it carries none, false
        /// with an error text when what it carries is malformed.
        /// </summary>
        public static bool TryRead(IncomingRequest request, out SigV4Authorization auth, out string? error)
        {
            auth = null!;
            error = null;
            var header = request.Header("Authorization");
            if (header is not null) return TryReadHeader(request, header, out auth, out error);
            if (request.HasQuery("X-Amz-Signature") || request.HasQuery("X-Amz-Credential")) return TryReadQuery(request, out auth, out error);
            return false;
        }

        private static bool TryReadHeader(IncomingRequest request, string header, out SigV4Authorization auth, out string? error)
        {
            auth = null!;
            error = null;
            header = header.Trim();
            if (!header.StartsWith(SigV4Crypto.Algorithm + " ", StringComparison.Ordinal))
            {
                error = "Only AWS4-HMAC-SHA256 signatures are supported.";
                return false;
            }
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var part in header.Substring(SigV4Crypto.Algorithm.Length).Split(','))
            {
                var eq = part.IndexOf('=');
                if (eq > 0) fields[part.Substring(0, eq).Trim()] = part.Substring(eq + 1).Trim();
            }
            if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var signedHeaders)
                || !fields.TryGetValue("Signature", out var signature))
            {
                error = "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.";
                return false;
            }
            if (!SigV4Scope.TryParse(credential, out var scope))
            {
                error = "Authorization header has a malformed Credential: " + credential;
                return false;
            }
            var amzDate = request.Header("x-amz-date") ?? FromHttpDate(request.Header("Date"));
            if (amzDate is null)
            {
                error = "Authorization requires an x-amz-date or Date header.";
                return false;
            }
            auth = new SigV4Authorization(scope, SplitHeaders(signedHeaders), signature, amzDate, presigned: false, expiresSeconds: null);
            return true;
        }

        private static bool TryReadQuery(IncomingRequest request, out SigV4Authorization auth, out string? error)
        {
            auth = null!;
            error = null;
            var algorithm = request.QueryValue("X-Amz-Algorithm");
            var credential = request.QueryValue("X-Amz-Credential");
            var amzDate = request.QueryValue("X-Amz-Date");
            var signedHeaders = request.QueryValue("X-Amz-SignedHeaders");
            var signature = request.QueryValue("X-Amz-Signature");
            var expires = request.QueryValue("X-Amz-Expires");
            if (algorithm != SigV4Crypto.Algorithm || credential is null || amzDate is null || signedHeaders is null || signature is null)
            {
                error = "Query-string authentication requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date and X-Amz-SignedHeaders parameters.";
                return false;
            }
            if (!SigV4Scope.TryParse(credential, out var scope))
            {
                error = "X-Amz-Credential is malformed: " + credential;
                return false;
            }
            int? expiresSeconds = int.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var e) ? e : null;
            auth = new SigV4Authorization(scope, SplitHeaders(signedHeaders), signature, amzDate, presigned: true, expiresSeconds);
            return true;
        }

        /// <summary>
        /// A caller authenticated by an S3 presigned URL of signature version 2 (see <see cref="SigV2PresignedUrl"/>), in
        /// the shape the rest of the endpoint reads: the access key id and the "s3" service; no region or chunk chain.
        /// </summary>
        internal static SigV4Authorization FromSigV2(string accessKeyId, string signature, DateTimeOffset signedAt) =>
            new(new SigV4Scope(accessKeyId, signedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture), "", "s3"),
                new[] { "host" }, signature, signedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
                presigned: true, expiresSeconds: null);

        public bool TryGetSigningTime(out DateTimeOffset time) =>
            DateTimeOffset.TryParseExact(AmzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

        private static IReadOnlyList<string> SplitHeaders(string list) =>
            list.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(h => h.Trim().ToLowerInvariant()).ToList();

        private static string? FromHttpDate(string? date) =>
            date is not null && DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
                ? d.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)
                : null;
    }
}
