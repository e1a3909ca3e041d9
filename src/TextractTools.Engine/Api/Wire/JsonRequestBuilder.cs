using System;
using System.IO;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace TextractTools.Engine.Api.Wire
{
    /// <summary>
    /// The JSON 1.1 envelope every Textract operation shares: POST /, X-Amz-Target Textract.&lt;Operation&gt;,
    /// Content-Type application/x-amz-json-1.1, and a JSON object body.
    /// </summary>
    internal static class JsonRequestBuilder
    {
        public const string ContentType = "application/x-amz-json-1.1";
        public const string TargetPrefix = "Textract.";

        public static IRequest Build(AmazonWebServiceRequest original, string operationName, Action<Utf8JsonWriter> writeMembers)
        {
            IRequest request = new DefaultRequest(original, TextractClientConfig.TextractServiceId);
            request.Headers["X-Amz-Target"] = TargetPrefix + operationName;
            request.Headers["Content-Type"] = ContentType;
            request.HttpMethod = "POST";
            request.ResourcePath = "/";
            // A byte array (not a stream) keeps the body rewindable, which the retry policy requires.
            request.Content = WriteBody(writeMembers);
            return request;
        }

        private static byte[] WriteBody(Action<Utf8JsonWriter> writeMembers)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writeMembers(writer);
                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }
    }
}
