using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.S3;
using TextractTools.Engine.Api;
using TextractTools.Engine.Output;
using TextractTools.Engine.Session;
using Xunit;

namespace TextractTools.Tests.Engine.Session
{
    /// <summary>The one classification of AWS failures that the retry loops and the error records share.</summary>
    public sealed class AwsFailuresTests
    {
        [Theory]
        [InlineData("ThrottlingException", 400, AwsFailureKind.Throttled)]
        [InlineData("ProvisionedThroughputExceededException", 400, AwsFailureKind.Throttled)]
        [InlineData("LimitExceededException", 400, AwsFailureKind.JobLimit)]
        [InlineData("InternalServerError", 500, AwsFailureKind.Transient)]
        [InlineData("com.amazonaws.textract#ThrottlingException", 400, AwsFailureKind.Throttled)]
        [InlineData("SomethingElse", 503, AwsFailureKind.Transient)]
        [InlineData("InvalidParameterException", 400, AwsFailureKind.CallerFault)]
        [InlineData("IdempotentParameterMismatchException", 400, AwsFailureKind.CallerFault)]
        [InlineData("UnsupportedDocumentException", 400, AwsFailureKind.BadDocument)]
        [InlineData("InvalidJobIdException", 400, AwsFailureKind.NotFound)]
        [InlineData("AccessDeniedException", 400, AwsFailureKind.AccessDenied)]
        [InlineData("UnrecognizedClientException", 400, AwsFailureKind.Credentials)]
        [InlineData(TextractErrors.ConnectionFailure, 0, AwsFailureKind.Transient)]
        [InlineData(TextractErrors.InvalidResponse, 200, AwsFailureKind.Transient)]
        [InlineData(TextractErrors.ClientError, 0, AwsFailureKind.CallerFault)]
        public void Textract_codes_are_classified(string code, int status, AwsFailureKind expected)
        {
            var failure = AwsFailures.Classify(TextractErrors.Create(code, "m", status, null));
            Assert.Equal(expected, failure.Kind);
            Assert.Equal(expected == AwsFailureKind.Throttled || expected == AwsFailureKind.Transient || expected == AwsFailureKind.JobLimit, failure.IsRetryable);
        }

        [Theory]
        [InlineData("SlowDown", HttpStatusCode.ServiceUnavailable, AwsFailureKind.Throttled)]
        [InlineData("NoSuchKey", HttpStatusCode.NotFound, AwsFailureKind.NotFound)]
        [InlineData("AccessDenied", HttpStatusCode.Forbidden, AwsFailureKind.AccessDenied)]
        [InlineData("SignatureDoesNotMatch", HttpStatusCode.Forbidden, AwsFailureKind.Credentials)]
        [InlineData("ExpiredToken", HttpStatusCode.BadRequest, AwsFailureKind.Credentials)]
        [InlineData("", HttpStatusCode.InternalServerError, AwsFailureKind.Transient)]
        [InlineData("", HttpStatusCode.NotFound, AwsFailureKind.NotFound)]
        [InlineData("", HttpStatusCode.Forbidden, AwsFailureKind.AccessDenied)]
        [InlineData("KMSInvalidStateException", HttpStatusCode.BadRequest, AwsFailureKind.Unavailable)]
        [InlineData("PreconditionFailed", HttpStatusCode.PreconditionFailed, AwsFailureKind.ConditionFailed)]
        [InlineData("", HttpStatusCode.PreconditionFailed, AwsFailureKind.ConditionFailed)]
        [InlineData("ConditionalRequestConflict", HttpStatusCode.Conflict, AwsFailureKind.Conflict)]
        public void Other_services_codes_and_statuses_are_classified(string code, HttpStatusCode status, AwsFailureKind expected)
        {
            var error = new AmazonS3Exception("m", ErrorType.Sender, code, "r", status);
            Assert.Equal(expected, AwsFailures.Classify(error).Kind);
            // A conditional write that met another in flight is sent again; one whose condition is false is not.
            if (expected == AwsFailureKind.Conflict) Assert.True(AwsFailures.IsRetryable(error));
            if (expected == AwsFailureKind.ConditionFailed) Assert.False(AwsFailures.IsRetryable(error));
        }

        [Fact]
        public void Broken_transfers_are_transient_and_the_callers_cancellation_is_not()
        {
            Assert.Equal(AwsFailureKind.Transient, AwsFailures.Classify(new TruncatedOutputException("short")).Kind);
            Assert.Equal(AwsFailureKind.Transient, AwsFailures.Classify(new JsonException("cut")).Kind);
            Assert.Equal(AwsFailureKind.Transient, AwsFailures.Classify(new HttpRequestException("reset")).Kind);
            Assert.Equal(AwsFailureKind.Transient, AwsFailures.Classify(new AmazonClientException("x", new HttpRequestException("refused"))).Kind);
            Assert.Equal(AwsFailureKind.Transient, AwsFailures.Classify(new AmazonS3Exception("body", new IOException("cut off"))).Kind);
            Assert.Equal(AwsFailureKind.NotFound, AwsFailures.Classify(new FileNotFoundException("gone")).Kind);

            // An HTTP timeout surfaces as a cancellation nobody asked for; the caller's own is final.
            Assert.True(AwsFailures.IsRetryable(new TaskCanceledException()));
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();
            var failure = AwsFailures.Classify(new OperationCanceledException(cancelled.Token), cancelled.Token);
            Assert.Equal(AwsFailureKind.Cancelled, failure.Kind);
            Assert.False(failure.IsRetryable);
            Assert.False(AwsFailures.IsRetryable(new InvalidOperationException("a bug")));
        }

        [Theory]
        [InlineData(HttpStatusCode.NotFound, "404 Not Found: no such object or bucket")]
        [InlineData(HttpStatusCode.Forbidden, "403 Forbidden, with no reason given")]
        public void The_sdks_stand_in_for_an_answer_without_a_body_never_reaches_the_user(HttpStatusCode status, string said)
        {
            var code = status == HttpStatusCode.NotFound ? "NotFound" : "Forbidden";
            var head = new AmazonS3Exception($"Error making request with Error Code {code} and Http Status Code {code}. No further error information was returned by the service.",
                ErrorType.Sender, code, "r", status);

            var message = AwsFailures.MessageOf(head);

            Assert.StartsWith(said, message);
            Assert.DoesNotContain("Error making request", message);
        }

        [Fact]
        public void Kms_answers_passed_on_by_s3_are_classified_and_said_plainly()
        {
            var missing = new AmazonS3Exception("Invalid keyId 'alias/nope'", ErrorType.Sender, "KMS.NotFoundException", "r", HttpStatusCode.BadRequest);
            Assert.Equal(AwsFailureKind.NotFound, AwsFailures.Classify(missing).Kind);
            var message = AwsFailures.MessageOf(missing);
            Assert.StartsWith("the KMS key 'alias/nope' was not found", message);
            Assert.Contains("(S3 said: Invalid keyId 'alias/nope')", message);

            var disabled = new AmazonS3Exception("key is disabled", ErrorType.Sender, "KMS.DisabledException", "r", HttpStatusCode.BadRequest);
            Assert.Equal(AwsFailureKind.Unavailable, AwsFailures.Classify(disabled).Kind);
            Assert.Contains("is disabled or pending deletion", AwsFailures.MessageOf(disabled));

            // Everything else keeps the service's own words.
            Assert.Equal("m", AwsFailures.MessageOf(new AmazonS3Exception("m", ErrorType.Sender, "AccessDenied", "r", HttpStatusCode.Forbidden)));
        }

        [Theory]
        [InlineData("InvalidAccessKeyId", "-AccessKey")]
        [InlineData("SignatureDoesNotMatch", "-SecretKey")]
        [InlineData("ExpiredToken", "expired")]
        [InlineData("ExpiredTokenException", "expired")]
        [InlineData("UnrecognizedClientException", "-AccessKey")]
        public void Credential_failures_are_their_own_kind_with_advice_about_credentials(string code, string advice)
        {
            Assert.Equal(AwsFailureKind.Credentials, AwsFailures.KindOf(code, 403));
            Assert.Contains(advice, AwsFailures.CredentialsAdvice(code));
        }
    }
}
