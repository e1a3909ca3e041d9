using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.S3;
using Amazon.S3.Model;
using TextractTools.Engine.Api;
using Xunit;
using TextractTools.Tests.LocalEndpoint.Textract;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.LocalEndpoint.Policy
{
    /// <summary>
    /// The Textract flow under a policy file, through the real clients: the starter's least-privilege statements let
    /// a Start with OutputConfig and KMSKeyId succeed; each statement removed fails exactly its step; results readers
    /// need kms:Decrypt for the SSE-KMS output.
    /// </summary>
    public sealed class PolicyFlowTests : IClassFixture<PolicyEndpointFixture>
    {
        private readonly PolicyEndpointFixture _endpoint;

        public PolicyFlowTests(PolicyEndpointFixture endpoint) { _endpoint = endpoint; }

        private async Task<string> StartAsStarterAsync()
        {
            using var textract = _endpoint.TextractAs("starter");
            var jobId = await textract.StartJobAsync(_endpoint.StartRequest(), CancellationToken.None);
            var finished = await PolicyEndpointFixture.WaitAsync(textract, jobId);
            Assert.Equal("SUCCEEDED", finished.JobStatus);
            return jobId;
        }

        [Fact]
        public async Task The_starter_policy_runs_the_whole_flow_and_the_output_is_written_under_the_key()
        {
            var jobId = await StartAsStarterAsync();

            using var admin = _endpoint.Endpoint.CreateS3(maxErrorRetry: 0);
            var listing = await admin.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = PolicyEndpointFixture.OutputBucket,
                Prefix = $"{PolicyEndpointFixture.OutputPrefix}/{jobId}/",
            });
            var keys = listing.S3Objects.Select(o => o.Key).ToList();
            Assert.Contains($"textract/{jobId}/.s3_access_check", keys);
            Assert.Contains($"textract/{jobId}/1", keys);
            var page = await admin.GetObjectMetadataAsync(PolicyEndpointFixture.OutputBucket, $"textract/{jobId}/1");
            Assert.Equal(ServerSideEncryptionMethod.AWSKMS, page.ServerSideEncryptionMethod);
            Assert.Equal(_endpoint.KeyArn, page.ServerSideEncryptionKeyManagementServiceKeyId);
        }

        [Theory]
        [InlineData("StartAndReadJobs", "textract:StartDocumentAnalysis", "*")]
        [InlineData("ReadInput", "s3:GetObject", "arn:aws:s3:::policy-in/docs/sample.pdf")]
        [InlineData("WriteOutput", "s3:PutObject", "arn:aws:s3:::policy-out/textract/")]
        [InlineData("UseJobKey", "kms:GenerateDataKey", "arn:aws:kms:")]
        public async Task Without_one_statement_the_Start_fails_on_that_step_with_AccessDeniedException(string removedSid, string action, string resource)
        {
            var name = "without-" + removedSid.ToLowerInvariant();
            using var textract = _endpoint.TextractAs(name);

            var error = await Assert.ThrowsAnyAsync<TextractServiceException>(
                () => textract.StartJobAsync(_endpoint.StartRequest(), CancellationToken.None));

            Assert.Equal("AccessDeniedException", error.ErrorCode);
            Assert.StartsWith($"User: {PolicyEndpointFixture.UserArn(name)} is not authorized to perform: {action} on resource: {resource}", error.Message);
        }

        [Fact]
        public async Task Without_its_key_statement_the_Start_names_the_job_key()
        {
            using var textract = _endpoint.TextractAs("without-usejobkey");

            var error = await Assert.ThrowsAnyAsync<TextractServiceException>(
                () => textract.StartJobAsync(_endpoint.StartRequest(), CancellationToken.None));

            Assert.EndsWith("on resource: " + _endpoint.KeyArn, error.Message);
        }

        [Fact]
        public async Task The_widely_copied_mistake_fails_the_Start_on_s3_PutObject_of_the_output()
        {
            using var textract = _endpoint.TextractAs("mistaken");

            var error = await Assert.ThrowsAnyAsync<TextractServiceException>(
                () => textract.StartJobAsync(_endpoint.StartRequest(), CancellationToken.None));

            Assert.Equal("AccessDeniedException", error.ErrorCode);
            Assert.Contains("is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::policy-out/textract/", error.Message);
        }

        [Fact]
        public async Task A_reader_with_kms_Decrypt_lists_its_prefix_and_reads_the_SSE_KMS_output()
        {
            var jobId = await StartAsStarterAsync();
            using var s3 = _endpoint.S3As("reader");

            var listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = PolicyEndpointFixture.OutputBucket, Prefix = $"textract/{jobId}/" });
            Assert.Contains(listing.S3Objects, o => o.Key == $"textract/{jobId}/1");
            using var page = await s3.GetObjectAsync(PolicyEndpointFixture.OutputBucket, $"textract/{jobId}/1");
            using var reader = new System.IO.StreamReader(page.ResponseStream);
            Assert.Contains("\"JobStatus\":\"SUCCEEDED\"", (await reader.ReadToEndAsync()).Replace(" ", ""));
        }

        [Fact]
        public async Task A_reader_without_kms_Decrypt_cannot_read_the_SSE_KMS_output()
        {
            var jobId = await StartAsStarterAsync();
            using var s3 = _endpoint.S3As("reader-nokms");

            // Listing needs no key: it works; reading the object does not.
            var listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = PolicyEndpointFixture.OutputBucket, Prefix = $"textract/{jobId}/" });
            Assert.NotEmpty(listing.S3Objects);
            var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(PolicyEndpointFixture.OutputBucket, $"textract/{jobId}/1"));

            Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
            Assert.Equal("AccessDenied", error.ErrorCode);
            Assert.Equal($"User: {PolicyEndpointFixture.UserArn("reader-nokms")} is not authorized to perform: kms:Decrypt on resource: {_endpoint.KeyArn}", error.Message);
        }

        [Fact]
        public async Task ListBucket_limited_by_s3_prefix_refuses_other_prefixes_and_listings_without_one()
        {
            using var s3 = _endpoint.S3As("reader");

            foreach (var prefix in new[] { null, "other/" })
            {
                var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(
                    () => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = PolicyEndpointFixture.OutputBucket, Prefix = prefix }));
                Assert.Equal("AccessDenied", error.ErrorCode);
                Assert.Contains("s3:ListBucket on resource: arn:aws:s3:::policy-out", error.Message);
            }
        }

        [Fact]
        public async Task A_missing_key_is_404_to_a_caller_who_may_list_it_and_403_to_others()
        {
            using var reader = _endpoint.S3As("reader");
            var notFound = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => reader.GetObjectAsync(PolicyEndpointFixture.OutputBucket, "textract/no-such-job/1"));
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);

            using var starter = _endpoint.S3As("starter");
            var denied = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => starter.GetObjectAsync(PolicyEndpointFixture.InputBucket, "docs/no-such-document.pdf"));
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.Equal("AccessDenied", denied.ErrorCode);
        }

        [Fact]
        public async Task DeleteObjects_reports_each_refused_key_and_deletes_nothing_it_may_not()
        {
            var jobId = await StartAsStarterAsync();
            using var s3 = _endpoint.S3As("reader");
            var keys = new[] { $"textract/{jobId}/1", $"textract/{jobId}/.s3_access_check" };

            var request = new DeleteObjectsRequest { BucketName = PolicyEndpointFixture.OutputBucket, Objects = keys.Select(k => new KeyVersion { Key = k }).ToList() };
            var error = await Assert.ThrowsAnyAsync<DeleteObjectsException>(() => s3.DeleteObjectsAsync(request));

            Assert.Equal(keys.OrderBy(k => k), error.Response.DeleteErrors.Select(e => e.Key).OrderBy(k => k));
            Assert.All(error.Response.DeleteErrors, e => Assert.Equal("AccessDenied", e.Code));
            using var admin = _endpoint.Endpoint.CreateS3(maxErrorRetry: 0);
            Assert.Equal(2, (await admin.ListObjectsV2Async(new ListObjectsV2Request { BucketName = PolicyEndpointFixture.OutputBucket, Prefix = $"textract/{jobId}/" }))
                .S3Objects.Count(o => keys.Contains(o.Key)));
        }

        [Fact]
        public async Task Get_needs_the_textract_Get_action()
        {
            var jobId = await StartAsStarterAsync();
            using var textract = _endpoint.TextractAs("reader");

            var error = await Assert.ThrowsAnyAsync<TextractServiceException>(
                () => textract.GetJobPageAsync(TextractJobKind.DocumentAnalysis, new GetJobPageRequest(jobId), CancellationToken.None));

            Assert.Equal("AccessDeniedException", error.ErrorCode);
            Assert.Equal($"User: {PolicyEndpointFixture.UserArn("reader")} is not authorized to perform: textract:GetDocumentAnalysis on resource: *", error.Message);
        }

        [Fact]
        public async Task Kms_operations_are_checked_against_key_policy_and_identity_policies()
        {
            // The reader's identity policy allows kms:Decrypt only; the key policy names it for DescribeKey.
            using var reader = _endpoint.KmsAs("reader");
            var described = await reader.DescribeKeyAsync(new DescribeKeyRequest { KeyId = PolicyEndpointFixture.KeyAlias });
            Assert.Equal(_endpoint.KeyArn, described.KeyMetadata.Arn);

            var encrypt = await Assert.ThrowsAnyAsync<AmazonKeyManagementServiceException>(() => reader.EncryptAsync(new EncryptRequest
            {
                KeyId = PolicyEndpointFixture.KeyAlias,
                Plaintext = new System.IO.MemoryStream(new byte[] { 1, 2, 3 }),
            }));
            Assert.Equal("AccessDeniedException", encrypt.ErrorCode);
            Assert.Contains("kms:Encrypt on resource: " + _endpoint.KeyArn, encrypt.Message);

            using var other = _endpoint.KmsAs("reader-nokms");
            var describe = await Assert.ThrowsAnyAsync<AmazonKeyManagementServiceException>(
                () => other.DescribeKeyAsync(new DescribeKeyRequest { KeyId = PolicyEndpointFixture.KeyAlias }));
            Assert.Equal("AccessDeniedException", describe.ErrorCode);
        }

        [Fact]
        public async Task The_starter_may_write_SSE_KMS_input_under_its_prefix_only_with_the_key()
        {
            using var starter = _endpoint.S3As("without-usejobkey");
            var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => starter.PutObjectAsync(new PutObjectRequest
            {
                BucketName = PolicyEndpointFixture.OutputBucket,
                Key = "textract/upload-probe",
                ContentBody = "probe",
                ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS,
                ServerSideEncryptionKeyManagementServiceKeyId = _endpoint.KeyArn,
            }));
            Assert.Equal("AccessDenied", error.ErrorCode);
            Assert.Contains("kms:GenerateDataKey", error.Message);

            using var full = _endpoint.S3As("starter");
            await full.PutObjectAsync(new PutObjectRequest
            {
                BucketName = PolicyEndpointFixture.OutputBucket,
                Key = "textract/upload-probe",
                ContentBody = "probe",
                ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS,
                ServerSideEncryptionKeyManagementServiceKeyId = _endpoint.KeyArn,
            });
        }

        [Fact]
        public async Task Repeating_another_principals_token_does_not_bypass_the_callers_own_permissions()
        {
            var request = _endpoint.StartRequest("shared-token-" + System.Guid.NewGuid().ToString("N").Substring(0, 12));
            using (var starter = _endpoint.TextractAs("starter"))
            {
                var jobId = await starter.StartJobAsync(request, CancellationToken.None);
                // The starter itself gets its job back for the same token.
                Assert.Equal(jobId, await starter.StartJobAsync(request, CancellationToken.None));
            }

            using var mistaken = _endpoint.TextractAs("mistaken");
            var error = await Assert.ThrowsAnyAsync<TextractServiceException>(
                () => mistaken.StartJobAsync(request, CancellationToken.None));
            Assert.Equal("AccessDeniedException", error.ErrorCode);
            Assert.Contains("s3:PutObject", error.Message);
        }
    }
}
