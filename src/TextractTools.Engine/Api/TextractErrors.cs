using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Api
{
    /// <summary>
    /// The single factory of <see cref="TextractServiceException"/>s: the service's documented codes get their typed
    /// subclass (named exactly as the code), anything else the base type. Also names the codes this client raises on
    /// the service's behalf when no usable answer arrived. Which of them are worth retrying is Session/AwsFailures'
    /// to say, for Textract's codes and every other service's alike.
    /// </summary>
    public static class TextractErrors
    {
        /// <summary>No HTTP answer: connection refused or reset, DNS or TLS failure (after the SDK's retries).</summary>
        public const string ConnectionFailure = "ConnectionFailure";

        /// <summary>The HTTP request timed out without the caller cancelling (after the SDK's retries).</summary>
        public const string RequestTimeout = "RequestTimeout";

        /// <summary>An answer arrived but could not be understood (not JSON, or a required member missing).</summary>
        public const string InvalidResponse = "InvalidResponse";

        /// <summary>The SDK refused before sending: no credentials found, bad endpoint configuration, and the like.</summary>
        public const string ClientError = "ClientError";

        private static readonly Dictionary<string, Func<string, int, string?, Exception?, TextractServiceException>> TypedErrors =
            new Dictionary<string, Func<string, int, string?, Exception?, TextractServiceException>>(StringComparer.Ordinal)
            {
                ["InvalidParameterException"] = (message, status, requestId, inner) => new InvalidParameterException(message, status, requestId, inner),
                ["InvalidS3ObjectException"] = (message, status, requestId, inner) => new InvalidS3ObjectException(message, status, requestId, inner),
                ["InvalidKMSKeyException"] = (message, status, requestId, inner) => new InvalidKMSKeyException(message, status, requestId, inner),
                ["UnsupportedDocumentException"] = (message, status, requestId, inner) => new UnsupportedDocumentException(message, status, requestId, inner),
                ["DocumentTooLargeException"] = (message, status, requestId, inner) => new DocumentTooLargeException(message, status, requestId, inner),
                ["BadDocumentException"] = (message, status, requestId, inner) => new BadDocumentException(message, status, requestId, inner),
                ["AccessDeniedException"] = (message, status, requestId, inner) => new AccessDeniedException(message, status, requestId, inner),
                ["ProvisionedThroughputExceededException"] = (message, status, requestId, inner) => new ProvisionedThroughputExceededException(message, status, requestId, inner),
                ["InternalServerError"] = (message, status, requestId, inner) => new InternalServerError(message, status, requestId, inner),
                ["IdempotentParameterMismatchException"] = (message, status, requestId, inner) => new IdempotentParameterMismatchException(message, status, requestId, inner),
                ["ThrottlingException"] = (message, status, requestId, inner) => new ThrottlingException(message, status, requestId, inner),
                ["LimitExceededException"] = (message, status, requestId, inner) => new LimitExceededException(message, status, requestId, inner),
                ["InvalidJobIdException"] = (message, status, requestId, inner) => new InvalidJobIdException(message, status, requestId, inner),
            };

        /// <summary>The documented service codes that have a typed subclass.</summary>
        public static IReadOnlyCollection<string> KnownServiceCodes => TypedErrors.Keys;

        /// <summary>Creates the typed exception for <paramref name="errorCode"/> (or the base type for other codes).</summary>
        public static TextractServiceException Create(string errorCode, string message, int statusCode, string? requestId, Exception? inner = null)
        {
            var code = StripNamespace(errorCode);
            return TypedErrors.TryGetValue(code, out var create)
                ? create(message, statusCode, requestId, inner)
                : new TextractServiceException(code, message, statusCode, requestId, inner);
        }

        /// <summary>"com.amazonaws.textract#ThrottlingException" -> "ThrottlingException".</summary>
        private static string StripNamespace(string? errorCode)
        {
            if (string.IsNullOrEmpty(errorCode))
            {
                return "Unknown";
            }

            var hash = errorCode!.LastIndexOf('#');
            return hash >= 0 ? errorCode.Substring(hash + 1) : errorCode;
        }
    }

    /// <summary>A request parameter is not valid (Start*, Get*).</summary>
    public sealed class InvalidParameterException : TextractServiceException
    {
        public InvalidParameterException(string message, int statusCode, string? requestId, Exception? inner = null)
            : base(nameof(InvalidParameterException), message, statusCode, requestId, inner)
        {
        }
    }

    /// <summary>The document or output location in S3 cannot be read or written by Textract.</summary>
    public sealed class InvalidS3ObjectException : TextractServiceException
    {
        public InvalidS3ObjectException(string message, int statusCode, string? requestId, Exception? inner = null)
            : base(nameof(InvalidS3ObjectException), message, statusCode, requestId, inner)
        {
        }
    }

    /// <summary>The KMS key cannot be used by Textract (missing permission, disabled or wrong region).</summary>
    public sealed class InvalidKMSKeyException : TextractServiceException
    {
        public InvalidKMSKeyException(string message, int statusCode, string? requestId, Exception? inner = null)
            : base(nameof(InvalidKMSKeyException), message, statusCode, requestId, inner)
        {
        }
    }

    /// <summary>The document format is not supported (PDF, TIFF, JPEG and PNG are).</summary>
    public sealed class UnsupportedDocumentException : TextractServiceException
    {
        public UnsupportedDocumentException(string message, int statusCode, string? requestId, Exception? inner = null)
            : base(nameof(UnsupportedDocumentException), message, statusCode, requestId, inner)
        {
        }
    }

    /// <summary>The document is larger than the service accepts.</summary>
    public sealed class DocumentTooLargeException : TextractServiceException
    {
        public DocumentTooLargeException(string message, int statusCode, string? requestId, Exception? inner = null)
            : base(nameof(DocumentTooLargeException), message, statusCode, requestId, inner)
        {
        }
    }

    /// <summary>Textract could not read the document (damaged or unreadable content).</summary>
    public sealed class BadDocumentException : TextractServiceException
    {
        public BadDocumentException(string message, int statusCode, string? requestId, Exception? inner = null)
            : base(nameof(BadDocumentException), message, statusCode, requestId, inner)
        {
        }
    }

    /// <summary>The caller is not allowed to perform the operation.</summary>
    public sealed class AccessDeniedException : TextractServiceException
    {
        public AccessDeniedException(string message, int statusCode, string? requestId, Exception? inner = null)
            : base(nameof(AccessDeniedException), message, statusCode, requestId, inner)
        {
        }
    }

    /// <summary>The account's request rate for Textract was exceeded; retryable after a wait.</summary>
    public sealed class ProvisionedThroughputExceededException : TextractServiceException
    {
        public ProvisionedThroughputExceededException(string message, int statusCode, string? requestId, Exception? inner = null)
            : base(nameof(ProvisionedThroughputExceededException), message, statusCode, requestId, inner)
        {
        }
    }

    /// <summary>Textract failed internally; retryable.</summary>
    public sealed class InternalServerError : TextractServiceException
    {
        public InternalServerError(string message, int statusCode, string? requestId, Exception? inner = null)
            : base(nameof(InternalServerError), message, statusCode, requestId, inner)
        {
        }
    }

    /// <summary>The ClientRequestToken was already used with other parameters within 7 days.</summary>
    public sealed class IdempotentParameterMismatchException : TextractServiceException
    {
        public IdempotentParameterMismatchException(string message, int statusCode, string? requestId, Exception? inner = null)
            : base(nameof(IdempotentParameterMismatchException), message, statusCode, requestId, inner)
        {
        }
    }

    /// <summary>Textract is throttling requests; retryable after a wait.</summary>
    public sealed class ThrottlingException : TextractServiceException
    {
        public ThrottlingException(string message, int statusCode, string? requestId, Exception? inner = null)
            : base(nameof(ThrottlingException), message, statusCode, requestId, inner)
        {
        }
    }

    /// <summary>Too many concurrent jobs for the account; retryable after a wait.</summary>
    public sealed class LimitExceededException : TextractServiceException
    {
        public LimitExceededException(string message, int statusCode, string? requestId, Exception? inner = null)
            : base(nameof(LimitExceededException), message, statusCode, requestId, inner)
        {
        }
    }

    /// <summary>The JobId is unknown or has expired (results are kept for 7 days).</summary>
    public sealed class InvalidJobIdException : TextractServiceException
    {
        public InvalidJobIdException(string message, int statusCode, string? requestId, Exception? inner = null)
            : base(nameof(InvalidJobIdException), message, statusCode, requestId, inner)
        {
        }
    }
}
