using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace TextractTools.Engine.Api.Wire
{
    /// <summary>
    /// Reads a Get* answer: the body bytes are read once and kept whole in <see cref="JobResultPage.Json"/> for the
    /// document layer; only the status members are read out here.
    /// </summary>
    internal sealed class GetJobPageResponseUnmarshaller : TextractResponseUnmarshaller
    {
        public static GetJobPageResponseUnmarshaller Instance { get; } = new GetJobPageResponseUnmarshaller();

        public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
        {
            var body = ReadBody(context);
            return new GetOperationResponse { Page = JobResultPageReader.Read(body) };
        }
    }
}
