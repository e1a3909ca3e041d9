using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Amazon.KeyManagementService.Model;
using Amazon.S3;
using Amazon.S3.Model;
using TextractTools.LocalEndpoint.Storage;
using TextractTools.Tests.Support;
using Xunit;

namespace TextractTools.Tests.LocalEndpoint.S3
{
    /// <summary>The S3 emulation driven by the real AWSSDK.S3 client.</summary>
    public sealed class S3ProtocolTests : IClassFixture<LocalEndpointFixture>
    {
        private readonly LocalEndpointFixture _endpoint;

        public S3ProtocolTests(LocalEndpointFixture endpoint) { _endpoint = endpoint; }

        private async Task<(AmazonS3Client S3, string Bucket)> NewBucketAsync(string name)
        {
            var s3 = _endpoint.CreateS3(maxErrorRetry: 0);
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = name });
            return (s3, name);
        }

        [Fact]
        public async Task Buckets_are_created_listed_located_and_deleted()
        {
            var (s3, bucket) = await NewBucketAsync("bucket-lifecycle");

            var list = await s3.ListBucketsAsync(new ListBucketsRequest());
            Assert.Contains(list.Buckets, b => b.BucketName == bucket);
            var location = await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket });
            Assert.True(string.IsNullOrEmpty(location.Location?.Value) || location.Location.Value == "us-east-1");

            await s3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket });
            list = await s3.ListBucketsAsync(new ListBucketsRequest());
            Assert.DoesNotContain(list.Buckets ?? new List<S3Bucket>(), b => b.BucketName == bucket);
        }

        [Fact]
        public async Task Creating_an_existing_bucket_fails_with_BucketAlreadyOwnedByYou()
        {
            var (s3, bucket) = await NewBucketAsync("bucket-twice");
            var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }));
            Assert.Equal("BucketAlreadyOwnedByYou", error.ErrorCode);
            Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        }

        [Fact]
        public async Task Deleting_a_bucket_with_objects_fails_with_BucketNotEmpty()
        {
            var (s3, bucket) = await NewBucketAsync("bucket-not-empty");
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x" });
            var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket }));
            Assert.Equal("BucketNotEmpty", error.ErrorCode);
            Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        }

        [Fact]
        public async Task An_invalid_bucket_name_is_refused()
        {
            var s3 = _endpoint.CreateS3(maxErrorRetry: 0);
            var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutBucketAsync(new PutBucketRequest { BucketName = "Bad_Bucket" }));
            Assert.Equal("InvalidBucketName", error.ErrorCode);
            Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        }

        [Fact]
        public async Task Missing_buckets_and_keys_answer_NoSuchBucket_and_NoSuchKey()
        {
            var (s3, bucket) = await NewBucketAsync("bucket-missing-key");
            var noKey = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(bucket, "absent"));
            Assert.Equal("NoSuchKey", noKey.ErrorCode);
            Assert.Equal(HttpStatusCode.NotFound, noKey.StatusCode);

            var noBucket = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync("no-such-bucket-here", "k"));
            Assert.Equal("NoSuchBucket", noBucket.ErrorCode);

            var head = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectMetadataAsync(bucket, "absent"));
            Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        }

        [Fact]
        public async Task An_object_round_trips_with_its_content_type_and_metadata()
        {
            var (s3, bucket) = await NewBucketAsync("object-round-trip");
            var put = new PutObjectRequest { BucketName = bucket, Key = "folder/hello world.txt", ContentBody = "hello, world", ContentType = "text/plain" };
            put.Metadata.Add("origin", "unit-test");
            var putResponse = await s3.PutObjectAsync(put);

            using var get = await s3.GetObjectAsync(bucket, "folder/hello world.txt");
            using var reader = new StreamReader(get.ResponseStream);
            Assert.Equal("hello, world", await reader.ReadToEndAsync());
            Assert.Equal("text/plain", get.Headers.ContentType);
            Assert.Equal("unit-test", get.Metadata["x-amz-meta-origin"]);
            Assert.Equal(putResponse.ETag, get.ETag);
            Assert.Equal(ServerSideEncryptionMethod.AES256, get.ServerSideEncryptionMethod);

            var head = await s3.GetObjectMetadataAsync(bucket, "folder/hello world.txt");
            Assert.Equal(12, head.ContentLength);
            Assert.Equal(putResponse.ETag, head.ETag);

            await s3.DeleteObjectAsync(bucket, "folder/hello world.txt");
            Assert.False(_endpoint.Server.Storage.TryGetObject(bucket, "folder/hello world.txt", out _));
        }

        [Fact]
        public async Task A_5_MB_object_is_stored_byte_for_byte()
        {
            var (s3, bucket) = await NewBucketAsync("object-large");
            var data = new byte[5 * 1024 * 1024 + 17];
            new Random(42).NextBytes(data);
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "large.bin", InputStream = new MemoryStream(data) });

            Assert.True(_endpoint.Server.Storage.TryGetObject(bucket, "large.bin", out var stored));
            Assert.Equal(SHA256.HashData(data), SHA256.HashData(stored.Data));

            using var get = await s3.GetObjectAsync(bucket, "large.bin");
            using var copy = new MemoryStream();
            await get.ResponseStream.CopyToAsync(copy);
            Assert.Equal(SHA256.HashData(data), SHA256.HashData(copy.ToArray()));
        }

        [Fact]
        public async Task A_range_request_returns_only_those_bytes()
        {
            var (s3, bucket) = await NewBucketAsync("object-range");
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "digits", ContentBody = "0123456789" });
            using var get = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "digits", ByteRange = new ByteRange(2, 5) });
            using var reader = new StreamReader(get.ResponseStream);
            Assert.Equal("2345", await reader.ReadToEndAsync());
            Assert.Equal(HttpStatusCode.PartialContent, get.HttpStatusCode);
        }

        [Fact]
        public async Task SSE_KMS_under_an_alias_is_reported_with_the_key_arn()
        {
            var (s3, bucket) = await NewBucketAsync("object-sse-kms");
            var kms = _endpoint.CreateKms();
            var key = await kms.CreateKeyAsync(new CreateKeyRequest { Description = "s3 test" });
            await kms.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/s3-test", TargetKeyId = key.KeyMetadata.KeyId });

            var put = await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket, Key = "secret.txt", ContentBody = "secret",
                ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS,
                ServerSideEncryptionKeyManagementServiceKeyId = "alias/s3-test",
            });
            Assert.Equal(key.KeyMetadata.Arn, put.ServerSideEncryptionKeyManagementServiceKeyId);

            var head = await s3.GetObjectMetadataAsync(bucket, "secret.txt");
            Assert.Equal(ServerSideEncryptionMethod.AWSKMS, head.ServerSideEncryptionMethod);
            Assert.Equal(key.KeyMetadata.Arn, head.ServerSideEncryptionKeyManagementServiceKeyId);
            using var get = await s3.GetObjectAsync(bucket, "secret.txt");
            Assert.Equal(key.KeyMetadata.Arn, get.ServerSideEncryptionKeyManagementServiceKeyId);
        }

        [Fact]
        public async Task SSE_KMS_without_a_key_uses_the_aws_s3_managed_key()
        {
            var (s3, bucket) = await NewBucketAsync("object-sse-default");
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket, Key = "k", ContentBody = "x", ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS,
            });
            var head = await s3.GetObjectMetadataAsync(bucket, "k");

            var kms = _endpoint.CreateKms();
            var managed = await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "alias/aws/s3" });
            Assert.Equal(managed.KeyMetadata.Arn, head.ServerSideEncryptionKeyManagementServiceKeyId);
            Assert.Equal(Amazon.KeyManagementService.KeyManagerType.AWS, managed.KeyMetadata.KeyManager);
        }

        [Fact]
        public async Task SSE_KMS_with_an_unknown_key_fails_as_S3_does()
        {
            var (s3, bucket) = await NewBucketAsync("object-sse-unknown");
            var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket, Key = "k", ContentBody = "x",
                ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS,
                ServerSideEncryptionKeyManagementServiceKeyId = "alias/does-not-exist",
            }));
            Assert.Equal("KMS.NotFoundException", error.ErrorCode);
            Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
            Assert.False(_endpoint.Server.Storage.TryGetObject(bucket, "k", out _));
        }

        [Fact]
        public async Task ListObjectsV2_pages_with_continuation_tokens()
        {
            var (s3, bucket) = await NewBucketAsync("list-paging");
            foreach (var key in new[] { "a", "b", "c", "d", "e" })
            {
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = key });
            }

            var seen = new List<string>();
            var request = new ListObjectsV2Request { BucketName = bucket, MaxKeys = 2 };
            var pages = 0;
            ListObjectsV2Response page;
            do
            {
                page = await s3.ListObjectsV2Async(request);
                pages++;
                seen.AddRange(page.S3Objects.Select(o => o.Key));
                Assert.Equal(page.S3Objects.Count, page.KeyCount);
                request.ContinuationToken = page.NextContinuationToken;
            } while (page.IsTruncated == true && pages < 10);

            Assert.Equal(3, pages);
            Assert.Equal(new[] { "a", "b", "c", "d", "e" }, seen);
        }

        [Fact]
        public async Task ListObjectsV2_returns_at_most_1000_keys_a_page()
        {
            var (s3, bucket) = await NewBucketAsync("list-thousand");
            // Seeded through the store: 1005 PUTs over HTTP would only slow the test down.
            var keys = Enumerable.Range(0, 1005).Select(i => $"doc/{i:D5}.json").ToList();
            foreach (var key in keys) _endpoint.Server.Storage.PutObject(bucket, key, new byte[] { 1 });

            var first = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
            Assert.Equal(1000, first.S3Objects.Count);
            Assert.True(first.IsTruncated);
            var second = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, ContinuationToken = first.NextContinuationToken });
            Assert.False(second.IsTruncated ?? false);
            Assert.Equal(keys, first.S3Objects.Concat(second.S3Objects).Select(o => o.Key));
        }

        [Fact]
        public async Task A_delimiter_rolls_keys_into_common_prefixes()
        {
            var (s3, bucket) = await NewBucketAsync("list-delimiter");
            foreach (var key in new[] { "in/a.pdf", "out/job1/1", "out/job1/2", "out/job2/1", "readme" })
            {
                _endpoint.Server.Storage.PutObject(bucket, key, new byte[] { 1 });
            }

            var top = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Delimiter = "/" });
            Assert.Equal(new[] { "in/", "out/" }, top.CommonPrefixes);
            Assert.Equal(new[] { "readme" }, top.S3Objects.Select(o => o.Key));

            var jobs = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "out/", Delimiter = "/", MaxKeys = 1 });
            Assert.Equal(new[] { "out/job1/" }, jobs.CommonPrefixes);
            Assert.True(jobs.IsTruncated);
            var next = await s3.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = bucket, Prefix = "out/", Delimiter = "/", MaxKeys = 1, ContinuationToken = jobs.NextContinuationToken,
            });
            Assert.Equal(new[] { "out/job2/" }, next.CommonPrefixes);
            Assert.False(next.IsTruncated ?? false);
        }

        [Fact]
        public async Task StartAfter_and_url_encoding_are_honoured()
        {
            var (s3, bucket) = await NewBucketAsync("list-encoding");
            var odd = "dir/a b+c&\u00fc.txt";
            foreach (var key in new[] { "dir/0", odd }) _endpoint.Server.Storage.PutObject(bucket, key, new byte[] { 1 });

            var list = await s3.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = bucket, StartAfter = "dir/0", Encoding = EncodingType.Url,
            });
            // The SDK hands encoded keys through as S3 sent them: the caller decodes.
            Assert.Equal(new[] { odd }, list.S3Objects.Select(o => WebUtility.UrlDecode(o.Key)));
            Assert.DoesNotContain(list.S3Objects, o => o.Key.Contains(' ') || o.Key.Contains('&'));
        }

        [Fact]
        public async Task ListObjects_v1_pages_with_markers()
        {
            var (s3, bucket) = await NewBucketAsync("list-v1");
            foreach (var key in new[] { "a", "b", "c" }) _endpoint.Server.Storage.PutObject(bucket, key, new byte[] { 1 });
            var first = await s3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, MaxKeys = 2 });
            Assert.Equal(new[] { "a", "b" }, first.S3Objects.Select(o => o.Key));
            Assert.True(first.IsTruncated);
            var second = await s3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, Marker = "b" });
            Assert.Equal(new[] { "c" }, second.S3Objects.Select(o => o.Key));
        }

        [Fact]
        public async Task DeleteObjects_and_CopyObject_work()
        {
            var (s3, bucket) = await NewBucketAsync("multi-delete");
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "src", ContentBody = "copy me" });
            await s3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "dst" });
            Assert.True(_endpoint.Server.Storage.TryGetObject(bucket, "dst", out var copy));
            Assert.Equal("copy me", Encoding.UTF8.GetString(copy.Data));

            var result = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = bucket,
                Objects = new List<KeyVersion> { new() { Key = "src" }, new() { Key = "dst" } },
            });
            Assert.Equal(new[] { "dst", "src" }, result.DeletedObjects.Select(d => d.Key).OrderBy(k => k));
            Assert.Empty(_endpoint.Server.Storage.ListObjects(bucket, null));
        }

        [Fact]
        public async Task A_wrong_secret_key_fails_with_SignatureDoesNotMatch()
        {
            var s3 = _endpoint.CreateS3(new Amazon.Runtime.BasicAWSCredentials(_endpoint.Credentials.GetCredentials().AccessKey, "wrong-secret"), maxErrorRetry: 0);
            var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.ListBucketsAsync(new ListBucketsRequest()));
            Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
            Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        }

        [Fact]
        public async Task A_wrong_secret_key_cannot_store_an_object()
        {
            var (_, bucket) = await NewBucketAsync("put-wrong-secret");
            var s3 = _endpoint.CreateS3(new Amazon.Runtime.BasicAWSCredentials(_endpoint.Credentials.GetCredentials().AccessKey, "wrong-secret"), maxErrorRetry: 0);
            var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
                s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x" }));
            Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
            Assert.False(_endpoint.Server.Storage.TryGetObject(bucket, "k", out _));
        }

        [Fact]
        public async Task An_unknown_access_key_fails_with_InvalidAccessKeyId()
        {
            var s3 = _endpoint.CreateS3(new Amazon.Runtime.BasicAWSCredentials("AKIDUNKNOWN", "whatever"), maxErrorRetry: 0);
            var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.ListBucketsAsync(new ListBucketsRequest()));
            Assert.Equal("InvalidAccessKeyId", error.ErrorCode);
            Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        }

        [Fact]
        public async Task An_unsigned_request_is_denied()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var response = await http.GetAsync(_endpoint.BaseUri);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("<Code>AccessDenied</Code>", await response.Content.ReadAsStringAsync());
            Assert.True(response.Headers.Contains("x-amz-request-id"));
        }

        [Fact]
        public async Task A_presigned_GET_url_works_and_a_tampered_one_does_not()
        {
            var (s3, bucket) = await NewBucketAsync("presigned");
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "doc.txt", ContentBody = "presigned content" });
            var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
            {
                BucketName = bucket, Key = "doc.txt", Verb = HttpVerb.GET, Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP,
            });

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            Assert.Equal("presigned content", await http.GetStringAsync(url));
            using var tampered = await http.GetAsync(url.Replace("doc.txt", "doc2.txt"));
            Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
            Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await tampered.Content.ReadAsStringAsync());
        }
    }
}
