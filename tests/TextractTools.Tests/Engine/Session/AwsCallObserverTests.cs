using System;
using TextractTools.Engine;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3;
using TextractTools.Engine.Api;
using TextractTools.Engine.Session;
using TextractTools.Tests.Support;
using Xunit;

namespace TextractTools.Tests.Engine.Session
{
    /// <summary>
    /// AwsSession.CallObserver hears every finished call of the session's clients (what -Verbose prints): service,
    /// operation, status, error code and retries, for S3, KMS and our own Textract client alike.
    /// </summary>
    public sealed class AwsCallObserverTests : IClassFixture<LocalEndpointFixture>
    {
        private static readonly StartJobRequest AnyStart = new StartJobRequest(S3Location.Of("bucket", "doc.pdf"), new JobOptions(), null);

        private readonly LocalEndpointFixture endpoint;

        public AwsCallObserverTests(LocalEndpointFixture endpoint) => this.endpoint = endpoint;

        private static AwsSession SessionFor(string url, string accessKey = "AKIDOBSERVER", string secretKey = "observer-secret", string region = "us-east-1")
            => TestSessions.For(url, accessKey, secretKey, region);

        private AwsSession EndpointSession()
        {
            var keys = endpoint.Credentials.GetCredentials();
            return SessionFor(endpoint.BaseUri.ToString(), keys.AccessKey, keys.SecretKey, endpoint.Region);
        }

        [Fact]
        public async Task S3_and_KMS_calls_are_reported_with_operation_and_status()
        {
            var calls = new ConcurrentQueue<AwsCall>();
            using var session = EndpointSession();
            session.CallObserver = calls.Enqueue;

            await session.S3.PutBucketAsync("observer-bucket");
            await session.Kms.ListAliasesAsync(new Amazon.KeyManagementService.Model.ListAliasesRequest());

            var list = calls.ToList();
            Assert.Equal(2, list.Count);
            Assert.Equal(("S3", "PutBucket", 200), (list[0].Service, list[0].Operation, list[0].StatusCode));
            Assert.Equal(("KMS", "ListAliases", 200), (list[1].Service, list[1].Operation, list[1].StatusCode));
            Assert.Null(list[0].ErrorCode);
            Assert.Matches(@"^S3 PutBucket 200 in \d+ ms$", list[0].ToString());
        }

        [Fact]
        public async Task A_failed_call_is_reported_with_its_error_code()
        {
            var calls = new ConcurrentQueue<AwsCall>();
            using var session = EndpointSession();
            session.CallObserver = calls.Enqueue;

            await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => session.S3.GetObjectAsync("observer-no-such-bucket", "x"));

            var call = Assert.Single(calls);
            Assert.Equal("GetObject", call.Operation);
            Assert.Equal(404, call.StatusCode);
            Assert.Equal("NoSuchBucket", call.ErrorCode);
            Assert.Matches(@"^S3 GetObject 404 NoSuchBucket in \d+ ms$", call.ToString());
        }

        [Fact]
        public async Task A_Textract_call_that_succeeds_after_a_retry_says_so()
        {
            using var server = new StubHttpServer(
                StubResponse.Error("ThrottlingException", "Rate exceeded", 400),
                StubResponse.Json("{\"JobId\":\"job-after-retry\"}"));
            var calls = new ConcurrentQueue<AwsCall>();
            using var session = SessionFor(server.Url);
            session.CallObserver = calls.Enqueue;

            await session.Textract.StartJobAsync(AnyStart, CancellationToken.None);

            var call = Assert.Single(calls);
            Assert.Equal(("Textract", "StartDocumentTextDetection", 200, 1), (call.Service, call.Operation, call.StatusCode, call.Retries));
            Assert.Matches(@"^Textract StartDocumentTextDetection 200 in \d+ ms \(retry 1\)$", call.ToString());
        }

        [Fact]
        public async Task Without_an_observer_calls_run_as_before()
        {
            using var session = EndpointSession();

            var response = await session.S3.ListBucketsAsync();

            Assert.Equal(System.Net.HttpStatusCode.OK, response.HttpStatusCode);
        }

        [Fact]
        public async Task An_observer_that_throws_does_not_fail_the_call()
        {
            using var session = EndpointSession();
            session.CallObserver = _ => throw new InvalidOperationException("observer bug");

            var response = await session.S3.ListBucketsAsync();

            Assert.Equal(System.Net.HttpStatusCode.OK, response.HttpStatusCode);
        }

        [Theory]
        [InlineData(null, 0)]
        [InlineData("attempt=1; max=3", 0)]
        [InlineData("attempt=3; max=4", 2)]
        [InlineData("ATTEMPT=2", 1)]
        [InlineData("garbage", 0)]
        public void Retries_come_from_the_attempt_header(string? header, int retries)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (header != null) headers["amz-sdk-request"] = header;

            Assert.Equal(retries, AwsCallTimer.RetriesOf(headers));
        }

        [Fact]
        public void The_text_names_a_call_without_an_answer()
        {
            var call = new AwsCall("S3", "PutObject", 0, "HttpRequestException", TimeSpan.FromMilliseconds(12.4), 2);

            Assert.Equal("S3 PutObject HttpRequestException in 12 ms (retry 2)", call.ToString());
        }
    }
}
