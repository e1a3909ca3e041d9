using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Amazon.S3;
using Amazon.S3.Model;
using TextractTools.Tests.Support;
using Xunit;

namespace TextractTools.Tests.LocalEndpoint.S3
{
    /// <summary>
    /// Conditional writes and multipart upload as the real AWSSDK.S3 client sees them: If-None-Match / If-Match with S3's
    /// answers (also under concurrent writers), the multipart ETag rule, the part checks of CompleteMultipartUpload, abort,
    /// listings, UploadPartCopy and SigV2 presigned URLs.
    /// </summary>
    public sealed class S3MultipartTests : IClassFixture<LocalEndpointFixture>
    {
        private const int MiB = 1024 * 1024;
        private readonly LocalEndpointFixture _endpoint;
        private readonly AmazonS3Client _s3;

        public S3MultipartTests(LocalEndpointFixture endpoint)
        {
            _endpoint = endpoint;
            _s3 = endpoint.CreateS3(maxErrorRetry: 0);
        }

        private string NewBucket(string name)
        {
            _endpoint.Server.Storage.CreateBucket(name);
            return name;
        }

        private static byte[] RandomBytes(int size, int seed)
        {
            var data = new byte[size];
            new Random(seed).NextBytes(data);
            return data;
        }

        private static string Md5ETag(byte[] data) => "\"" + Convert.ToHexString(MD5.HashData(data)).ToLowerInvariant() + "\"";

        private static string MultipartETag(params byte[][] parts) =>
            "\"" + Convert.ToHexString(MD5.HashData(parts.SelectMany(MD5.HashData).ToArray())).ToLowerInvariant() + "-" + parts.Length + "\"";

        private async Task<string> UploadPartAsync(string bucket, string key, string uploadId, int number, byte[] data) =>
            (await _s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = key, UploadId = uploadId, PartNumber = number, InputStream = new MemoryStream(data),
            })).ETag;

        private Task<CompleteMultipartUploadResponse> CompleteAsync(string bucket, string key, string uploadId, params (int Number, string ETag)[] parts) =>
            _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket, Key = key, UploadId = uploadId,
                PartETags = parts.Select(p => new PartETag(p.Number, p.ETag)).ToList(),
            });

        [Fact]
        public async Task If_None_Match_creates_once_and_then_answers_412_PreconditionFailed()
        {
            var bucket = NewBucket("cond-create");
            var first = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "first", IfNoneMatch = "*" });
            Assert.Equal(Md5ETag("first"u8.ToArray()), first.ETag);

            var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
                _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "second", IfNoneMatch = "*" }));
            Assert.Equal(HttpStatusCode.PreconditionFailed, error.StatusCode);
            Assert.Equal("PreconditionFailed", error.ErrorCode);
            Assert.True(_endpoint.Server.Storage.TryGetObject(bucket, "k", out var stored));
            Assert.Equal("first"u8.ToArray(), stored.Data);
        }

        [Fact]
        public async Task If_Match_replaces_only_the_object_it_names_and_a_missing_key_is_NoSuchKey()
        {
            var bucket = NewBucket("cond-match");
            var v1 = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "v1" });
            var v2 = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "v2", IfMatch = v1.ETag });
            Assert.Equal(Md5ETag("v2"u8.ToArray()), v2.ETag);

            var stale = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
                _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "v3", IfMatch = v1.ETag }));
            Assert.Equal("PreconditionFailed", stale.ErrorCode);
            var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
                _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "absent", ContentBody = "x", IfMatch = v1.ETag }));
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("NoSuchKey", missing.ErrorCode);
        }

        [Fact]
        public async Task Of_many_concurrent_conditional_creates_of_one_key_exactly_one_wins()
        {
            var bucket = NewBucket("cond-race");
            var attempts = Enumerable.Range(0, 24).Select(async i =>
            {
                try
                {
                    return (await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "claim", ContentBody = $"writer {i}", IfNoneMatch = "*" })).ETag;
                }
                catch (AmazonS3Exception e) when (e.ErrorCode is "PreconditionFailed" or "ConditionalRequestConflict")
                {
                    return null;
                }
            }).ToList();
            var winners = (await Task.WhenAll(attempts)).Where(etag => etag is not null).ToList();

            Assert.Single(winners);
            Assert.True(_endpoint.Server.Storage.TryGetObject(bucket, "claim", out var stored));
            Assert.Equal(winners[0], stored.ETag);
        }

        [Fact]
        public async Task Concurrent_If_Match_replacements_of_one_version_have_one_winner()
        {
            var bucket = NewBucket("cond-match-race");
            var v1 = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "v1" });
            var attempts = Enumerable.Range(0, 24).Select(async i =>
            {
                try
                {
                    return (await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = $"v2 by {i}", IfMatch = v1.ETag })).ETag;
                }
                catch (AmazonS3Exception e) when (e.ErrorCode is "PreconditionFailed" or "ConditionalRequestConflict")
                {
                    return null;
                }
            }).ToList();

            Assert.Single(await Task.WhenAll(attempts), etag => etag is not null);
        }

        [Fact]
        public async Task A_completed_upload_is_the_parts_in_order_with_the_multipart_ETag_and_the_creation_settings()
        {
            var bucket = NewBucket("mpu-complete");
            var key = await _endpoint.CreateKms().CreateKeyAsync(new Amazon.KeyManagementService.Model.CreateKeyRequest());
            var create = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
            {
                BucketName = bucket, Key = "doc.pdf", ContentType = "application/pdf",
                ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS, ServerSideEncryptionKeyManagementServiceKeyId = key.KeyMetadata.Arn,
            });
            var (one, two, three) = (RandomBytes(5 * MiB, 1), RandomBytes(5 * MiB, 2), RandomBytes(10, 3));
            // Parts may arrive in any order; the object is assembled by part number.
            var etag3 = await UploadPartAsync(bucket, "doc.pdf", create.UploadId, 3, three);
            var etag1 = await UploadPartAsync(bucket, "doc.pdf", create.UploadId, 1, one);
            var etag2 = await UploadPartAsync(bucket, "doc.pdf", create.UploadId, 2, two);
            Assert.Equal(Md5ETag(one), etag1);

            var parts = await _s3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = "doc.pdf", UploadId = create.UploadId });
            Assert.Equal(new[] { 1, 2, 3 }, parts.Parts.Select(p => p.PartNumber ?? 0));
            var done = await CompleteAsync(bucket, "doc.pdf", create.UploadId, (1, etag1), (2, etag2), (3, etag3));

            Assert.Equal(MultipartETag(one, two, three), done.ETag);
            Assert.True(_endpoint.Server.Storage.TryGetObject(bucket, "doc.pdf", out var stored));
            Assert.Equal(one.Concat(two).Concat(three).ToArray(), stored.Data);
            Assert.Equal("application/pdf", stored.ContentType);
            Assert.Equal(key.KeyMetadata.Arn, stored.Encryption.KmsKeyArn);
            var after = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
                _s3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = "doc.pdf", UploadId = create.UploadId }));
            Assert.Equal("NoSuchUpload", after.ErrorCode);
        }

        [Fact]
        public async Task Completion_checks_part_order_part_ETags_and_the_5_MiB_minimum()
        {
            var bucket = NewBucket("mpu-checks");
            var upload = (await _s3.InitiateMultipartUploadAsync(bucket, "k")).UploadId;
            var small1 = await UploadPartAsync(bucket, "k", upload, 1, RandomBytes(100, 4));
            var small2 = await UploadPartAsync(bucket, "k", upload, 2, RandomBytes(100, 5));

            var tooSmall = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => CompleteAsync(bucket, "k", upload, (1, small1), (2, small2)));
            Assert.Equal("EntityTooSmall", tooSmall.ErrorCode);
            var wrongETag = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => CompleteAsync(bucket, "k", upload, (1, small2)));
            Assert.Equal("InvalidPart", wrongETag.ErrorCode);
            var notUploaded = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => CompleteAsync(bucket, "k", upload, (7, small1)));
            Assert.Equal("InvalidPart", notUploaded.ErrorCode);
            // The SDK sorts PartETags itself, so the order is checked with the part list as sent on the wire elsewhere
            // (the conformance suite); here: the last part alone may be small.
            var done = await CompleteAsync(bucket, "k", upload, (2, small2));
            Assert.Equal(MultipartETag(RandomBytes(100, 5)), done.ETag);
        }

        [Fact]
        public async Task An_aborted_upload_is_gone_and_listed_uploads_are_the_ones_in_progress()
        {
            var bucket = NewBucket("mpu-abort");
            var kept = (await _s3.InitiateMultipartUploadAsync(bucket, "a/kept")).UploadId;
            var dropped = (await _s3.InitiateMultipartUploadAsync(bucket, "a/dropped")).UploadId;
            await _s3.InitiateMultipartUploadAsync(bucket, "b/other");

            await _s3.AbortMultipartUploadAsync(bucket, "a/dropped", dropped);

            var listed = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket, Prefix = "a/" });
            Assert.Equal(new[] { ("a/kept", kept) }, listed.MultipartUploads.Select(u => (u.Key, u.UploadId)));
            var gone = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => UploadPartAsync(bucket, "a/dropped", dropped, 1, RandomBytes(10, 6)));
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            Assert.Equal("NoSuchUpload", gone.ErrorCode);
            var wrongKey = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => UploadPartAsync(bucket, "a/other-key", kept, 1, RandomBytes(10, 7)));
            Assert.Equal("NoSuchUpload", wrongKey.ErrorCode);
        }

        [Fact]
        public async Task A_conditional_completion_onto_an_existing_key_is_412_and_the_upload_stays()
        {
            var bucket = NewBucket("mpu-cond");
            await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "taken", ContentBody = "already here" });
            var upload = (await _s3.InitiateMultipartUploadAsync(bucket, "taken")).UploadId;
            var part = await UploadPartAsync(bucket, "taken", upload, 1, RandomBytes(10, 8));

            var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket, Key = "taken", UploadId = upload, IfNoneMatch = "*", PartETags = new List<PartETag> { new(1, part) },
            }));

            Assert.Equal("PreconditionFailed", error.ErrorCode);
            Assert.True(_endpoint.Server.Storage.TryGetObject(bucket, "taken", out var stored));
            Assert.Equal("already here"u8.ToArray(), stored.Data);
            var parts = await _s3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = "taken", UploadId = upload });
            Assert.Single(parts.Parts);
        }

        [Fact]
        public async Task UploadPartCopy_copies_a_byte_range_of_another_object_into_a_part()
        {
            var bucket = NewBucket("mpu-copy");
            var source = RandomBytes(6 * MiB, 9);
            _endpoint.Server.Storage.PutObject(bucket, "source", source);
            var upload = (await _s3.InitiateMultipartUploadAsync(bucket, "copy")).UploadId;

            var copied = await _s3.CopyPartAsync(new CopyPartRequest
            {
                SourceBucket = bucket, SourceKey = "source", DestinationBucket = bucket, DestinationKey = "copy", UploadId = upload,
                PartNumber = 1, FirstByte = 0, LastByte = 5 * MiB - 1,
            });
            var tail = await _s3.CopyPartAsync(new CopyPartRequest
            {
                SourceBucket = bucket, SourceKey = "source", DestinationBucket = bucket, DestinationKey = "copy", UploadId = upload,
                PartNumber = 2, FirstByte = 5 * MiB, LastByte = source.Length - 1,
            });
            await CompleteAsync(bucket, "copy", upload, (1, copied.ETag), (2, tail.ETag));

            Assert.True(_endpoint.Server.Storage.TryGetObject(bucket, "copy", out var stored));
            Assert.Equal(source, stored.Data);
            Assert.Equal(MultipartETag(source[..(5 * MiB)], source[(5 * MiB)..]), stored.ETag);
        }

        [Fact]
        public async Task A_SigV2_presigned_url_is_served_until_it_expires_and_refused_when_tampered_with()
        {
            var bucket = NewBucket("presign-v2");
            _endpoint.Server.Storage.PutObject(bucket, "p.txt", "presigned"u8.ToArray());
            var secret = _endpoint.Credentials.GetCredentials();
            string Url(string key, long expires)
            {
                var stringToSign = $"GET\n\n\n{expires}\n/{bucket}/{key}";
                using var hmac = new HMACSHA1(System.Text.Encoding.UTF8.GetBytes(secret.SecretKey));
                var signature = Convert.ToBase64String(hmac.ComputeHash(System.Text.Encoding.UTF8.GetBytes(stringToSign)));
                return $"{_endpoint.BaseUri}{bucket}/{key}?AWSAccessKeyId={secret.AccessKey}&Expires={expires}&Signature={Uri.EscapeDataString(signature)}";
            }
            using var http = new HttpClient();
            var later = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();

            Assert.Equal("presigned", await http.GetStringAsync(Url("p.txt", later)));
            var tampered = await http.GetAsync(Url("p.txt", later).Replace("/p.txt?", "/q.txt?"));
            Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
            Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await tampered.Content.ReadAsStringAsync());
            var expired = await http.GetAsync(Url("p.txt", DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds()));
            Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
            Assert.Contains("Request has expired", await expired.Content.ReadAsStringAsync());
        }
    }
}
