using System;

namespace TextractTools.Engine.Api
{
    /// <summary>
    /// An error answered by Textract (or raised by the client on its behalf). Keeps the service's error code and
    /// message as they came. Typed subclasses exist for the codes callers branch on.
    /// </summary>
    public class TextractServiceException : Exception
    {
        public TextractServiceException(string errorCode, string message, int statusCode, string? requestId, Exception? inner = null)
            : base(message, inner)
        {
            ErrorCode = errorCode;
            StatusCode = statusCode;
            RequestId = requestId;
        }

        /// <summary>The service's code without namespace prefix, e.g. InvalidS3ObjectException.</summary>
        public string ErrorCode { get; }

        /// <summary>The HTTP status of the answer (0 when no answer was received).</summary>
        public int StatusCode { get; }

        public string? RequestId { get; }
    }
}
