using System;
using Amazon.Runtime;

namespace TextractTools.Engine.Api.Wire
{
    /// <summary>
    /// A Start* call as the SDK pipeline carries it. Core names requests after their type (logs, metrics, auth
    /// parameters), hence one small subclass per operation.
    /// </summary>
    internal abstract class StartOperationRequest : AmazonWebServiceRequest
    {
        protected StartOperationRequest(StartJobRequest parameters)
        {
            Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        }

        /// <summary>The operation name of the X-Amz-Target header.</summary>
        public abstract string OperationName { get; }

        /// <summary>Whether FeatureTypes, QueriesConfig and AdaptersConfig belong in the body.</summary>
        public abstract bool IsAnalysis { get; }

        public StartJobRequest Parameters { get; }
    }

    internal sealed class StartDocumentAnalysisRequest : StartOperationRequest
    {
        public StartDocumentAnalysisRequest(StartJobRequest parameters) : base(parameters) { }

        public override string OperationName => "StartDocumentAnalysis";

        public override bool IsAnalysis => true;
    }

    internal sealed class StartDocumentTextDetectionRequest : StartOperationRequest
    {
        public StartDocumentTextDetectionRequest(StartJobRequest parameters) : base(parameters) { }

        public override string OperationName => "StartDocumentTextDetection";

        public override bool IsAnalysis => false;
    }

    /// <summary>A Get* call as the SDK pipeline carries it.</summary>
    internal abstract class GetOperationRequest : AmazonWebServiceRequest
    {
        protected GetOperationRequest(GetJobPageRequest parameters)
        {
            Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        }

        public abstract string OperationName { get; }

        public GetJobPageRequest Parameters { get; }
    }

    internal sealed class GetDocumentAnalysisRequest : GetOperationRequest
    {
        public GetDocumentAnalysisRequest(GetJobPageRequest parameters) : base(parameters) { }

        public override string OperationName => "GetDocumentAnalysis";
    }

    internal sealed class GetDocumentTextDetectionRequest : GetOperationRequest
    {
        public GetDocumentTextDetectionRequest(GetJobPageRequest parameters) : base(parameters) { }

        public override string OperationName => "GetDocumentTextDetection";
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
