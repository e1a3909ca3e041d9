using System;
using Amazon.Runtime;

namespace TextractTools.Engine.Api.Wire
{
    /// <summary>A Textract operation as the SDK pipeline carries it; the operation's name comes from the job kind's table.</summary>
    internal abstract class TextractOperationRequest : AmazonWebServiceRequest
    {
        protected TextractOperationRequest(string operationName)
        {
            OperationName = operationName;
        }

        /// <summary>The operation name of the X-Amz-Target header (and of -Verbose's call timing).</summary>
        public string OperationName { get; }
    }

    /// <summary>A Start* call.</summary>
    internal sealed class StartOperationRequest : TextractOperationRequest
    {
        public StartOperationRequest(StartJobRequest parameters)
            : base(TextractJobKindInfo.Of((parameters ?? throw new ArgumentNullException(nameof(parameters))).Kind).StartOperation)
        {
            Parameters = parameters;
        }

        public StartJobRequest Parameters { get; }

        /// <summary>Whether FeatureTypes, QueriesConfig and AdaptersConfig belong in the body.</summary>
        public bool TakesFeatures => TextractJobKindInfo.Of(Parameters.Kind).TakesFeatures;
    }

    /// <summary>A Get* call: a kind's paged Get, or its summary operation (JobId only).</summary>
    internal sealed class GetOperationRequest : TextractOperationRequest
    {
        public GetOperationRequest(string operationName, GetJobPageRequest parameters)
            : base(operationName)
        {
            Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        }

        public GetJobPageRequest Parameters { get; }
    }

    /// <summary>The answer of a Start* call.</summary>
    internal sealed class StartOperationResponse : AmazonWebServiceResponse
    {
        public string JobId { get; set; } = "";
    }

    /// <summary>The answer of a Get* call.</summary>
    internal sealed class GetOperationResponse : AmazonWebServiceResponse
    {
        public JobResultPage Page { get; set; } = new JobResultPage();
    }
}
