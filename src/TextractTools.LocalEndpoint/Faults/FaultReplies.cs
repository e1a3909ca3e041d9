using System;
using System.Xml.Linq;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.S3;

namespace TextractTools.LocalEndpoint.Faults
{
    /// <summary>
    /// Throttling and server-error answers in the shape each protocol's SDK recognises: S3's XML &lt;Error&gt; (503
    /// SlowDown, 500 InternalError), the JSON services' {"__type", "message"} (400 ThrottlingException or
    /// ProvisionedThroughputExceededException, 500 InternalServerError / KMSInternalException / InternalFailure), and
    /// the query protocol's &lt;ErrorResponse&gt; (SNS: 400 Throttling, 500 InternalError).
    /// </summary>
    internal static class FaultReplies
    {
        private const string JsonContentType = "application/x-amz-json-1.1";

        /// <param name="quota">True when a TPS quota refused the call (Textract then says ProvisionedThroughputExceededException).</param>
        public static HttpReply Throttled(IncomingRequest request, string operation, bool quota)
        {
            var service = Service(operation);
            return service switch
            {
                "S3" => S3(request, new S3Error(503, "SlowDown", "Please reduce your request rate.")),
                "Textract" => quota
                    ? Json(request, 400, "ProvisionedThroughputExceededException", "The number of requests exceeded your throughput limit.")
                    : Json(request, 400, "ThrottlingException", "Amazon Textract is temporarily unable to process the request. Try your call again."),
                "Sns" => Query(400, "Sender", "Throttling", "Rate exceeded"),
                _ => Json(request, 400, "ThrottlingException", "Rate exceeded"),
            };
        }

        public static HttpReply ServerError(IncomingRequest request, string operation) => Service(operation) switch
        {
            "S3" => S3(request, new S3Error(500, "InternalError", "We encountered an internal error. Please try again.")),
            "Textract" => Json(request, 500, "InternalServerError", "Amazon Textract experienced a service issue. Try your call again."),
            "Kms" => Json(request, 500, "KMSInternalException", "The request was rejected because an internal exception occurred. The request can be retried."),
            "Sns" => Query(500, "Receiver", "InternalError", "The local endpoint's fault plan failed this request."),
            _ => Json(request, 500, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure."),
        };

        /// <summary>
        /// The first half of <paramref name="reply"/>'s body under headers announcing all of it: what the client sees
        /// of an answer whose connection is cut mid-body. Null when there is no body to cut (abort before any byte).
        /// </summary>
        public static HttpReply? FirstHalf(HttpReply reply, bool head)
        {
            if (head || reply.Body.Length < 2 || reply.StatusCode == 204 || reply.StatusCode == 304) return null;
            var cut = new HttpReply(reply.StatusCode) { ContentLength = reply.ContentLength ?? reply.Body.Length };
            foreach (var (name, value) in reply.Headers) cut.WithHeader(name, value);
            return cut.WithBody(reply.Body.Slice(0, reply.Body.Length / 2), reply.ContentType ?? "application/octet-stream");
        }

        private static string Service(string operation)
        {
            var dot = operation.IndexOf('.');
            return dot < 0 ? operation : operation.Substring(0, dot);
        }

        private static HttpReply S3(IncomingRequest request, S3Error error)
        {
            var requestId = Guid.NewGuid().ToString("N").Substring(0, 16).ToUpperInvariant();
            return S3Xml.Error(error, requestId, request.Method == "HEAD")
                .WithHeader("x-amz-request-id", requestId).WithHeader("x-amz-id-2", S3Xml.HostId(requestId));
        }

        private static HttpReply Json(IncomingRequest request, int status, string code, string message)
        {
            // JSON 1.0 services (SQS) are answered in 1.0, JSON 1.1 services in 1.1, as the router does.
            var contentType = request.Header("Content-Type") is { } sent && sent.StartsWith("application/x-amz-json-", StringComparison.OrdinalIgnoreCase)
                ? sent : JsonContentType;
            return new HttpReply(status).WithText(JsonServiceResponse.Error(status, code, message).Json, contentType)
                .WithHeader("x-amzn-RequestId", Guid.NewGuid().ToString());
        }

        private static HttpReply Query(int status, string type, string code, string message)
        {
            var requestId = Guid.NewGuid().ToString();
            XNamespace ns = "http://sns.amazonaws.com/doc/2010-03-31/";
            var root = new XElement(ns + "ErrorResponse",
                new XElement(ns + "Error", new XElement(ns + "Type", type), new XElement(ns + "Code", code), new XElement(ns + "Message", message)),
                new XElement(ns + "RequestId", requestId));
            return new HttpReply(status).WithText(root.ToString(SaveOptions.DisableFormatting), "text/xml").WithHeader("x-amzn-RequestId", requestId);
        }
    }
}
