using System;
using TextractTools.Engine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Api;
using TextractTools.Engine.Session;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Api
{
    public sealed class TextractErrorTests
    {
        private static readonly StartJobRequest AnyStart = new StartJobRequest(S3Location.Of("bucket", "doc.pdf"), new JobOptions { Features = new[] { "TABLES" } }, null);

        [Fact]
        public async Task A_service_error_becomes_its_typed_exception_with_code_message_status_and_request_id()
        {
            using var server = new StubHttpServer(
                StubResponse.Error("InvalidS3ObjectException", "Unable to get object metadata from S3. Check object key, region and/or access permissions.", 400, "req-42"));
            using var api = TestClients.ApiFor(server);

            var error = await Assert.ThrowsAsync<InvalidS3ObjectException>(() => api.StartJobAsync(AnyStart, CancellationToken.None));

            Assert.Equal("InvalidS3ObjectException", error.ErrorCode);
            Assert.Equal("Unable to get object metadata from S3. Check object key, region and/or access permissions.", error.Message);
            Assert.Equal(400, error.StatusCode);
            Assert.Equal("req-42", error.RequestId);
            Assert.False(AwsFailures.Classify(error).IsRetryable);
        }

        [Fact]
        public async Task A_namespaced_type_and_a_capitalised_Message_are_understood()
        {
            using var server = new StubHttpServer(StubResponse.Json(
                "{\"__type\":\"com.amazonaws.textract#InvalidJobIdException\",\"Message\":\"Request has invalid Job Id\"}", 400, "req-7"));
            using var api = TestClients.ApiFor(server);

            var error = await Assert.ThrowsAsync<InvalidJobIdException>(() => api.GetJobPageAsync(TextractJobKind.DocumentAnalysis, new GetJobPageRequest("nope"), CancellationToken.None));

            Assert.Equal("InvalidJobIdException", error.ErrorCode);
            Assert.Equal("Request has invalid Job Id", error.Message);
        }

        [Fact]
        public async Task The_error_type_header_is_used_when_the_body_has_no_type()
        {
            var response = StubResponse.Json("{\"message\":\"User is not authorized\"}", 403, "req-h");
            response.Headers["x-amzn-ErrorType"] = "AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/";
            using var server = new StubHttpServer(response);
            using var api = TestClients.ApiFor(server);

            var error = await Assert.ThrowsAsync<AccessDeniedException>(() => api.StartJobAsync(AnyStart, CancellationToken.None));

            Assert.Equal("AccessDeniedException", error.ErrorCode);
            Assert.Equal("User is not authorized", error.Message);
            Assert.Equal(403, error.StatusCode);
        }

        [Fact]
        public async Task An_undocumented_code_keeps_its_code_on_the_base_type_and_is_not_retried()
        {
            using var server = new StubHttpServer(StubResponse.Error("SomethingNewException", "new failure", 400));
            using var api = TestClients.ApiFor(server);

            var error = await Assert.ThrowsAsync<TextractServiceException>(() => api.StartJobAsync(AnyStart, CancellationToken.None));

            Assert.Equal(typeof(TextractServiceException), error.GetType());
            Assert.Equal("SomethingNewException", error.ErrorCode);
            Assert.Equal("new failure", error.Message);
            Assert.Single(server.Requests);
        }

        [Fact]
        public void Factory_has_a_typed_exception_named_as_each_documented_code()
        {
            var documented = new[]
            {
                "InvalidParameterException", "InvalidS3ObjectException", "InvalidKMSKeyException", "UnsupportedDocumentException",
                "DocumentTooLargeException", "BadDocumentException", "AccessDeniedException", "ProvisionedThroughputExceededException",
                "InternalServerError", "IdempotentParameterMismatchException", "ThrottlingException", "LimitExceededException",
                "InvalidJobIdException",
            };

            Assert.Equal(documented.OrderBy(c => c, StringComparer.Ordinal), TextractErrors.KnownServiceCodes.OrderBy(c => c, StringComparer.Ordinal));
            foreach (var code in documented)
            {
                var error = TextractErrors.Create(code, "m", 400, "r");
                Assert.Equal(code, error.GetType().Name);
                Assert.Equal(code, error.ErrorCode);
                Assert.Equal("m", error.Message);
                Assert.Equal("r", error.RequestId);
            }
        }

        [Theory]
        [InlineData("ThrottlingException", 400, true)]
        [InlineData("ProvisionedThroughputExceededException", 400, true)]
        [InlineData("LimitExceededException", 400, true)]
        [InlineData("InternalServerError", 500, true)]
        [InlineData("SomethingElse", 503, true)]
        [InlineData(TextractErrors.ConnectionFailure, 0, true)]
        [InlineData("InvalidS3ObjectException", 400, false)]
        [InlineData("IdempotentParameterMismatchException", 400, false)]
        [InlineData(TextractErrors.ClientError, 0, false)]
        public void Retryable_codes_are_those_that_may_succeed_later(string code, int status, bool retryable)
        {
            Assert.Equal(retryable, AwsFailures.Classify(TextractErrors.Create(code, "m", status, null)).IsRetryable);
        }

        [Fact]
        public void Factory_strips_a_namespace_prefix()
        {
            var error = TextractErrors.Create("com.amazonaws.textract#ThrottlingException", "slow down", 400, null);

            Assert.IsType<ThrottlingException>(error);
            Assert.Equal("ThrottlingException", error.ErrorCode);
        }
    }
}
