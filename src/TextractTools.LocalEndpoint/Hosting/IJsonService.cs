using System.Threading;
using System.Threading.Tasks;

namespace TextractTools.LocalEndpoint.Hosting
{
    /// <summary>What the router knows of the caller of one request, after its SigV4 signature was verified.</summary>
    public sealed record CallContext(string AccessKeyId, string Region, string Service, string RequestId);

    /// <summary>An answer of a JSON 1.1 service: the HTTP status, the JSON body and any headers of the service's own.</summary>
    public sealed record JsonServiceResponse(int StatusCode, string Json)
    {
        /// <summary>Headers a service adds to its answer (SQS: x-amzn-query-error on errors).</summary>
        public System.Collections.Generic.IReadOnlyList<System.Collections.Generic.KeyValuePair<string, string>> Headers { get; init; } =
            System.Array.Empty<System.Collections.Generic.KeyValuePair<string, string>>();

        public static JsonServiceResponse Ok(string json) => new(200, json);

        /// <summary>The error shape the AWS JSON 1.1 protocol uses: {"__type": code, "message": text}.</summary>
        public static JsonServiceResponse Error(int statusCode, string code, string message) =>
            new(statusCode, System.Text.Json.JsonSerializer.Serialize(new System.Collections.Generic.Dictionary<string, string>
            {
                ["__type"] = code,
                ["message"] = message,
            }));
    }

    /// <summary>
    /// A service spoken over the AWS JSON 1.1 protocol (POST /, X-Amz-Target: Prefix.Operation): Textract
    /// ("Textract"), KMS ("TrentService"), SQS ("AmazonSQS").
    /// </summary>
    public interface IJsonService
    {
        /// <summary>The X-Amz-Target prefix before the dot.</summary>
        string TargetPrefix { get; }

        Task<JsonServiceResponse> HandleAsync(string operation, byte[] body, CallContext context, CancellationToken cancellationToken);

        /// <summary>
        /// An error the router answers for this service (a signature that did not verify, an unexpected failure), with
        /// whatever the service adds to every error of its own (SQS: the x-amzn-query-error header).
        /// </summary>
        JsonServiceResponse RouterError(JsonServiceResponse error) => error;
    }
}
