using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using Amazon.Runtime;
using TextractTools.Engine.Api;

namespace TextractTools.Engine.Session
{
    /// <summary>What kind of failure an AWS call ended in: what the retry loops and the error records decide by.</summary>
    public enum AwsFailureKind
    {
        /// <summary>Not a failure this classification knows (a bug, an unexpected exception).</summary>
        Other,

        /// <summary>The service asked us to slow down (ThrottlingException, SlowDown, 429): try again after a wait.</summary>
        Throttled,

        /// <summary>No usable answer, or a server-side failure (5xx, a dropped connection, a timeout, a body cut short): try again.</summary>
        Transient,

        /// <summary>Textract's concurrent-job quota (LimitExceededException): clears when a running job ends.</summary>
        JobLimit,

        /// <summary>The request was wrong (a parameter, a token reused with other parameters): trying again cannot help.</summary>
        CallerFault,

        /// <summary>The document itself cannot be read by Textract (format, size, damage).</summary>
        BadDocument,

        /// <summary>The bucket, object, key, alias or job does not exist (or is no longer kept).</summary>
        NotFound,

        /// <summary>The caller's identity lacks a permission.</summary>
        AccessDenied,

        /// <summary>The credentials themselves are wrong: unknown key, bad signature, expired token, clock skew, none found.</summary>
        Credentials,

        /// <summary>The resource exists but cannot be used now (a disabled or pending-deletion KMS key).</summary>
        Unavailable,

        /// <summary>The caller cancelled (Ctrl+C).</summary>
        Cancelled,
    }

    /// <summary>One failure classified: its kind, the service's code (or one of ours) and the HTTP status (0 without an answer).</summary>
    public readonly struct AwsFailure
    {
        public AwsFailure(AwsFailureKind kind, string code, int statusCode)
        {
            Kind = kind;
            Code = code;
            StatusCode = statusCode;
        }

        public AwsFailureKind Kind { get; }
        public string Code { get; }
        public int StatusCode { get; }

        /// <summary>True when trying the same call again later may succeed (after the SDK's own retries were spent).</summary>
        public bool IsRetryable => Kind == AwsFailureKind.Throttled || Kind == AwsFailureKind.Transient || Kind == AwsFailureKind.JobLimit;

        public override string ToString() => Kind + " (" + Code + (StatusCode > 0 ? ", " + StatusCode : "") + ")";
    }

    /// <summary>
    /// The one classification of AWS failures (Textract, S3, KMS, SQS, credentials, the network): the retry loops
    /// (output reads, batch starts and polls) and the cmdlets' error records both ask it, so they always agree.
    /// </summary>
    public static class AwsFailures
    {
        /// <summary>The client's code for failures that end without a usable answer read as the service's codes do.</summary>
        public const string NoAnswer = "NoAnswer";

        private static readonly Dictionary<string, AwsFailureKind> KindOfCode = new Dictionary<string, AwsFailureKind>(StringComparer.Ordinal)
        {
            // Throttling, by whichever name the service uses.
            ["ThrottlingException"] = AwsFailureKind.Throttled,
            ["Throttling"] = AwsFailureKind.Throttled,
            ["ProvisionedThroughputExceededException"] = AwsFailureKind.Throttled,
            ["SlowDown"] = AwsFailureKind.Throttled,
            ["TooManyRequestsException"] = AwsFailureKind.Throttled,
            ["RequestLimitExceeded"] = AwsFailureKind.Throttled,
            ["LimitExceededException"] = AwsFailureKind.JobLimit,
            // Server side, or no usable answer.
            ["InternalServerError"] = AwsFailureKind.Transient,
            ["InternalError"] = AwsFailureKind.Transient,
            ["ServiceUnavailable"] = AwsFailureKind.Transient,
            ["RequestTimeout"] = AwsFailureKind.Transient,
            [TextractErrors.ConnectionFailure] = AwsFailureKind.Transient,
            [TextractErrors.RequestTimeout] = AwsFailureKind.Transient,
            [TextractErrors.InvalidResponse] = AwsFailureKind.Transient,
            // The request.
            ["InvalidParameterException"] = AwsFailureKind.CallerFault,
            ["InvalidKMSKeyException"] = AwsFailureKind.CallerFault,
            ["IdempotentParameterMismatchException"] = AwsFailureKind.CallerFault,
            ["ValidationException"] = AwsFailureKind.CallerFault,
            ["InvalidRequest"] = AwsFailureKind.CallerFault,
            ["InvalidArgument"] = AwsFailureKind.CallerFault,
            [TextractErrors.ClientError] = AwsFailureKind.CallerFault,
            // The document.
            ["UnsupportedDocumentException"] = AwsFailureKind.BadDocument,
            ["BadDocumentException"] = AwsFailureKind.BadDocument,
            ["DocumentTooLargeException"] = AwsFailureKind.BadDocument,
            // Missing things.
            ["InvalidS3ObjectException"] = AwsFailureKind.NotFound,
            ["NoSuchKey"] = AwsFailureKind.NotFound,
            ["NoSuchBucket"] = AwsFailureKind.NotFound,
            ["NotFound"] = AwsFailureKind.NotFound,
            ["InvalidJobIdException"] = AwsFailureKind.NotFound,
            ["NotFoundException"] = AwsFailureKind.NotFound,
            ["AWS.SimpleQueueService.NonExistentQueue"] = AwsFailureKind.NotFound,
            ["QueueDoesNotExist"] = AwsFailureKind.NotFound,
            // Permissions.
            ["AccessDeniedException"] = AwsFailureKind.AccessDenied,
            ["AccessDenied"] = AwsFailureKind.AccessDenied,
            ["AuthorizationError"] = AwsFailureKind.AccessDenied,
            // The credentials.
            ["InvalidAccessKeyId"] = AwsFailureKind.Credentials,
            ["SignatureDoesNotMatch"] = AwsFailureKind.Credentials,
            ["InvalidSignatureException"] = AwsFailureKind.Credentials,
            ["UnrecognizedClientException"] = AwsFailureKind.Credentials,
            ["InvalidClientTokenId"] = AwsFailureKind.Credentials,
            ["ExpiredToken"] = AwsFailureKind.Credentials,
            ["ExpiredTokenException"] = AwsFailureKind.Credentials,
            ["RequestTimeTooSkewed"] = AwsFailureKind.Credentials,
            ["RequestExpired"] = AwsFailureKind.Credentials,
            // Usable later, not now.
            ["DisabledException"] = AwsFailureKind.Unavailable,
            ["KMSInvalidStateException"] = AwsFailureKind.Unavailable,
        };

        /// <summary>The kind a service's error code stands for; by HTTP status where the code is not known.</summary>
        public static AwsFailureKind KindOf(string? code, int statusCode)
        {
            if (code != null && KindOfCode.TryGetValue(ServiceCode(code), out var kind)) return kind;
            if (statusCode == 429) return AwsFailureKind.Throttled;
            if (statusCode >= 500) return AwsFailureKind.Transient;
            if (statusCode == 403) return AwsFailureKind.AccessDenied;
            if (statusCode == 404) return AwsFailureKind.NotFound;
            if (statusCode >= 400) return AwsFailureKind.CallerFault;
            return AwsFailureKind.Other;
        }

        /// <summary>
        /// Classifies <paramref name="exception"/>. A cancellation is the caller's (Cancelled) only when
        /// <paramref name="cancellationToken"/> was cancelled; otherwise it is an HTTP timeout (Transient).
        /// </summary>
        public static AwsFailure Classify(Exception exception, CancellationToken cancellationToken = default)
        {
            if (exception is null) throw new ArgumentNullException(nameof(exception));
            if (cancellationToken.IsCancellationRequested && exception is OperationCanceledException)
                return new AwsFailure(AwsFailureKind.Cancelled, "OperationStopped", 0);
            switch (exception)
            {
                case TextractServiceException textract:
                    return new AwsFailure(KindOf(textract.ErrorCode, textract.StatusCode), textract.ErrorCode, textract.StatusCode);
                case AmazonServiceException service:
                    var code = string.IsNullOrEmpty(service.ErrorCode) ? "AwsServiceError" : service.ErrorCode;
                    var status = (int)service.StatusCode;
                    var kind = KindOf(code, status);
                    // A body that broke off after the headers arrived: the answer was fine, the transfer was not.
                    if (kind == AwsFailureKind.Other && HasInner<IOException>(service)) kind = AwsFailureKind.Transient;
                    return new AwsFailure(kind, code, status);
                case AmazonClientException client when HasInner<IOException>(client) || HasInner<HttpRequestException>(client):
                    return new AwsFailure(AwsFailureKind.Transient, NoAnswer, 0);
                case AmazonClientException _:
                    return new AwsFailure(AwsFailureKind.CallerFault, "AwsClientError", 0);
                case InvalidOperationException noCredentials when noCredentials.InnerException is AmazonClientException:
                    // The session's message for "no credentials anywhere in the chain".
                    return new AwsFailure(AwsFailureKind.Credentials, "NoAwsCredentials", 0);
                case FileNotFoundException _:
                case DirectoryNotFoundException _:
                    return new AwsFailure(AwsFailureKind.NotFound, "PathNotFound", 0);
                case IOException _:          // includes TruncatedOutputException and HttpIOException
                case JsonException _:        // a body that arrived short of its end
                case HttpRequestException _:
                case TimeoutException _:
                case OperationCanceledException _: // an HTTP timeout: not the caller's token (checked above)
                    return new AwsFailure(AwsFailureKind.Transient, NoAnswer, 0);
                default:
                    return new AwsFailure(AwsFailureKind.Other, exception.GetType().Name, 0);
            }
        }

        /// <summary>Worth the same call again: <see cref="Classify"/>'s verdict.</summary>
        public static bool IsRetryable(Exception exception, CancellationToken cancellationToken = default) =>
            Classify(exception, cancellationToken).IsRetryable;

        /// <summary>
        /// "com.amazonaws.textract#ThrottlingException" -> "ThrottlingException"; "KMS.NotFoundException" (S3 passing on
        /// KMS's answer about the key of an SSE-KMS request) -> "NotFoundException".
        /// </summary>
        public static string ServiceCode(string code)
        {
            var hash = code.LastIndexOf('#');
            var bare = hash >= 0 ? code.Substring(hash + 1) : code;
            return bare.StartsWith("KMS.", StringComparison.Ordinal) ? bare.Substring(4) : bare;
        }

        /// <summary>
        /// The failure's message for people: the service's own words, except where the SDK stands in for an answer
        /// without a body ("Error making request with Error Code NotFound and Http Status Code NotFound. No further
        /// error information was returned by the service.": S3 HEAD answers) and for raw KMS answers passed on by S3
        /// ("Invalid keyId 'x'"), which are said plainly.
        /// </summary>
        public static string MessageOf(Exception exception)
        {
            if (exception is null) throw new ArgumentNullException(nameof(exception));
            var message = exception.Message ?? "";
            if (exception is AmazonServiceException service)
            {
                var status = (int)service.StatusCode;
                if (message.StartsWith("Error making request with Error Code", StringComparison.Ordinal) || message.Length == 0)
                {
                    switch (status)
                    {
                        case 404: return "404 Not Found: no such object or bucket (the answer to a HEAD request has no body to say more).";
                        case 403: return "403 Forbidden, with no reason given (the answer to a HEAD request has no body): access was denied, " +
                                         "or the object does not exist and s3:ListBucket is not granted, or the credentials were refused.";
                        default: return status + " " + service.StatusCode + ", with no details (the answer had no body).";
                    }
                }
                var code = service.ErrorCode ?? "";
                if (code.StartsWith("KMS.", StringComparison.Ordinal))
                {
                    var key = QuotedKey(message);
                    var what = key is null ? "the KMS key" : "the KMS key '" + key + "'";
                    switch (ServiceCode(code))
                    {
                        case "NotFoundException":
                            return $"{what} was not found: there is no such key or alias in this region (or this account may not see it), so S3 could not encrypt or decrypt with it. (S3 said: {message})";
                        case "DisabledException":
                        case "KMSInvalidStateException":
                            return $"{what} is disabled or pending deletion, so S3 could not encrypt or decrypt with it. (S3 said: {message})";
                    }
                }
            }
            return message;
        }

        /// <summary>What to do about a failure of the credentials themselves (an unknown key, a bad secret, an expired token).</summary>
        public static string CredentialsAdvice(string code)
        {
            switch (ServiceCode(code))
            {
                case "InvalidSignatureException":
                case "SignatureDoesNotMatch":
                    return "The secret key does not match the access key: check -SecretKey, the profile, or AWS_SECRET_ACCESS_KEY.";
                case "UnrecognizedClientException":
                case "InvalidAccessKeyId":
                    return "The access key is unknown to this endpoint or account: check -AccessKey, the profile, or AWS_ACCESS_KEY_ID.";
                case "ExpiredToken":
                case "ExpiredTokenException":
                case "RequestExpired":
                    return "The session token has expired: get new temporary credentials (e.g. aws sso login, or assume the role again) and run the command again.";
                case "InvalidClientTokenId":
                    return "The access key or session token is not valid: check -AccessKey, -SessionToken or the profile.";
                case "RequestTimeTooSkewed":
                    return "This machine's clock is more than 5 minutes off: correct the system time.";
                case "NoAwsCredentials":
                    return "Pass -AccessKey and -SecretKey or -ProfileName, run Set-AWSCredential, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or AWS_PROFILE.";
                default:
                    return "Check the credentials (-AccessKey/-SecretKey/-SessionToken, -ProfileName, or the environment).";
            }
        }

        private static string? QuotedKey(string message)
        {
            var open = message.IndexOf('\'');
            var close = open < 0 ? -1 : message.IndexOf('\'', open + 1);
            return close > open + 1 ? message.Substring(open + 1, close - open - 1) : null;
        }

        private static bool HasInner<T>(Exception e) where T : Exception
        {
            for (var inner = e.InnerException; inner != null; inner = inner.InnerException)
                if (inner is T) return true;
            return false;
        }
    }
}
