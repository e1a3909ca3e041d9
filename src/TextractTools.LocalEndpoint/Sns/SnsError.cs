using System;

namespace TextractTools.LocalEndpoint.Sns
{
    /// <summary>An SNS error answer of the query protocol: HTTP status (5xx answers are the Receiver's fault), code and message.</summary>
    internal sealed class SnsError : Exception
    {
        private SnsError(int statusCode, string code, string message) : base(message)
        {
            StatusCode = statusCode;
            Code = code;
        }

        public int StatusCode { get; }
        public string Code { get; }

        /// <summary>The service's wording: "Invalid parameter: NAME Reason: ...".</summary>
        public static SnsError InvalidParameter(string parameter, string reason) =>
            new(400, "InvalidParameter", $"Invalid parameter: {parameter} Reason: {reason}");

        public static SnsError NotFound(string message) => new(404, "NotFound", message);

        public static SnsError InvalidAction(string action) =>
            new(400, "InvalidAction", $"The action {action} is not valid for this endpoint (the local endpoint emulates topics, SQS subscriptions and Publish).");

        public static SnsError MissingParameter(string parameter) =>
            new(400, "ValidationError", $"1 validation error detected: Value null at '{parameter}' failed to satisfy constraint: Member must not be null");

        public static SnsError Internal(string message) => new(500, "InternalError", message);
    }
}
