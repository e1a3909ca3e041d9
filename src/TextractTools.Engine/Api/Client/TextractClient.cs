using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using TextractTools.Engine.Api.Wire;

namespace TextractTools.Engine.Api.Client
{
    /// <summary>
    /// Amazon Textract on AWSSDK.Core's client pipeline, wired like a generated SDK client: Core supplies credential
    /// resolution, SigV4, retries, timeouts, User-Agent, logging and metrics; this class adds the Textract endpoint
    /// resolver, the SigV4 auth scheme handler, and the four operations' (un)marshallers.
    /// Half of the Core types used here live in *.Internal namespaces: AWSSDK.Core is pinned exactly, and the tests
    /// in tests/TextractTools.Tests/Engine/Api exercise signing, errors and retries against a local listener.
    /// </summary>
    internal sealed class TextractClient : AmazonServiceClient
    {
        private static readonly IServiceMetadata Metadata = new TextractServiceMetadata();

        /// <param name="credentials">Null lets Core resolve credentials from its default chain on first use.</param>
        public TextractClient(AWSCredentials? credentials, TextractClientConfig config)
            : base(credentials, config)
        {
        }

        protected override IServiceMetadata ServiceMetadata => Metadata;

        public Task<StartOperationResponse> StartAsync(StartOperationRequest request, CancellationToken cancellationToken)
            => Send<StartOperationResponse>(request, StartJobRequestMarshaller.Instance, StartJobResponseUnmarshaller.Instance, cancellationToken);

        public Task<GetOperationResponse> GetPageAsync(GetOperationRequest request, CancellationToken cancellationToken)
            => Send<GetOperationResponse>(request, GetJobPageRequestMarshaller.Instance, GetJobPageResponseUnmarshaller.Instance, cancellationToken);

        /// <summary>The endpoint a request would go to now (for diagnostics and tests; sends nothing).</summary>
        public Uri ResolveEndpoint()
            => new Uri(Config.DetermineServiceOperationEndpoint(new Amazon.Runtime.Endpoints.ServiceOperationEndpointParameters(null)).URL);

        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            // Same order as the generated clients: Marshaller -> auth scheme -> endpoint -> ... -> retry -> signer.
            pipeline.RemoveHandler<EndpointResolver>();
            pipeline.AddHandlerAfter<Marshaller>(new TextractEndpointResolver());
            pipeline.AddHandlerAfter<Marshaller>(new TextractAuthSchemeHandler());

            pipeline.ReplaceHandler<RetryHandler>(new RetryHandler(CreateRetryPolicy(((TextractClientConfig)Config).MaxRetryBackoff)));
        }

        /// <summary>
        /// The SDK's own policy for the configured retry mode (what Core would build), with two changes:
        /// LimitExceededException is not retried, and tests may lower the backoff cap.
        /// </summary>
        private RetryPolicy CreateRetryPolicy(TimeSpan? maxBackoff)
        {
            StandardRetryPolicy policy = Config.RetryMode == RequestRetryMode.Adaptive
                ? new AdaptiveRetryPolicy(Config)
                : new StandardRetryPolicy(Config);
            // Core counts LimitExceededException as throttling. For Textract it is the concurrent-job quota: it clears
            // when a running job ends, not after a backoff of seconds, and 10 attempts of backoff would hold a Start
            // for a minute or more. It reaches the caller at once instead: the batch runner holds new starts until
            // one of its jobs ends; Start-TextractAnalysis reports it with what to do.
            policy.ThrottlingErrorCodes.Remove("LimitExceededException");
            if (maxBackoff.HasValue) policy.MaxBackoffInMilliseconds = (int)Math.Max(1, maxBackoff.Value.TotalMilliseconds);
            return policy;
        }

        private Task<TResponse> Send<TResponse>(
            AmazonWebServiceRequest request,
            IMarshaller<IRequest, AmazonWebServiceRequest> marshaller,
            ResponseUnmarshaller unmarshaller,
            CancellationToken cancellationToken)
            where TResponse : AmazonWebServiceResponse, new()
        {
            var options = new InvokeOptions
            {
                RequestMarshaller = marshaller,
                ResponseUnmarshaller = unmarshaller,
            };
            return InvokeAsync<TResponse>(request, options, cancellationToken);
        }

        private sealed class TextractServiceMetadata : IServiceMetadata
        {
            public string ServiceId => TextractClientConfig.TextractServiceId;

            public System.Collections.Generic.IDictionary<string, string> OperationNameMapping { get; } =
                new System.Collections.Generic.Dictionary<string, string>(0);
        }
    }
}
