using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3;
using Amazon.S3.Model;
using TextractTools.Engine;
using S3Location = TextractTools.Engine.S3Location;
using TextractTools.Engine.Session;
using TextractTools.LocalEndpoint.Samples;
using TextractTools.Tests.Support;
using Xunit;

namespace TextractTools.Tests.Engine.Jobs
{
    /// <summary>A requested key always applies to an upload: an earlier copy not under it is uploaded again.</summary>
    public sealed class DocumentUploaderKeyTests : IClassFixture<LocalEndpointFixture>, IDisposable
    {
        private readonly LocalEndpointFixture _endpoint;
        private readonly AwsSession _session;
        private readonly CancellationTokenSource _timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        private readonly string _file = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".pdf");

        public DocumentUploaderKeyTests(LocalEndpointFixture endpoint)
        {
            _endpoint = endpoint;
            _endpoint.Server.Storage.CreateBucket("upload-kms");
            if (!_endpoint.Server.Keys.TryResolve("alias/upload", out _))
                _endpoint.Server.Keys.CreateAlias("alias/upload", _endpoint.Server.Keys.CreateKey("upload tests").KeyId);
            if (!_endpoint.Server.Keys.TryResolve("alias/upload-other", out _))
                _endpoint.Server.Keys.CreateAlias("alias/upload-other", _endpoint.Server.Keys.CreateKey("upload tests, other key").KeyId);
            _session = _endpoint.CreateSession();
            // Content of its own: the upload key is derived from it.
            var pdf = ProjectSample.CreatePdf();
            var unique = System.Text.Encoding.ASCII.GetBytes("\n% " + Guid.NewGuid().ToString("N") + "\n");
            using var stream = File.Create(_file);
            stream.Write(pdf);
            stream.Write(unique);
        }

        public void Dispose()
        {
            _session.Dispose();
            _timeout.Dispose();
            File.Delete(_file);
        }

        private async Task<GetObjectMetadataResponse> HeadAsync(S3Location location) =>
            await _session.S3.GetObjectMetadataAsync(location.Bucket, location.Key, _timeout.Token);

        [Fact]
        public async Task A_copy_uploaded_without_the_key_is_uploaded_again_under_it()
        {
            var uploader = _session.CreateDocumentUploader();
            var target = S3Location.Parse("s3://upload-kms/inbox/", "UploadUri");

            var plain = await uploader.UploadAsync(_file, target, null, _timeout.Token);
            Assert.True(plain.Uploaded);
            Assert.NotEqual(ServerSideEncryptionMethod.AWSKMS, (await HeadAsync(plain.Location)).ServerSideEncryptionMethod);

            var underKey = await uploader.UploadAsync(_file, target, "alias/upload", _timeout.Token);
            Assert.True(underKey.Uploaded);
            Assert.Equal(plain.Location, underKey.Location);
            var head = await HeadAsync(underKey.Location);
            Assert.Equal(ServerSideEncryptionMethod.AWSKMS, head.ServerSideEncryptionMethod);

            // Under the key already (the alias resolved to it): not sent again. Under another key: sent again.
            Assert.False((await uploader.UploadAsync(_file, target, "alias/upload", _timeout.Token)).Uploaded);
            Assert.False((await uploader.UploadAsync(_file, target, head.ServerSideEncryptionKeyManagementServiceKeyId, _timeout.Token)).Uploaded);
            Assert.True((await uploader.UploadAsync(_file, target, "alias/upload-other", _timeout.Token)).Uploaded);
            Assert.NotEqual(head.ServerSideEncryptionKeyManagementServiceKeyId, (await HeadAsync(underKey.Location)).ServerSideEncryptionKeyManagementServiceKeyId);
            // Without a key asked for, any copy will do.
            Assert.False((await uploader.UploadAsync(_file, target, null, _timeout.Token)).Uploaded);
        }
    }
}
