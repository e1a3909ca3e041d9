using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace TextractTools.LocalEndpoint.Hosting.SigV4
{
    /// <summary>
    /// Rebuilds the SigV4 canonical request from what arrived on the wire, the way AWS does on its side:
    /// method, canonical URI, canonical query, canonical headers, signed header list, payload hash.
    /// </summary>
    public static class CanonicalRequest
    {
        /// <param name="s3Rules">S3 encodes the path once; every other service signs the path encoded a second time.</param>
        /// <param name="canonicalUri">One of <see cref="CanonicalUriCandidates"/>.</param>
        public static string Build(IncomingRequest request, string canonicalUri, IReadOnlyList<string> signedHeaders, string payloadHash,
            bool excludeSignatureParameter)
        {
            var sb = new StringBuilder();
            sb.Append(request.Method).Append('\n');
            sb.Append(canonicalUri).Append('\n');
            sb.Append(CanonicalQuery(request.Query, excludeSignatureParameter)).Append('\n');
            foreach (var name in signedHeaders)
            {
                sb.Append(name).Append(':').Append(CanonicalHeaderValue(request.HeaderValues(name))).Append('\n');
            }
            sb.Append('\n');
            sb.Append(string.Join(";", signedHeaders)).Append('\n');
            sb.Append(payloadHash);
            return sb.ToString();
        }

        /// <summary>
        /// The canonical URIs a correct client may have signed. First the path decoded and encoded again by the SigV4
        /// rules (what the AWS SDKs sign, whatever harmless choices the HTTP stack made, e.g. "~" vs "%7E"); then,
        /// when different, the path exactly as sent, for clients that leave characters such as ':' unencoded in
        /// S3 keys and sign them that way.
        /// </summary>
        public static IReadOnlyList<string> CanonicalUriCandidates(string rawPath, bool s3Rules)
        {
            var normalized = UriEncoding.Encode(UriEncoding.Decode(rawPath), keepSlash: true);
            if (normalized.Length == 0) normalized = "/";
            var asSent = rawPath.Length == 0 ? "/" : rawPath;
            var candidates = normalized == asSent ? new[] { normalized } : new[] { normalized, asSent };
            // Services other than S3 sign the (already encoded) path encoded a second time.
            return s3Rules ? candidates : candidates.Select(c => UriEncoding.Encode(c, keepSlash: true)).Distinct().ToArray();
        }

        public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> query, bool excludeSignatureParameter)
        {
            var encoded = query
                .Where(p => !(excludeSignatureParameter && p.Key == "X-Amz-Signature"))
                .Select(p => (Name: UriEncoding.Encode(p.Key), Value: UriEncoding.Encode(p.Value)))
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .ThenBy(p => p.Value, StringComparer.Ordinal);
            return string.Join("&", encoded.Select(p => p.Name + "=" + p.Value));
        }

        /// <summary>Values trimmed, inner runs of spaces collapsed, repeated headers joined with ','.</summary>
        public static string CanonicalHeaderValue(IReadOnlyList<string> values) =>
            string.Join(",", values.Select(CollapseSpaces));

        private static string CollapseSpaces(string value)
        {
            var sb = new StringBuilder(value.Length);
            var lastWasSpace = false;
            foreach (var c in value.Trim())
            {
                var isSpace = c == ' ' || c == '\t';
                if (isSpace && lastWasSpace) continue;
                sb.Append(isSpace ? ' ' : c);
                lastWasSpace = isSpace;
            }
            return sb.ToString();
        }

        public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
            SigV4Crypto.Algorithm + "\n" + amzDate + "\n" + scope + "\n" + SigV4Crypto.HexSha256(canonicalRequest);
    }
}
