using System;

namespace TextractTools.LocalEndpoint.Sqs
{
    /// <summary>
    /// An SQS error answer. Over the JSON protocol the service names modelled errors "com.amazonaws.sqs#Code"; the SDK
    /// keeps the part after '#', so clients see the same codes as over the query protocol's typed exceptions.
    /// </summary>
    internal sealed class SqsError : Exception
    {
        private const string Namespace = "com.amazonaws.sqs#";

        private SqsError(string code, string message, int statusCode = 400) : base(message)
        {
            Code = code;
            StatusCode = statusCode;
        }

        public string Code { get; }
        public int StatusCode { get; }

        public static SqsError QueueDoesNotExist() =>
            new(Namespace + "QueueDoesNotExist", "The specified queue does not exist.");

        public static SqsError QueueNameExists(string name) =>
            new(Namespace + "QueueNameExists", $"A queue named '{name}' already exists with different attributes.");

        public static SqsError InvalidAttributeName(string name) =>
            new(Namespace + "InvalidAttributeName", $"Unknown Attribute {name}.");

        public static SqsError InvalidAttributeValue(string name, string value, string rule) =>
            new(Namespace + "InvalidAttributeValue", $"Invalid value for the parameter {name}: '{value}'. {rule}");

        public static SqsError InvalidMessageContents(string detail) => new(Namespace + "InvalidMessageContents", detail);

        public static SqsError ReceiptHandleIsInvalid(string handle) =>
            new(Namespace + "ReceiptHandleIsInvalid", $"The input receipt handle \"{handle}\" is not a valid receipt handle.");

        public static SqsError MessageNotInflight() =>
            new(Namespace + "MessageNotInflight", "The message referred to is not in flight (or the receipt handle is not the latest one).");

        public static SqsError UnsupportedOperation(string detail) => new(Namespace + "UnsupportedOperation", detail);

        /// <summary>A member outside its range or of the wrong shape (the service's generic validation error).</summary>
        public static SqsError InvalidParameterValue(string detail) => new(Namespace + "InvalidParameterValue", detail);

        public static SqsError MissingParameter(string name) =>
            new(Namespace + "MissingParameter", $"The request must contain the parameter {name}.");

        public static SqsError UnknownOperation(string operation) =>
            new("UnknownOperationException", $"The local endpoint does not implement AmazonSQS.{operation}.");
    }
}
