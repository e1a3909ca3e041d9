using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3;
using Amazon.S3.Model;
using TextractTools.Engine.Api;
using TextractTools.Engine.Jobs;
using TextractTools.LocalEndpoint.Faults;
using TextractTools.Tests.Support;
using Xunit;

namespace TextractTools.Tests.Engine.Jobs
{
    /// <summary>
    /// The uploader of local documents against the local endpoint: one PutObject for a small document, a multipart
    /// upload in 16 MiB parts above the threshold (SSE-KMS under the key given), and no upload left behind when one fails
    /// or is cancelled.
    /// </summary>
    public sealed class DocumentUploaderTests : IClassFixture<LocalEndpointFixture>, IDisposable
    {
        private const string Bucket = "uploader-in";
        private readonly LocalEndpointFixture _endpoint;
        private readonly AmazonS3Client _s3;
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "uploader-" + Guid.NewGuid().ToString("N"));
        private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(120));

        public DocumentUploaderTests(LocalEndpointFixture endpoint)
        {
            _endpoint = endpoint;
            _endpoint.Server.Storage.CreateBucket(Bucket);
            if (!_endpoint.Server.Keys.TryResolve("alias/uploader", out _))
                _endpoint.Server.Keys.CreateAlias("alias/uploader", _endpoint.Server.Keys.CreateKey("uploader tests").KeyId);
            _endpoint.Server.Faults.Clear();
            _endpoint.Server.Faults.ResetStatistics();
            // No retries: a refused part fails the upload at once.
            _s3 = endpoint.CreateS3(maxErrorRetry: 0);
            Directory.CreateDirectory(_folder);
        }

        public void Dispose()
        {
            _endpoint.Server.Faults.Clear();
            _s3.Dispose();
            _timeout.Dispose();
            Directory.Delete(_folder, recursive: true);
        }

        private static TextractTools.Engine.S3Location UploadUri(string prefix) => TextractTools.Engine.S3Location.Parse($"s3://{Bucket}/{prefix}/", "UploadUri");

        /// <summary>A file of random bytes (fast to make: no test data is committed).</summary>
        private string NewFile(long size, string name = "document.pdf")
        {
            var data = new byte[size];
            new Random((int)size).NextBytes(data);
            var path = Path.Combine(_folder, name);
            File.WriteAllBytes(path, data);
            return path;
        }

        private long Calls(string operation) =>
            _endpoint.Server.Faults.Statistics[operation].Calls;

        [Fact]
        public async Task A_document_above_the_threshold_goes_up_in_parts_encrypted_under_the_key()
        {
            var path = NewFile(DocumentUploader.DefaultMultipartThreshold + 1000);

            var (location, uploaded) = await new DocumentUploader(_s3).UploadAsync(path, UploadUri("big"), "alias/uploader", _timeout.Token);

            Assert.True(uploaded);
            Assert.True(_endpoint.Server.Storage.TryGetObject(Bucket, location.Key, out var stored));
            Assert.Equal(File.ReadAllBytes(path), stored.Data);
            Assert.EndsWith("-2\"", stored.ETag);
            Assert.True(_endpoint.Server.Keys.TryResolve("alias/uploader", out var key));
            Assert.Equal(key.Arn, stored.Encryption.KmsKeyArn);
            Assert.Equal("application/pdf", stored.ContentType);
            Assert.Equal(1, Calls("S3.CreateMultipartUpload"));
            Assert.Equal(2, Calls("S3.UploadPart"));
            Assert.Equal(0, Calls("S3.PutObject"));
        }

        [Fact]
        public async Task A_document_below_the_threshold_is_one_PutObject()
        {
            var path = NewFile(64 * 1024);

            var (location, uploaded) = await new DocumentUploader(_s3).UploadAsync(path, UploadUri("small"), null, _timeout.Token);

            Assert.True(uploaded);
            Assert.True(_endpoint.Server.Storage.TryGetObject(Bucket, location.Key, out var stored));
            Assert.Equal(File.ReadAllBytes(path), stored.Data);
            Assert.Equal(1, Calls("S3.PutObject"));
            Assert.Equal(0, Calls("S3.CreateMultipartUpload"));
        }

        [Fact]
        public async Task A_multipart_upload_that_fails_is_aborted()
        {
            var path = NewFile(DocumentUploader.DefaultMultipartThreshold * 2 + 10, "fails.pdf");
            _endpoint.Server.Faults.Configure(FaultPlan.FromSpec("S3.CompleteMultipartUpload:5xx=1"));

            var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
                new DocumentUploader(_s3).UploadAsync(path, UploadUri("fails"), null, _timeout.Token));

            Assert.Equal("InternalError", error.ErrorCode);
            _endpoint.Server.Faults.Clear();
            var uploads = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Bucket, Prefix = "fails/" });
            Assert.Empty(uploads.MultipartUploads ?? new());
            Assert.Equal(1, Calls("S3.AbortMultipartUpload"));
        }

        [Fact]
        public async Task A_multipart_upload_that_is_cancelled_is_aborted()
        {
            var path = NewFile(DocumentUploader.DefaultMultipartThreshold * 2 + 10, "cancelled.pdf");
            // Parts are slow, so the upload is surely under way (created, parts in flight) when it is cancelled.
            _endpoint.Server.Faults.Configure(FaultPlan.FromSpec("S3.UploadPart:delayMs=5000"));
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_timeout.Token);

            var upload = new DocumentUploader(_s3).UploadAsync(path, UploadUri("cancelled"), null, cancel.Token);
            while (Calls("S3.UploadPart") == 0) await Task.Delay(20, _timeout.Token);
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);
            _endpoint.Server.Faults.Clear();
            var uploads = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Bucket, Prefix = "cancelled/" });
            Assert.Empty(uploads.MultipartUploads ?? new());
        }
    }
}
