using System;
using System.Collections.Generic;
using System.Linq;

namespace TextractTools.LocalEndpoint.Hosting.SigV4
{
    public enum SigV4Failure
    {
        None,
        /// <summary>No Authorization header and no presigned query parameters.</summary>
        MissingAuthentication,
        /// <summary>The authentication is present but cannot be read.</summary>
        Malformed,
        UnknownAccessKey,
        SignatureMismatch,
        /// <summary>A presigned URL used after X-Amz-Expires.</summary>
        Expired,
        /// <summary>S3 header authentication without the x-amz-content-sha256 header it requires.</summary>
        MissingPayloadHash,
    }

    /// <summary>The outcome of verifying one request; on success it carries what aws-chunked decoding needs to go on.</summary>
    public sealed class SigV4Result
    {
        public SigV4Failure Failure { get; init; }
        public string Message { get; init; } = "";
        public SigV4Authorization? Authorization { get; init; }

        /// <summary>The derived signing key, kept so chunk signatures of a streaming body can be checked.</summary>
        public byte[]? SigningKey { get; init; }

        /// <summary>What the server computed, returned in S3's SignatureDoesNotMatch error to help debugging (as S3 does).</summary>
        public string? CanonicalRequest { get; init; }
        public string? StringToSign { get; init; }

        public bool Succeeded => Failure == SigV4Failure.None;

        internal static SigV4Result Fail(SigV4Failure failure, string message, SigV4Authorization? auth = null,
            string? canonical = null, string? stringToSign = null) =>
            new() { Failure = failure, Message = message, Authorization = auth, CanonicalRequest = canonical, StringToSign = stringToSign };
    }

    /// <summary>Verifies AWS4-HMAC-SHA256 signatures (and S3's SigV2 presigned URLs) against the endpoint's known credentials.</summary>
    public sealed class SigV4Verifier
    {
        /// <summary>The payload hash value presigned URLs sign.</summary>
        public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

        private readonly Func<string, string?> _secretFor;
        private readonly Func<DateTimeOffset> _clock;

        public SigV4Verifier(IDictionary<string, string> credentials, Func<DateTimeOffset>? clock = null)
        {
            _secretFor = akid => credentials.TryGetValue(akid, out var secret) ? secret : null;
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <param name="s3Rules">
        /// S3: the payload hash is the x-amz-content-sha256 header and the path is encoded once. Other services:
        /// the payload hash is computed from the body and the path is encoded twice.
        /// </param>
        public SigV4Result Verify(IncomingRequest request, bool s3Rules)
        {
            // S3 still takes presigned URLs of signature version 2, which boto3 and the AWS CLI v1 make by default.
            if (s3Rules && SigV2PresignedUrl.IsPresigned(request)) return SigV2PresignedUrl.Verify(request, _secretFor, _clock());
            if (!SigV4Authorization.TryRead(request, out var auth, out var error))
            {
                return error is null
                    ? SigV4Result.Fail(SigV4Failure.MissingAuthentication, "Request is missing Authentication Token")
                    : SigV4Result.Fail(SigV4Failure.Malformed, error);
            }

            var secret = _secretFor(auth.Scope.AccessKeyId);
            if (secret is null)
            {
                return SigV4Result.Fail(SigV4Failure.UnknownAccessKey,
                    "The AWS Access Key Id you provided does not exist in our records.", auth);
            }
            if (!auth.SignedHeaders.Contains("host"))
            {
                return SigV4Result.Fail(SigV4Failure.Malformed, "The host header must be signed.", auth);
            }
            if (!auth.TryGetSigningTime(out var signedAt) || !auth.AmzDate.StartsWith(auth.Scope.Date, StringComparison.Ordinal))
            {
                return SigV4Result.Fail(SigV4Failure.Malformed,
                    $"The request date '{auth.AmzDate}' is malformed or does not match the credential scope date '{auth.Scope.Date}'.", auth);
            }
            if (auth.Presigned && auth.ExpiresSeconds is int expires && _clock() > signedAt.AddSeconds(expires))
            {
                return SigV4Result.Fail(SigV4Failure.Expired, "Request has expired", auth);
            }

            var payloadHash = PayloadHash(request, auth, s3Rules);
            if (payloadHash is null)
            {
                return SigV4Result.Fail(SigV4Failure.MissingPayloadHash, "Missing required header for this request: x-amz-content-sha256", auth);
            }

            var key = SigV4Crypto.SigningKey(secret, auth.Scope.Date, auth.Scope.Region, auth.Scope.Service);
            string? firstCanonical = null, firstStringToSign = null;
            foreach (var canonicalUri in CanonicalRequest.CanonicalUriCandidates(request.RawPath, s3Rules))
            {
                var canonical = CanonicalRequest.Build(request, canonicalUri, auth.SignedHeaders, payloadHash, excludeSignatureParameter: auth.Presigned);
                var stringToSign = CanonicalRequest.StringToSign(auth.AmzDate, auth.Scope.Scope, canonical);
                if (SigV4Crypto.SignaturesEqual(SigV4Crypto.HexSignature(key, stringToSign), auth.Signature))
                {
                    return new SigV4Result { Authorization = auth, SigningKey = key, CanonicalRequest = canonical, StringToSign = stringToSign };
                }
                firstCanonical ??= canonical;
                firstStringToSign ??= stringToSign;
            }
            return SigV4Result.Fail(SigV4Failure.SignatureMismatch,
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                auth, firstCanonical, firstStringToSign);
        }

        private static string? PayloadHash(IncomingRequest request, SigV4Authorization auth, bool s3Rules)
        {
            if (!s3Rules) return SigV4Crypto.HexSha256(request.Body);
            if (auth.Presigned) return request.Header("x-amz-content-sha256") ?? UnsignedPayload;
            return request.Header("x-amz-content-sha256");
        }
    }
}
