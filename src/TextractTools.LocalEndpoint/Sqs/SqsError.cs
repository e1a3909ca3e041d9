using System;

namespace TextractTools.LocalEndpoint.Sqs
{
    /// <summary>
    /// An SQS error answer, named in both of SQS's protocols. Over JSON 1.0 the service names modelled errors
    /// "com.amazonaws.sqs#Shape" and adds the query protocol's code in the x-amzn-query-error header (SQS is
    /// "awsQueryCompatible"), so that SDKs surface the same codes in both protocols; over the query protocol the code is
    /// the query one (QueueDoesNotExist is "AWS.SimpleQueueService.NonExistentQueue" there).
    /// </summary>
    internal sealed class SqsError : Exception
    {
        private const string Namespace = "com.amazonaws.sqs#";

        private SqsError(string shape, string message, string? queryCode = null, bool modelled = true, int statusCode = 400) : base(message)
        {
            JsonType = modelled ? Namespace + shape : shape;
            QueryCode = queryCode ?? shape;
            StatusCode = statusCode;
        }

        /// <summary>The JSON protocol's __type.</summary>
        public string JsonType { get; }

        /// <summary>The query protocol's Code (and the first part of x-amzn-query-error).</summary>
        public string QueryCode { get; }

        public int StatusCode { get; }

        /// <summary>The x-amzn-query-error header of a JSON error answer: "Code;Sender" or "Code;Receiver".</summary>
        public static string QueryErrorHeaderValue(string queryCode, int statusCode) => queryCode + ";" + (statusCode >= 500 ? "Receiver" : "Sender");

        public const string QueryErrorHeader = "x-amzn-query-error";

        public static SqsError QueueDoesNotExist() =>
            new("QueueDoesNotExist", "The specified queue does not exist.", "AWS.SimpleQueueService.NonExistentQueue");

        public static SqsError QueueNameExists(string name) =>
            new("QueueNameExists", $"A queue named '{name}' already exists with different attributes.", "QueueAlreadyExists");

        public static SqsError InvalidAttributeName(string name) => new("InvalidAttributeName", $"Unknown Attribute {name}.");

        public static SqsError InvalidAttributeValue(string name, string value, string rule) =>
            new("InvalidAttributeValue", $"Invalid value for the parameter {name}: '{value}'. {rule}");

        public static SqsError InvalidMessageContents(string detail) => new("InvalidMessageContents", detail);

        public static SqsError ReceiptHandleIsInvalid(string handle) =>
            new("ReceiptHandleIsInvalid", $"The input receipt handle \"{handle}\" is not a valid receipt handle.");

        public static SqsError MessageNotInflight() =>
            new("MessageNotInflight", "The message referred to is not in flight (or the receipt handle is not the latest one).",
                "AWS.SimpleQueueService.MessageNotInflight");

        public static SqsError UnsupportedOperation(string detail) =>
            new("UnsupportedOperation", detail, "AWS.SimpleQueueService.UnsupportedOperation");

        /// <summary>A member outside its range or of the wrong shape (the service's generic validation error).</summary>
        public static SqsError InvalidParameterValue(string detail) => new("InvalidParameterValue", detail);

        public static SqsError MissingParameter(string name) =>
            new("MissingParameter", $"The request must contain the parameter {name}.");

        public static SqsError UnknownOperation(string operation) =>
            new("UnknownOperationException", $"The local endpoint does not implement AmazonSQS.{operation}.", "InvalidAction", modelled: false);
    }
}
