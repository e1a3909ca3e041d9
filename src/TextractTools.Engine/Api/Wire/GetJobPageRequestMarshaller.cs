using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace TextractTools.Engine.Api.Wire
{
    /// <summary>Writes the body of every paged Get* operation: JobId, MaxResults, NextToken.</summary>
    internal sealed class GetJobPageRequestMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        public static GetJobPageRequestMarshaller Instance { get; } = new GetJobPageRequestMarshaller();

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var operation = (GetOperationRequest)input;
            var request = operation.Parameters;
            return JsonRequestBuilder.Build(input, operation.OperationName, writer =>
            {
                writer.WriteString("JobId", request.JobId);
                if (request.MaxResults.HasValue)
                {
                    writer.WriteNumber("MaxResults", request.MaxResults.Value);
                }

                if (!string.IsNullOrEmpty(request.NextToken))
                {
                    writer.WriteString("NextToken", request.NextToken);
                }
            });
        }
    }
}
