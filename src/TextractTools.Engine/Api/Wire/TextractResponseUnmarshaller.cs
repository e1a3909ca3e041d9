using System;
using System.IO;
using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace TextractTools.Engine.Api.Wire
{
    /// <summary>
    /// What every Textract response unmarshaller shares: reading the whole body once, and turning an error answer
    /// into an <see cref="AmazonTextractException"/> whose ErrorCode the SDK retry policy recognises
    /// (ThrottlingException, ProvisionedThroughputExceededException, ...).
    /// </summary>
    internal abstract class TextractResponseUnmarshaller : JsonResponseUnmarshaller
    {
        // The SDK leaves AWSConfigs.StreamingUtf8JsonReaderBufferSize null and its generated code falls back to 4096;
        // a zero buffer makes every parse throw and the retries hide why (CLIENT-NOTES pitfall 4).
        private const int DefaultJsonReaderBufferSize = 4096;

        public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
        {
            var reader = new StreamingUtf8JsonReader(
                context.Stream,
                AWSConfigs.StreamingUtf8JsonReaderBufferSize ?? DefaultJsonReaderBufferSize,
                context.JsonMaxDepth);

            // Core's reader already knows the JSON 1.1 error shapes: __type with or without "namespace#",
            // message / Message, the x-amzn-ErrorType and x-amzn-error-message headers.
            var error = JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(context, ref reader);
            return new AmazonTextractException(
                error.Message,
                innerException,
                error.Type,
                error.Code,
                error.RequestId,
                statusCode);
        }

        /// <summary>Reads the body to its end, once; sized up front when the length is known.</summary>
        protected static byte[] ReadBody(JsonUnmarshallerContext context)
        {
            var declaredLength = context.ResponseData?.ContentLength ?? -1;
            var capacity = declaredLength > 0 && declaredLength < int.MaxValue ? (int)declaredLength : 0;
            using var buffer = new MemoryStream(capacity);
            context.Stream.CopyTo(buffer);
            return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
        }
    }

    /// <summary>An error answered by Textract, as the SDK pipeline carries it (never leaves the Api folder).</summary>
    internal sealed class AmazonTextractException : AmazonServiceException
    {
        public AmazonTextractException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
