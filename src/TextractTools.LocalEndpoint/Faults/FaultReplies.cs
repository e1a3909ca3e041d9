using System;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.S3;

namespace TextractTools.LocalEndpoint.Faults
{
    /// <summary>
    /// Throttling and server-error answers in the shape each protocol's SDK recognises: S3's XML &lt;Error&gt; (503
    /// SlowDown, 500 InternalError), the JSON services' {"__type", "message"} (400 ThrottlingException or
    /// ProvisionedThroughputExceededException, 500 InternalServerError / KMSInternalException / InternalFailure; SQS's
    /// with x-amzn-query-error), and the query protocol's &lt;ErrorResponse&gt; in the service's namespace (SNS, and SQS
    /// from older clients: 400 Throttling, 500 InternalError).
    /// </summary>
    internal static class FaultReplies
    {
        private const string JsonContentType = "application/x-amz-json-1.1";

        /// <param name="quota">True when a TPS quota refused the call (Textract then says ProvisionedThroughputExceededException).</param>
        public static HttpReply Throttled(IncomingRequest request, string operation, bool quota)
        {
            if (QueryXmlFor(request) is { } query) return Query(query, 400, "Throttling", "Rate exceeded");
            return Service(operation) switch
            {
                "S3" => S3(request, new S3Error(503, "SlowDown", "Please reduce your request rate.")),
                "Textract" => quota
                    ? Json(request, operation, 400, "ProvisionedThroughputExceededException", "The number of requests exceeded your throughput limit.")
                    : Json(request, operation, 400, "ThrottlingException", "Amazon Textract is temporarily unable to process the request. Try your call again."),
                _ => Json(request, operation, 400, "ThrottlingException", "Rate exceeded"),
            };
        }

        public static HttpReply ServerError(IncomingRequest request, string operation)
        {
            if (QueryXmlFor(request) is { } query) return Query(query, 500, "InternalError", "The local endpoint's fault plan failed this request.");
            return Service(operation) switch
            {
                "S3" => S3(request, new S3Error(500, "InternalError", "We encountered an internal error. Please try again.")),
                "Textract" => Json(request, operation, 500, "InternalServerError", "Amazon Textract experienced a service issue. Try your call again."),
                "Kms" => Json(request, operation, 500, "KMSInternalException", "The request was rejected because an internal exception occurred. The request can be retried."),
                _ => Json(request, operation, 500, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure."),
            };
        }

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

        private static HttpReply Json(IncomingRequest request, string operation, int status, string code, string message)
        {
            // JSON 1.0 services (SQS) are answered in 1.0, JSON 1.1 services in 1.1, as the router does.
            var contentType = request.Header("Content-Type") is { } sent && sent.StartsWith("application/x-amz-json-", StringComparison.OrdinalIgnoreCase)
                ? sent : JsonContentType;
            var reply = new HttpReply(status).WithText(JsonServiceResponse.Error(status, code, message).Json, contentType)
                .WithHeader("x-amzn-RequestId", Guid.NewGuid().ToString());
            // SQS's JSON errors carry the query protocol's code too (see SqsError).
            if (Service(operation) == "Sqs") reply.WithHeader(Sqs.SqsError.QueryErrorHeader, Sqs.SqsError.QueryErrorHeaderValue(code, status));
            return reply;
        }

        /// <summary>The XML of the query-protocol service a request is signed for, or null for other protocols.</summary>
        private static QueryXml? QueryXmlFor(IncomingRequest request) => QueryProtocol.SigningName(request) switch
        {
            "sns" => Sns.SnsXml.Xml,
            "sqs" => Sqs.SqsQueryService.QueryXml,
            _ => null,
        };

        private static HttpReply Query(QueryXml xml, int status, string code, string message)
        {
            var requestId = Guid.NewGuid().ToString();
            return xml.Error(status, code, message, requestId).WithHeader("x-amzn-RequestId", requestId);
        }
    }
}
