using System;
using TextractTools.Engine;
using S3Location = TextractTools.Engine.S3Location;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3.Model;
using TextractTools.Engine.Api;
using TextractTools.Engine.Document;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Output;
using TextractTools.Engine.Session;
using TextractTools.LocalEndpoint.Samples;
using TextractService = TextractTools.LocalEndpoint.Textract.TextractService;
using TextractTools.Tests.Support;
using Xunit;

namespace TextractTools.Tests.Engine.Jobs
{
    /// <summary>
    /// The engine end to end over HTTP against the local endpoint: our Textract client (SigV4, JSON 1.1, errors,
    /// paging), the starter, the waiter, and output read from the API and from the bucket.
    /// </summary>
    public sealed class EngineFlowTests : IClassFixture<LocalEndpointFixture>, IDisposable
    {
        private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);
        private readonly LocalEndpointFixture _endpoint;
        private readonly AwsSession _session;
        private readonly CancellationTokenSource _timeout = new CancellationTokenSource(TestTimeout);

        public EngineFlowTests(LocalEndpointFixture endpoint)
        {
            _endpoint = endpoint;
            _endpoint.Options.JobDuration = TimeSpan.FromMilliseconds(300);
            _session = SessionFor(_endpoint.Credentials.GetCredentials().SecretKey);
            _endpoint.Server.Storage.CreateBucket("flow-in");
            _endpoint.Server.Storage.CreateBucket("flow-out");
            if (!_endpoint.Server.Keys.TryResolve("alias/flow", out _))
                _endpoint.Server.Keys.CreateAlias("alias/flow", _endpoint.Server.Keys.CreateKey("flow tests").KeyId);
        }

        public void Dispose()
        {
            _session.Dispose();
            _timeout.Dispose();
        }

        private CancellationToken Ct => _timeout.Token;

        private AwsSession SessionFor(string secretKey) => _endpoint.CreateSession(secretKey: secretKey);

        private async Task<S3Location> UploadAsync(byte[] document, string name)
        {
            var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + "-" + name);
            await File.WriteAllBytesAsync(path, document);
            try
            {
                var (location, _) = await new DocumentUploader(_session.S3).UploadAsync(path, S3Location.Parse("s3://flow-in/docs/", "UploadUri"), "alias/flow", Ct);
                return location;
            }
            finally
            {
                File.Delete(path);
            }
        }

        private async Task<TextractJob> StartAndWaitAsync(S3Location document, JobOptions options)
        {
            var request = JobStarter.BuildRequest(document, options);
            var job = await new JobStarter(_session.Textract).StartAsync(request, _session.Region, _session.EndpointUrl, Ct);
            var waiter = new JobWaiter(_ => _session.Textract, new PollSchedule(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200)));
            var left = await waiter.WaitAsync(new[] { job }, TestTimeout, _ => { }, null, Ct);
            Assert.Empty(left);
            return job;
        }

        [Fact]
        public async Task Sample_runs_start_wait_get_and_reads_every_line_from_the_api_and_the_bucket()
        {
            var document = await UploadAsync(ProjectSample.CreatePdf(), ProjectSample.FileName);
            var job = await StartAndWaitAsync(document, new JobOptions { Features = new[] { "Tables", "Forms" }, KmsKeyId = "alias/flow", Output = S3Location.Of("flow-out", "sample") });

            Assert.Equal("SUCCEEDED", job.Status);
            Assert.Equal(ProjectSample.ExpectedPageCount, job.Pages);
            var fromApi = TextractDocumentReader.Read(ApiOutputSource.ReadPages(_session.Textract, job, Ct));
            Assert.Equal(ProjectSample.ExpectedLines, fromApi.Lines.Select(l => l.Text));

            var source = new S3OutputSource(_session.S3);
            var objects = await source.ListAsync(S3Location.Parse(job.OutputLocation, "S3Uri"), TimeSpan.FromSeconds(5), Ct);
            var seen = new List<OutputObjectInfo>();
            var fromBucket = TextractDocumentReader.Read(source.ReadPages(objects, seen.Add, Ct));
            Assert.Equal(ProjectSample.ExpectedLines, fromBucket.Lines.Select(l => l.Text));
            var keyArn = await KmsKeyMatcher.ResolveArnAsync(_session.Kms, "alias/flow", Ct);
            Assert.All(seen, o =>
            {
                Assert.Equal("aws:kms", o.Encryption);
                Assert.True(KmsKeyMatcher.Matches(keyArn, o.KmsKeyId));
            });
        }

        [Fact]
        public async Task Output_of_more_than_ten_thousand_blocks_is_paged_and_read_back_in_numeric_order()
        {
            // 10,500 words: 11 pages of 1,000 blocks from the API, 11 numbered objects in the bucket (10 after 9).
            var (pdf, recording, wordCount) = LargeRecording(10_500);
            Library().AddRecording(pdf, recording);
            var document = await UploadAsync(pdf, "large.pdf");
            var job = await StartAndWaitAsync(document, new JobOptions { Output = S3Location.Of("flow-out", "large") });

            var pages = ApiOutputSource.ReadPages(_session.Textract, job, Ct).ToList();
            Assert.True(pages.Count >= 11, $"expected at least 11 Get pages, got {pages.Count}");
            var fromApi = TextractDocumentReader.Read(pages);
            Assert.Equal(wordCount, fromApi.Words.Count);
            Assert.Equal(Enumerable.Range(0, wordCount).Select(i => "w" + i), fromApi.Words.Select(w => w.Text));

            var source = new S3OutputSource(_session.S3);
            var objects = await source.ListAsync(S3Location.Parse(job.OutputLocation, "S3Uri"), TimeSpan.FromSeconds(5), Ct);
            Assert.Equal(Enumerable.Range(1, objects.Count), objects.Select(o => o.Number));
            Assert.True(objects.Count >= 11);
            var fromBucket = TextractDocumentReader.Read(source.ReadPages(objects, null, Ct));
            Assert.Equal(fromApi.Words.Select(w => w.Id), fromBucket.Words.Select(w => w.Id));
        }

        [Fact]
        public async Task A_missing_output_object_is_an_error_never_a_shorter_document()
        {
            var (pdf, recording, _) = LargeRecording(2_500);
            Library().AddRecording(pdf, recording);
            var document = await UploadAsync(pdf, "gap.pdf");
            var job = await StartAndWaitAsync(document, new JobOptions { Output = S3Location.Of("flow-out", "gap") });
            var location = S3Location.Parse(job.OutputLocation, "S3Uri");
            await _session.S3.DeleteObjectAsync(location.Bucket, location.Key + "2", Ct);

            var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
                new S3OutputSource(_session.S3).ListAsync(location, TimeSpan.FromMilliseconds(300), Ct));
            Assert.Contains("lacks object", error.Message);
            Assert.Contains(location.Key + "2", error.Message);
        }

        [Fact]
        public async Task The_same_document_and_options_started_twice_give_one_job()
        {
            var document = await UploadAsync(ProjectSample.CreatePdf(), ProjectSample.FileName);
            var options = new JobOptions { Features = new[] { "Tables" } };
            var starter = new JobStarter(_session.Textract);
            var first = await starter.StartAsync(JobStarter.BuildRequest(document, options), _session.Region, null, Ct);
            var second = await starter.StartAsync(JobStarter.BuildRequest(document, options), _session.Region, null, Ct);
            Assert.Equal(first.JobId, second.JobId);

            options.Features = new[] { "Forms" };
            var other = await starter.StartAsync(JobStarter.BuildRequest(document, options), _session.Region, null, Ct);
            Assert.NotEqual(first.JobId, other.JobId);
        }

        [Fact]
        public async Task Uploading_the_same_file_twice_sends_it_once_under_the_key()
        {
            var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".pdf");
            await File.WriteAllBytesAsync(path, ProjectSample.CreatePdf());
            try
            {
                // The session's uploader: it resolves the alias to tell that the first copy is under the key.
                var uploader = _session.CreateDocumentUploader();
                var target = S3Location.Parse("s3://flow-in/twice/", "UploadUri");
                var first = await uploader.UploadAsync(path, target, "alias/flow", Ct);
                var second = await uploader.UploadAsync(path, target, "alias/flow", Ct);
                Assert.True(first.Uploaded);
                Assert.False(second.Uploaded);
                Assert.Equal(first.Location.Key, second.Location.Key);
                var head = await _session.S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = "flow-in", Key = first.Location.Key }, Ct);
                Assert.Equal("aws:kms", head.ServerSideEncryptionMethod.Value);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public async Task Service_errors_keep_their_code_and_message()
        {
            var missing = S3Location.Of("flow-in", "no/such/document.pdf");
            var error = await Assert.ThrowsAsync<TextractTools.Engine.Api.InvalidS3ObjectException>(() =>
                new JobStarter(_session.Textract).StartAsync(JobStarter.BuildRequest(missing, new JobOptions()), _session.Region, null, Ct));
            Assert.Equal("InvalidS3ObjectException", error.ErrorCode);
            Assert.Equal(400, error.StatusCode);
            Assert.False(string.IsNullOrEmpty(error.Message));

            var unknownJob = await Assert.ThrowsAnyAsync<TextractServiceException>(() =>
                _session.Textract.GetJobPageAsync(TextractJobKind.DocumentAnalysis, new GetJobPageRequest(new string('a', 64), 1), Ct));
            Assert.Equal("InvalidJobIdException", unknownJob.ErrorCode);
        }

        [Fact]
        public async Task A_wrong_secret_key_is_refused_as_the_service_refuses_it()
        {
            using var wrong = SessionFor("not-the-secret");
            var error = await Assert.ThrowsAnyAsync<TextractServiceException>(() =>
                wrong.Textract.GetJobPageAsync(TextractJobKind.TextDetection, new GetJobPageRequest(new string('b', 64), 1), Ct));
            Assert.Equal("InvalidSignatureException", error.ErrorCode);
        }

        private ReplayLibraryAccess Library() => new ReplayLibraryAccess(_endpoint);

        /// <summary>A PDF-looking document unique to this call and a text-detection recording with that many words.</summary>
        private static (byte[] Pdf, string Recording, int Words) LargeRecording(int words)
        {
            var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% engine flow test " + Guid.NewGuid() + "\n%%EOF\n");
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("JobStatus", "SUCCEEDED");
                json.WriteStartObject("DocumentMetadata");
                json.WriteNumber("Pages", 1);
                json.WriteEndObject();
                json.WriteStartArray("Blocks");
                json.WriteStartObject();
                json.WriteString("BlockType", "PAGE");
                json.WriteString("Id", "page-1");
                json.WriteNumber("Page", 1);
                json.WriteEndObject();
                for (var i = 0; i < words; i++)
                {
                    json.WriteStartObject();
                    json.WriteString("BlockType", "WORD");
                    json.WriteString("Id", "word-" + i);
                    json.WriteNumber("Page", 1);
                    json.WriteString("Text", "w" + i);
                    json.WriteString("TextType", "PRINTED");
                    json.WriteNumber("Confidence", 99.5);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            return (pdf, Encoding.UTF8.GetString(buffer.ToArray()), words);
        }

        /// <summary>Adds recordings to the running endpoint's replay library.</summary>
        private sealed class ReplayLibraryAccess
        {
            private readonly LocalEndpointFixture _endpoint;

            public ReplayLibraryAccess(LocalEndpointFixture endpoint) => _endpoint = endpoint;

            public void AddRecording(byte[] document, string recording) =>
                _endpoint.Server.JsonServices.OfType<TextractService>().Single().Library.AddRecording(document, recording);
        }
    }
}
