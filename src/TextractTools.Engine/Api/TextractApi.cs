using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using TextractTools.Engine.Api.Client;
using TextractTools.Engine.Api.Wire;

namespace TextractTools.Engine.Api
{
    /// <summary>
    /// The production <see cref="ITextractApi"/>: our Textract client on AWSSDK.Core's pipeline (SigV4, endpoint
    /// rules, the SDK's standard/adaptive retries). Errors surface as <see cref="TextractServiceException"/> or a typed
    /// subclass (see <see cref="TextractErrors"/>), including failures with no answer at all:
    /// <see cref="TextractErrors.ConnectionFailure"/>, <see cref="TextractErrors.RequestTimeout"/>,
    /// <see cref="TextractErrors.InvalidResponse"/>, <see cref="TextractErrors.ClientError"/> (StatusCode 0 unless an
    /// answer arrived). Cancellation through the token surfaces as OperationCanceledException, untouched.
    /// </summary>
    public sealed class TextractApi : ITextractApi
    {
        private readonly TextractClient client;

        /// <param name="credentials">Null resolves credentials through the SDK's default chain on first call.</param>
        /// <param name="config">Region or ServiceURL (with AuthenticationRegion), retry mode, timeouts.</param>
        internal TextractApi(AWSCredentials? credentials, TextractClientConfig config)
        {
            if (config is null)
            {
                throw new ArgumentNullException(nameof(config));
            }

            client = new TextractClient(credentials, config);
        }

        /// <summary>The SDK client underneath, for the session to observe its calls (AwsSession.CallObserver).</summary>
        internal AmazonServiceClient ServiceClient => client;

        /// <summary>The endpoint calls go to (resolved from the config; sends nothing).</summary>
        public Uri Endpoint => client.ResolveEndpoint();

        public Task<string> StartJobAsync(StartJobRequest request, CancellationToken cancellationToken)
            => StartAsync(new StartOperationRequest(Required(request)), cancellationToken);

        public Task<JobResultPage> GetJobPageAsync(TextractJobKind kind, GetJobPageRequest request, CancellationToken cancellationToken)
            => GetPageAsync(new GetOperationRequest(TextractJobKindInfo.Of(kind).GetOperation, Required(request)), cancellationToken);

        public Task<JobResultPage> GetJobSummaryAsync(TextractJobKind kind, string jobId, CancellationToken cancellationToken)
        {
            var operation = TextractJobKindInfo.Of(kind).SummaryOperation
                ?? throw new ArgumentException($"Textract has no summary operation for {TextractJobKindInfo.Of(kind).Description}.", nameof(kind));
            return GetPageAsync(new GetOperationRequest(operation, new GetJobPageRequest(Required(jobId))), cancellationToken);
        }

        public void Dispose() => client.Dispose();

        private async Task<string> StartAsync(StartOperationRequest request, CancellationToken cancellationToken)
        {
            try
            {
                var response = await client.StartAsync(request, cancellationToken).ConfigureAwait(false);
                return response.JobId;
            }
            catch (Exception ex) when (SdkErrorTranslator.TryTranslate(ex, cancellationToken, DescribeEndpoint, out var translated))
            {
                throw translated;
            }
        }

        private async Task<JobResultPage> GetPageAsync(GetOperationRequest request, CancellationToken cancellationToken)
        {
            try
            {
                var response = await client.GetPageAsync(request, cancellationToken).ConfigureAwait(false);
                return response.Page;
            }
            catch (Exception ex) when (SdkErrorTranslator.TryTranslate(ex, cancellationToken, DescribeEndpoint, out var translated))
            {
                throw translated;
            }
        }

        private string DescribeEndpoint()
        {
            try
            {
                return client.ResolveEndpoint().ToString();
            }
            catch (AmazonClientException)
            {
                return "(no endpoint configured)";
            }
        }

        private static T Required<T>(T request) where T : class
            => request ?? throw new ArgumentNullException(nameof(request));
    }
}
