using System;
using TextractTools.Engine;
using S3Location = TextractTools.Engine.S3Location;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using TextractTools.Engine.Api;
using TextractTools.Engine.Session;
using TextractTools.Engine.Document;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Output;
using TextractTools.LocalEndpoint.Faults;
using TextractTools.Tests.Support;
using Xunit;
using TextractService = TextractTools.LocalEndpoint.Textract.TextractService;
using TextractTools.Tests.Engine.Batch;

namespace TextractTools.Tests.LocalEndpoint.Faults
{
    /// <summary>
    /// Each fault kind of the local endpoint as the real SDK clients meet it: the error shape each protocol's client
    /// recognises, connections cut mid-answer, slow answers, TPS quotas, jobs that fail or end PARTIAL_SUCCESS, late
    /// output; and our clients getting through 30% throttling, 5% 5xx and dropped connections while non-retryable
    /// errors still surface at once.
    /// </summary>
    public sealed class FaultKindTests : IClassFixture<LocalEndpointFixture>, IDisposable
    {
        private const string Bucket = "faults-in";
        private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(90);
        private readonly LocalEndpointFixture _endpoint;
        private readonly FaultTestClients _clients;
        private readonly CancellationTokenSource _timeout = new(TestTimeout);

        public FaultKindTests(LocalEndpointFixture endpoint)
        {
            _endpoint = endpoint;
            _endpoint.Options.JobDuration = TimeSpan.FromMilliseconds(200);
            _endpoint.Server.Storage.CreateBucket(Bucket);
            if (!_endpoint.Server.Keys.TryResolve("alias/faults", out _))
                _endpoint.Server.Keys.CreateAlias("alias/faults", _endpoint.Server.Keys.CreateKey("fault tests").KeyId);
            _clients = new FaultTestClients(endpoint);
            // Tests of this class share the endpoint, one after the other: each counts from zero.
            Faults.Clear();
            Faults.ResetStatistics();
        }

        public void Dispose()
        {
            Faults.Clear();
            _clients.Dispose();
            _timeout.Dispose();
        }

        private FaultInjector Faults => _endpoint.Server.Faults;
        private CancellationToken Ct => _timeout.Token;
        private TextractService Textract => _endpoint.Server.JsonServices.OfType<TextractService>().Single();

        private TextractApi TextractWithRetries(int maxErrorRetry) => new(_endpoint.Credentials, new TextractClientConfig
        {
            ServiceURL = _endpoint.BaseUri.ToString(),
            AuthenticationRegion = _endpoint.Region,
            MaxErrorRetry = maxErrorRetry,
            MaxRetryBackoff = FaultTestClients.BackoffCap,
        });

        private void Plan(string json) => Faults.Configure(FaultPlan.FromJson(json));

        private long Calls(string operation) => Faults.Statistics[operation].Calls;

        [Fact]
        public async Task Throttling_is_answered_in_each_protocols_own_shape()
        {
            Plan(@"{""operations"": {""S3.GetObject"": {""throttle"": 1}, ""Kms.DescribeKey"": {""throttle"": 1},
                  ""Textract.GetDocumentTextDetection"": {""throttle"": 1}, ""Textract.GetDocumentAnalysis"": {""tps"": 0.01}}}");
            using var s3 = _endpoint.CreateS3(maxErrorRetry: 0);
            using var kms = _endpoint.CreateKms(maxErrorRetry: 0);
            using var textract = TextractWithRetries(0);

            var slowDown = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.GetObjectAsync(Bucket, "any", Ct));
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "SlowDown"), (slowDown.StatusCode, slowDown.ErrorCode));
            var kmsThrottled = await Assert.ThrowsAnyAsync<AmazonKeyManagementServiceException>(() => kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "alias/faults" }, Ct));
            Assert.Equal((HttpStatusCode.BadRequest, "ThrottlingException"), (kmsThrottled.StatusCode, kmsThrottled.ErrorCode));
            var throttled = await Assert.ThrowsAsync<ThrottlingException>(() => textract.GetJobPageAsync(TextractJobKind.TextDetection, new GetJobPageRequest("no-such-job", 1), Ct));
            Assert.Equal(400, throttled.StatusCode);

            // A TPS quota of 0.01 lets one call through (the unknown job is the service's own answer), then refuses.
            await Assert.ThrowsAsync<InvalidJobIdException>(() => textract.GetJobPageAsync(TextractJobKind.DocumentAnalysis, new GetJobPageRequest("no-such-job", 1), Ct));
            await Assert.ThrowsAsync<ProvisionedThroughputExceededException>(() => textract.GetJobPageAsync(TextractJobKind.DocumentAnalysis, new GetJobPageRequest("no-such-job", 1), Ct));
            Assert.Equal(1, Faults.Statistics["Textract.GetDocumentAnalysis"].RateLimited);
        }

        [Fact]
        public async Task Server_errors_are_answered_in_each_protocols_own_shape()
        {
            Plan(@"{""operations"": {""S3.HeadBucket"": {""5xx"": 1}, ""S3.ListBuckets"": {""5xx"": 1}, ""Kms.*"": {""5xx"": 1}, ""Textract.*"": {""5xx"": 1}}}");
            using var s3 = _endpoint.CreateS3(maxErrorRetry: 0);
            using var kms = _endpoint.CreateKms(maxErrorRetry: 0);
            using var textract = TextractWithRetries(0);

            var s3Error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListBucketsAsync(Ct));
            Assert.Equal((HttpStatusCode.InternalServerError, "InternalError"), (s3Error.StatusCode, s3Error.ErrorCode));
            var kmsError = await Assert.ThrowsAsync<KMSInternalException>(() => kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "alias/faults" }, Ct));
            Assert.Equal(HttpStatusCode.InternalServerError, kmsError.StatusCode);
            var textractError = await Assert.ThrowsAsync<InternalServerError>(() => textract.GetJobPageAsync(TextractJobKind.TextDetection, new GetJobPageRequest("no-such-job", 1), Ct));
            Assert.Equal(500, textractError.StatusCode);
        }

        [Fact]
        public async Task A_connection_dropped_mid_answer_is_retried_by_the_sdk_of_each_protocol()
        {
            Plan(@"{""operations"": {""Kms.DescribeKey"": {""drop"": 1}, ""Textract.GetDocumentTextDetection"": {""drop"": 1}, ""S3.ListBuckets"": {""drop"": 1}}}");
            using var s3 = _endpoint.CreateS3(maxErrorRetry: 2);
            using var kms = _endpoint.CreateKms(maxErrorRetry: 2);
            using var textract = TextractWithRetries(2);

            var s3Error = await Assert.ThrowsAnyAsync<Exception>(() => s3.ListBucketsAsync(Ct));
            var kmsError = await Assert.ThrowsAnyAsync<Exception>(() => kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "alias/faults" }, Ct));
            var textractError = await Assert.ThrowsAnyAsync<TextractServiceException>(() => textract.GetJobPageAsync(TextractJobKind.TextDetection, new GetJobPageRequest("no-such-job", 1), Ct));

            // Every attempt was done by the endpoint and cut off, and retried: at least the first attempt and the 2
            // retries allowed (AWSSDK.Core 4.1 also retries what it takes for a stale pooled connection, up to 10 times).
            Assert.InRange(Faults.Statistics["S3.ListBuckets"].Dropped, 3, 40);
            Assert.InRange(Faults.Statistics["Kms.DescribeKey"].Dropped, 3, 40);
            Assert.InRange(Faults.Statistics["Textract.GetDocumentTextDetection"].Dropped, 3, 40);
            Assert.True(IsBrokenConnection(s3Error), s3Error.ToString());
            Assert.True(IsBrokenConnection(kmsError), kmsError.ToString());
            Assert.True(AwsFailures.Classify(textractError).IsRetryable,
                textractError.ErrorCode + ": " + textractError.Message);
        }

        [Fact]
        public async Task An_output_object_cut_off_mid_body_is_fetched_again_then_fails_loudly()
        {
            var page = Encoding.UTF8.GetBytes("{\"JobStatus\":\"SUCCEEDED\",\"Blocks\":[" + string.Join(",", Enumerable.Range(1, 200).Select(i => $"{{\"Id\":\"{i}\"}}")) + "]}");
            _endpoint.Server.Storage.PutObject(Bucket, "cut/1", page);
            var info = new OutputObjectInfo(Bucket, "cut/1", 1, page.Length, null, null);
            using var s3 = _endpoint.CreateS3(maxErrorRetry: 0);
            var source = new S3OutputSource(s3);

            Plan(@"{""operations"": {""S3.GetObject"": {""drop"": 1}}}");
            var error = await Assert.ThrowsAsync<IOException>(() => source.ReadAsync(info, Ct));
            Assert.Contains("whole in 5 attempts", error.Message);
            Assert.Equal(5, Faults.Statistics["S3.GetObject"].Dropped);

            // The same read through ReadPages (the document path): never a shorter page, the whole read fails.
            var pages = source.ReadPages(new[] { info }, null, Ct);
            Assert.Throws<IOException>(() => pages.ToList());

            Faults.Clear();
            var (data, _) = await source.ReadAsync(info, Ct);
            Assert.Equal(page, data);
        }

        [Fact]
        public async Task A_page_the_get_api_cannot_give_fails_the_whole_read()
        {
            var tag = Guid.NewGuid().ToString("N").Substring(0, 8);
            _endpoint.Server.Storage.PutObject(Bucket, $"unreadable/{tag}.pdf", TestPdfs.Pages($"Unreadable {tag}"));
            var job = await StartAndWaitAsync(S3Location.Of(Bucket, $"unreadable/{tag}.pdf"), new JobOptions());
            Assert.Equal("SUCCEEDED", job.Status);

            Plan(@"{""operations"": {""Textract.GetDocumentTextDetection"": {""5xx"": 1}}}");
            using var textract = TextractWithRetries(0);
            var error = Assert.Throws<IOException>(() => TextractDocumentReader.Read(ApiOutputSource.ReadPages(textract, job, Ct)));
            Assert.Contains("page 1", error.Message);
            Assert.Contains("in 5 attempts", error.Message);
            Assert.Equal(5, Faults.Statistics["Textract.GetDocumentTextDetection"].ServerErrors);
        }

        [Fact]
        public async Task Slow_answers_are_slow()
        {
            Plan(@"{""operations"": {""S3.ListBuckets"": {""delayMs"": 10000}}}");
            using var impatient = new AmazonS3Client(_endpoint.Credentials, new AmazonS3Config
            {
                ServiceURL = _endpoint.BaseUri.ToString(),
                ForcePathStyle = true,
                AuthenticationRegion = _endpoint.Region,
                MaxErrorRetry = 0,
                Timeout = TimeSpan.FromMilliseconds(500),
            });
            var before = Faults.Statistics["S3.ListBuckets"];
            await Assert.ThrowsAnyAsync<Exception>(() => impatient.ListBucketsAsync(Ct));
            // Every call that reached the endpoint under the plan was held back, however many attempts the SDK made
            // (Core 4.1 may try a stale pooled connection again whatever MaxErrorRetry says, more often on a busy
            // machine): counted against the calls, not against a number of attempts.
            var slow = Faults.Statistics["S3.ListBuckets"];
            Assert.True(slow.Calls > before.Calls, "the endpoint saw no ListBuckets call");
            Assert.Equal(slow.Calls - before.Calls, slow.Delayed - before.Delayed);

            Faults.Clear();
            var buckets = await impatient.ListBucketsAsync(Ct);
            Assert.Contains(buckets.Buckets, b => b.BucketName == Bucket);
            var after = Faults.Statistics["S3.ListBuckets"];
            Assert.Equal(slow.Delayed, after.Delayed);
        }

        [Fact]
        public async Task The_clients_get_through_throttling_server_errors_and_dropped_connections()
        {
            // Start is cut off often, so that a retried Start without the idempotency token would show as an extra job.
            Plan(@"{""seed"": 11, ""operations"": {
                ""S3.*"": {""throttle"": 0.3, ""5xx"": 0.05, ""drop"": 0.05},
                ""Kms.*"": {""throttle"": 0.3, ""5xx"": 0.05, ""drop"": 0.05},
                ""Textract.*"": {""throttle"": 0.3, ""5xx"": 0.05, ""drop"": 0.05},
                ""Textract.StartDocumentTextDetection"": {""throttle"": 0.3, ""5xx"": 0.05, ""drop"": 0.25}}}");
            var tag = Guid.NewGuid().ToString("N").Substring(0, 8);

            // S3: uploads and whole reads of output-like objects.
            var source = new S3OutputSource(_clients.S3);
            for (var i = 0; i < 30; i++)
            {
                var body = Encoding.UTF8.GetBytes($"{{\"n\":{i},\"tag\":\"{tag}\",\"pad\":\"{new string('x', 2000)}\"}}");
                await _clients.S3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = $"survive/{tag}/{i}", InputStream = new MemoryStream(body) }, Ct);
                var (read, _) = await source.ReadAsync(new OutputObjectInfo(Bucket, $"survive/{tag}/{i}", i + 1, body.Length, null, null), Ct);
                Assert.Equal(body, read);
            }

            // KMS: data keys made and opened again.
            for (var i = 0; i < 30; i++)
            {
                var key = await _clients.Kms.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = "alias/faults", KeySpec = DataKeySpec.AES_256 }, Ct);
                var opened = await _clients.Kms.DecryptAsync(new DecryptRequest { CiphertextBlob = key.CiphertextBlob }, Ct);
                Assert.Equal(key.Plaintext.ToArray(), opened.Plaintext.ToArray());
            }

            // Textract: jobs started once each, waited for, read whole.
            var jobsBefore = Textract.JobCount;
            var jobs = new List<(TextractJob Job, string Text)>();
            for (var i = 0; i < 12; i++)
            {
                var text = $"Survivor {i} {tag}";
                _endpoint.Server.Storage.PutObject(Bucket, $"survive/{tag}/doc-{i}.pdf", TestPdfs.Pages(text));
                var request = JobStarter.BuildRequest(S3Location.Of(Bucket, $"survive/{tag}/doc-{i}.pdf"), new JobOptions(), null, $"survive-{tag}-{i}");
                jobs.Add((await new JobStarter(_clients.Textract).StartAsync(request, _endpoint.Region, _endpoint.BaseUri.ToString(), Ct), text));
            }
            var waiter = new JobWaiter(_ => _clients.Textract, new PollSchedule(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200)));
            Assert.Empty(await waiter.WaitAsync(jobs.Select(j => j.Job).ToList(), TestTimeout, _ => { }, null, Ct));
            foreach (var (job, text) in jobs)
            {
                Assert.Equal("SUCCEEDED", job.Status);
                var document = TextractDocumentReader.Read(ApiOutputSource.ReadPages(_clients.Textract, job, Ct));
                Assert.Equal(new[] { text }, document.Lines.Select(l => l.Text));
            }
            Assert.Equal(jobs.Count, Textract.JobCount - jobsBefore);

            // The faults did happen, in every service: the test would pass vacuously otherwise.
            var stats = Faults.Statistics;
            foreach (var service in new[] { "S3.", "Kms.", "Textract." })
            {
                var ops = stats.Operations.Values.Where(o => o.Operation.StartsWith(service, StringComparison.Ordinal)).ToList();
                Assert.True(ops.Sum(o => o.Throttled) > 0, service + " saw no throttling");
                Assert.True(ops.Sum(o => o.ServerErrors + o.Dropped) > 0, service + " saw no 5xx or drop");
            }
            Assert.True(stats["Textract.StartDocumentTextDetection"].Dropped > 0, "no Start was cut off");
        }

        [Fact]
        public async Task A_non_retryable_error_surfaces_at_once()
        {
            Plan(@"{""operations"": {""S3.PutObject"": {""throttle"": 0.3}}}");
            var getBefore = Calls("Textract.GetDocumentTextDetection");
            var objectBefore = Calls("S3.GetObject");
            var keyBefore = Calls("Kms.DescribeKey");

            var invalidJob = await Assert.ThrowsAsync<InvalidJobIdException>(() => _clients.Textract.GetJobPageAsync(TextractJobKind.TextDetection, new GetJobPageRequest("no-such-job", 1), Ct));
            Assert.Contains("invalid job identifier", invalidJob.Message);
            var noKey = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => _clients.S3.GetObjectAsync(Bucket, "no/such/key", Ct));
            Assert.Equal("NoSuchKey", noKey.ErrorCode);
            await Assert.ThrowsAsync<NotFoundException>(() => _clients.Kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "alias/no-such-key" }, Ct));

            // One call each: retried neither by the SDK (10 attempts allowed) nor by anything of ours.
            Assert.Equal(1, Calls("Textract.GetDocumentTextDetection") - getBefore);
            Assert.Equal(1, Calls("S3.GetObject") - objectBefore);
            Assert.Equal(1, Calls("Kms.DescribeKey") - keyBefore);
        }

        [Fact]
        public async Task Jobs_end_FAILED_or_PARTIAL_SUCCESS_as_the_plan_says()
        {
            var tag = Guid.NewGuid().ToString("N").Substring(0, 8);
            _endpoint.Server.Storage.PutObject(Bucket, $"outcome/{tag}.pdf", TestPdfs.Pages($"First page {tag}", $"Second page {tag}"));
            var document = S3Location.Of(Bucket, $"outcome/{tag}.pdf");

            Plan(@"{""operations"": {""Textract.StartDocumentTextDetection"": {""fail"": 1}}}");
            var failed = await StartAndWaitAsync(document, new JobOptions(), null, "failed-" + tag);
            Assert.Equal("FAILED", failed.Status);
            Assert.Equal(JobFault.FailedMessage, failed.StatusMessage);

            Plan(@"{""operations"": {""Textract.StartDocumentTextDetection"": {""partial"": 1}}}");
            var partial = await StartAndWaitAsync(document, new JobOptions(), null, "partial-" + tag);
            Assert.Equal("PARTIAL_SUCCESS", partial.Status);
            Assert.Equal(2, partial.Pages);
            Assert.Equal(new[] { JobFault.FailedPageCode + ": pages 2" }, partial.Warnings);
            var read = TextractDocumentReader.Read(ApiOutputSource.ReadPages(_clients.Textract, partial, Ct));
            Assert.Equal(new[] { $"First page {tag}" }, read.Lines.Select(l => l.Text));
            OutputCompleteness.Check(read, partial, "the Get API"); // PARTIAL_SUCCESS may lack the pages its warnings name

            var stats = Faults.Statistics;
            Assert.Equal((1, 1), (stats.JobsFailed, stats.JobsPartial));
        }

        [Fact]
        public async Task Output_objects_can_appear_after_the_job_succeeded()
        {
            var tag = Guid.NewGuid().ToString("N").Substring(0, 8);
            _endpoint.Server.Storage.PutObject(Bucket, $"late/{tag}.pdf", TestPdfs.Pages($"Late output {tag}"));
            Plan(@"{""operations"": {""Textract.StartDocumentTextDetection"": {""lateOutputMs"": 4000}}}");

            var job = await StartAndWaitAsync(S3Location.Of(Bucket, $"late/{tag}.pdf"), new JobOptions { Output = S3Location.Of(Bucket, "late-out") });
            Assert.Equal("SUCCEEDED", job.Status);
            var early = await _clients.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = $"late-out/{job.JobId}/" }, Ct);
            Assert.DoesNotContain(early.S3Objects ?? new List<S3Object>(), o => o.Key.EndsWith("/1", StringComparison.Ordinal));

            // The reader waits for them (up to its settle time) instead of reading an empty output.
            var source = new S3OutputSource(_clients.S3);
            var objects = await source.ListAsync(S3Location.Parse(job.OutputLocation!, "S3Uri"), TimeSpan.FromSeconds(30), Ct);
            var read = TextractDocumentReader.Read(source.ReadPages(objects, null, Ct));
            Assert.Equal(new[] { $"Late output {tag}" }, read.Lines.Select(l => l.Text));
            Assert.Equal(1, Faults.Statistics.JobsLateOutput);
        }

        [Fact]
        public async Task The_admin_route_changes_the_plan_of_a_running_endpoint()
        {
            using var http = new HttpClient { BaseAddress = _endpoint.BaseUri };
            using var s3 = _endpoint.CreateS3(maxErrorRetry: 0);

            var set = await http.PostAsync("_admin/faults", new StringContent(@"{""seed"": 5, ""operations"": {""S3.ListBuckets"": {""throttle"": 1}}}"), Ct);
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            var throttled = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListBucketsAsync(Ct));
            Assert.Equal("SlowDown", throttled.ErrorCode);

            var shown = await http.GetStringAsync("_admin/faults", Ct);
            using (var json = System.Text.Json.JsonDocument.Parse(shown))
            {
                Assert.Equal(5, json.RootElement.GetProperty("plan").GetProperty("seed").GetInt32());
                Assert.True(json.RootElement.GetProperty("statistics").GetProperty("operations").GetProperty("S3.ListBuckets").GetProperty("throttled").GetInt64() >= 1);
            }

            var bad = await http.PostAsync("_admin/faults", new StringContent(@"{""operations"": {""S3.*"": {""throttle"": 7}}}"), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("throttle", await bad.Content.ReadAsStringAsync(Ct));
            Assert.Equal(1, Faults.Plan.RuleFor("S3.ListBuckets")!.Throttle); // a bad plan changes nothing

            Assert.Equal(HttpStatusCode.OK, (await http.DeleteAsync("_admin/faults", Ct)).StatusCode);
            Assert.True(Faults.Plan.IsEmpty);
            await s3.ListBucketsAsync(Ct);
        }

        private async Task<TextractJob> StartAndWaitAsync(S3Location document, JobOptions options, string? etag = null, string? token = null)
        {
            var request = JobStarter.BuildRequest(document, options, etag, token);
            var job = await new JobStarter(_clients.Textract).StartAsync(request, _endpoint.Region, _endpoint.BaseUri.ToString(), Ct);
            var waiter = new JobWaiter(_ => _clients.Textract, new PollSchedule(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200)));
            Assert.Empty(await waiter.WaitAsync(new[] { job }, TestTimeout, _ => { }, null, Ct));
            return job;
        }

        private static bool IsBrokenConnection(Exception e)
        {
            for (var current = e; current != null; current = current.InnerException)
                if (current is IOException || current is HttpRequestException) return true;
            return false;
        }
    }
}
