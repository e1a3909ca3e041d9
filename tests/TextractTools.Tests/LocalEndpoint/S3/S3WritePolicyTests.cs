using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.S3;
using Amazon.S3.Model;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.Tests.Support;
using Xunit;
using TextractTools.Tests.LocalEndpoint.Textract;

namespace TextractTools.Tests.LocalEndpoint.S3
{
    /// <summary>The policy file (POLICY.md) over multipart uploads and conditional writes.</summary>
    public sealed class S3WritePolicyFixture : IAsyncLifetime
    {
        public const string Bucket = "policy-writes";
        public const string KeyAlias = "alias/policy-writes";
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "write-policy-" + Guid.NewGuid().ToString("N"));

        public LocalEndpointFixture Endpoint { get; } = new();

        public AmazonS3Client S3As(string name) => Endpoint.CreateS3(PolicyEndpointFixture.CredentialsOf(name), maxErrorRetry: 0);

        public string KeyArn { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(_folder);
            var options = Endpoint.Options;
            options.SeedBuckets.Add(Bucket);
            options.SeedKeyAliases.Add(KeyAlias);
            KeyArn = EndpointServer.SeededKeyArn(options, KeyAlias);
            var write = PolicyJson.Allow("Write", new[] { "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts" }, $"arn:aws:s3:::{Bucket}/*");
            var principals = new Dictionary<string, object>
            {
                [PolicyEndpointFixture.AccessKeyOf("uploader")] = PolicyJson.Principal("uploader-secret", PolicyEndpointFixture.UserArn("uploader"),
                    write, PolicyJson.Allow("Key", new[] { "kms:GenerateDataKey", "kms:Decrypt" }, KeyArn)),
                [PolicyEndpointFixture.AccessKeyOf("no-decrypt")] = PolicyJson.Principal("no-decrypt-secret", PolicyEndpointFixture.UserArn("no-decrypt"),
                    write, PolicyJson.Allow("Key", new[] { "kms:GenerateDataKey" }, KeyArn)),
                // May only create objects that do not exist yet: the condition key of a conditional write.
                [PolicyEndpointFixture.AccessKeyOf("claimer")] = PolicyJson.Principal("claimer-secret", PolicyEndpointFixture.UserArn("claimer"),
                    PolicyJson.Statement("CreateOnly", "Allow", new[] { "s3:PutObject" }, new[] { $"arn:aws:s3:::{Bucket}/*" },
                        new { Null = new Dictionary<string, string> { ["s3:if-none-match"] = "false" } })),
            };
            var path = Path.Combine(_folder, "policy.json");
            File.WriteAllText(path, JsonSerializer.Serialize(new { AccountId = PolicyEndpointFixture.Account, Principals = principals }));
            options.PolicyFile = path;
            await Endpoint.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await Endpoint.DisposeAsync();
            try { Directory.Delete(_folder, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }

    public sealed class S3WritePolicyTests : IClassFixture<S3WritePolicyFixture>
    {
        private readonly S3WritePolicyFixture _fixture;

        public S3WritePolicyTests(S3WritePolicyFixture fixture) { _fixture = fixture; }

        private InitiateMultipartUploadRequest EncryptedUpload(string key) => new()
        {
            BucketName = S3WritePolicyFixture.Bucket, Key = key,
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS, ServerSideEncryptionKeyManagementServiceKeyId = _fixture.KeyArn,
        };

        private static UploadPartRequest Part(string key, string uploadId) => new()
        {
            BucketName = S3WritePolicyFixture.Bucket, Key = key, UploadId = uploadId, PartNumber = 1, InputStream = new MemoryStream(new byte[] { 1, 2, 3 }),
        };

        [Fact]
        public async Task An_SSE_KMS_multipart_upload_needs_kms_Decrypt_besides_kms_GenerateDataKey()
        {
            using var uploader = _fixture.S3As("uploader");
            var upload = await uploader.InitiateMultipartUploadAsync(EncryptedUpload("granted.bin"));
            var part = await uploader.UploadPartAsync(Part("granted.bin", upload.UploadId));
            await uploader.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = S3WritePolicyFixture.Bucket, Key = "granted.bin", UploadId = upload.UploadId, PartETags = new List<PartETag> { new(1, part.ETag) },
            });

            using var noDecrypt = _fixture.S3As("no-decrypt");
            var created = await noDecrypt.InitiateMultipartUploadAsync(EncryptedUpload("refused.bin"));
            var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => noDecrypt.UploadPartAsync(Part("refused.bin", created.UploadId)));
            Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
            Assert.Equal("AccessDenied", error.ErrorCode);
            Assert.Contains("kms:Decrypt", error.Message);
        }

        [Fact]
        public async Task A_policy_can_allow_only_conditional_creates_through_s3_if_none_match()
        {
            using var claimer = _fixture.S3As("claimer");
            await claimer.PutObjectAsync(new PutObjectRequest { BucketName = S3WritePolicyFixture.Bucket, Key = "claims/a", ContentBody = "mine", IfNoneMatch = "*" });

            var overwrite = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
                claimer.PutObjectAsync(new PutObjectRequest { BucketName = S3WritePolicyFixture.Bucket, Key = "claims/a", ContentBody = "overwrite" }));
            Assert.Equal("AccessDenied", overwrite.ErrorCode);
            Assert.Contains("s3:PutObject", overwrite.Message);
        }
    }
}
