using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace TextractTools.Engine.Api.Wire
{
    /// <summary>Reads the JobId of a Start* answer.</summary>
    internal sealed class StartJobResponseUnmarshaller : TextractResponseUnmarshaller
    {
        public static StartJobResponseUnmarshaller Instance { get; } = new StartJobResponseUnmarshaller();

        public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
        {
            var body = ReadBody(context);
            var jobId = ReadJobId(body);
            if (string.IsNullOrEmpty(jobId))
            {
                // Core wraps this into an AmazonUnmarshallingException carrying the request id.
                throw new JsonException("The Start* answer has no JobId.");
            }

            return new StartOperationResponse { JobId = jobId! };
        }

        private static string? ReadJobId(byte[] body)
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("The Start* answer is not a JSON object.");
            }

            string? jobId = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isJobId = reader.ValueTextEquals("JobId");
                reader.Read();
                if (isJobId && reader.TokenType == JsonTokenType.String)
                {
                    jobId = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }

            return jobId;
        }
    }
}
