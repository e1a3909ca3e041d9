using System;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// A Textract error answer (the JSON 1.1 "__type" code and its message). Thrown anywhere below
    /// <see cref="TextractService"/> and turned into the HTTP answer in one place, so validation code reads as a list
    /// of rules instead of a chain of early returns.
    /// </summary>
    internal sealed class TextractException : Exception
    {
        private TextractException(int statusCode, string code, string message) : base(message)
        {
            StatusCode = statusCode;
            Code = code;
        }

        public int StatusCode { get; }
        public string Code { get; }

        // The service's own wording is "Request has invalid parameters"; the detail after it is ours, so that a
        // developer using the local endpoint sees which member broke which rule.
        public static TextractException InvalidParameter(string detail) =>
            new(400, "InvalidParameterException", "Request has invalid parameters: " + detail);

        /// <summary>A body that is not JSON or a member of the wrong JSON type: AWS JSON services reject it before validation.</summary>
        public static TextractException Serialization(string detail) => new(400, "SerializationException", detail);

        public static TextractException InvalidS3Object() => new(400, "InvalidS3ObjectException",
            "Unable to get object metadata from S3. Check object key, region and/or access permissions.");

        public static TextractException InvalidOutputBucket(string bucket) => new(400, "InvalidS3ObjectException",
            $"Unable to write to the output S3 bucket '{bucket}'. Check bucket name, region and/or access permissions.");

        public static TextractException InvalidKmsKey(string keyId) => new(400, "InvalidKMSKeyException",
            $"Unable to use the KMS key '{keyId}': it does not exist in this account and region or it is disabled.");

        public static TextractException UnsupportedDocument() => new(400, "UnsupportedDocumentException",
            "Request has unsupported document format");

        public static TextractException DocumentTooLarge(string detail) => new(400, "DocumentTooLargeException", detail);

        public static TextractException InvalidJobId() => new(400, "InvalidJobIdException", "An invalid job identifier was passed.");

        public static TextractException IdempotentParameterMismatch() => new(400, "IdempotentParameterMismatchException",
            "The ClientRequestToken was already used for a request with different parameters.");

        /// <summary>Too many jobs IN_PROGRESS at once (the service's concurrent-job quota).</summary>
        public static TextractException LimitExceeded(int max) => new(400, "LimitExceededException",
            $"An Amazon Textract service limit was exceeded: {max} asynchronous jobs are already in progress. Start again when one has finished.");

        public static TextractException UnknownOperation(string operation) => new(400, "UnknownOperationException",
            $"The local endpoint does not implement Textract.{operation}.");
    }
}
