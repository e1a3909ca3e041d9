using System;
using TextractTools.Engine;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Api;
using TextractTools.Engine.Session;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Api
{
    /// <summary>The SDK's retry policy applies to our client: transient failures retried, final ones not.</summary>
    public sealed class TextractRetryAndCancellationTests
    {
        private static readonly StartJobRequest AnyStart = new StartJobRequest(S3Location.Of("bucket", "doc.pdf"), new JobOptions(), null);

        [Theory]
        [InlineData("ThrottlingException", 400)]
        [InlineData("ProvisionedThroughputExceededException", 400)]
        [InlineData("InternalServerError", 500)]
        public async Task A_transient_error_then_success_succeeds_after_two_requests(string code, int status)
        {
            using var server = new StubHttpServer(
                StubResponse.Error(code, "try again", status),
                StubResponse.Json("{\"JobId\":\"job-after-retry\"}"));
            using var api = TestClients.ApiFor(server);

            var jobId = await api.StartJobAsync(AnyStart, CancellationToken.None);

            Assert.Equal("job-after-retry", jobId);
            Assert.Equal(2, server.Requests.Count);
            // The retried request is the same operation with the same body.
            Assert.Equal(server.Requests[0].BodyText, server.Requests[1].BodyText);
            Assert.Equal("Textract.StartDocumentTextDetection", server.Requests[1].Header("X-Amz-Target"));
        }

        [Fact]
        public async Task Adaptive_retry_mode_from_the_config_retries_throttling_too()
        {
            using var server = new StubHttpServer(
                StubResponse.Error("ThrottlingException", "Rate exceeded", 400),
                StubResponse.Json("{\"JobStatus\":\"SUCCEEDED\"}"));
            using var api = TestClients.ApiFor(server, config => config.RetryMode = Amazon.Runtime.RequestRetryMode.Adaptive);

            var page = await api.GetJobPageAsync(TextractJobKind.DocumentAnalysis, new GetJobPageRequest("job"), CancellationToken.None);

            Assert.Equal("SUCCEEDED", page.JobStatus);
            Assert.Equal(2, server.Requests.Count);
        }

        [Fact]
        public async Task A_final_error_is_not_retried()
        {
            using var server = new StubHttpServer(
                StubResponse.Error("InvalidS3ObjectException", "no such object", 400),
                StubResponse.Json("{\"JobId\":\"must-not-be-reached\"}"));
            using var api = TestClients.ApiFor(server);

            await Assert.ThrowsAsync<InvalidS3ObjectException>(() => api.StartJobAsync(AnyStart, CancellationToken.None));

            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task Persistent_throttling_gives_up_after_the_configured_retries_with_a_retryable_error()
        {
            using var server = new StubHttpServer(StubResponse.Error("ThrottlingException", "Rate exceeded", 400));
            using var api = TestClients.ApiFor(server, config => config.MaxErrorRetry = 1);

            var error = await Assert.ThrowsAsync<ThrottlingException>(() => api.GetJobPageAsync(TextractJobKind.DocumentAnalysis, new GetJobPageRequest("job"), CancellationToken.None));

            Assert.Equal(2, server.Requests.Count);
            Assert.Equal("Rate exceeded", error.Message);
            Assert.True(AwsFailures.Classify(error).IsRetryable);
        }

        [Fact]
        public async Task Cancelling_a_call_in_flight_surfaces_as_OperationCanceledException()
        {
            using var server = new StubHttpServer(StubResponse.Hang());
            using var api = TestClients.ApiFor(server);
            using var cancellation = new CancellationTokenSource();

            var call = api.GetJobPageAsync(TextractJobKind.TextDetection, new GetJobPageRequest("job"), cancellation.Token);
            await server.WaitForRequestAsync();
            cancellation.Cancel();

            var error = await Record.ExceptionAsync(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.IsAssignableFrom<OperationCanceledException>(error);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task A_token_cancelled_before_the_call_sends_nothing()
        {
            using var server = new StubHttpServer(StubResponse.Json("{\"JobId\":\"never\"}"));
            using var api = TestClients.ApiFor(server);

            var error = await Record.ExceptionAsync(() => api.StartJobAsync(AnyStart, new CancellationToken(canceled: true)));

            Assert.IsAssignableFrom<OperationCanceledException>(error);
            Assert.Empty(server.Requests);
        }

        [Fact]
        public async Task No_listener_at_the_endpoint_is_a_retryable_connection_failure_naming_the_endpoint()
        {
            var endpoint = "http://127.0.0.1:" + StubHttpServer.UnusedPort() + "/";
            var config = new TextractClientConfig
            {
                ServiceURL = endpoint,
                AuthenticationRegion = TestClients.SigningRegion,
                MaxErrorRetry = 1,
                MaxRetryBackoff = TimeSpan.FromMilliseconds(20),
            };
            using var api = new TextractApi(new Amazon.Runtime.BasicAWSCredentials(TestClients.AccessKey, TestClients.SecretKey), config);

            var error = await Assert.ThrowsAsync<TextractServiceException>(() => api.StartJobAsync(AnyStart, CancellationToken.None));

            Assert.Equal(TextractErrors.ConnectionFailure, error.ErrorCode);
            Assert.Equal(0, error.StatusCode);
            Assert.True(AwsFailures.Classify(error).IsRetryable);
            Assert.Contains(endpoint, error.Message);
        }
    }
}
