using System;
using TextractTools.Engine;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Api;
using TextractTools.Engine.Jobs;
using Xunit;

namespace TextractTools.Tests.Engine.Jobs
{
    public sealed class JobsUnitTests
    {
        /// <summary>A Textract that answers IN_PROGRESS a set number of times per job, then a final status.</summary>
        private sealed class ScriptedTextract : ITextractApi
        {
            private readonly Dictionary<string, Queue<string>> _answers = new();
            public List<string> Polls { get; } = new();

            public ScriptedTextract Job(string jobId, params string[] statuses)
            {
                _answers[jobId] = new Queue<string>(statuses);
                return this;
            }

            public Task<JobResultPage> GetJobPageAsync(TextractJobKind kind, GetJobPageRequest request, CancellationToken ct) => Answer(request);

            private Task<JobResultPage> Answer(GetJobPageRequest request)
            {
                Assert.Equal(1, request.MaxResults); // polling asks for the cheapest answer
                Polls.Add(request.JobId);
                var queue = _answers[request.JobId];
                var status = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
                return Task.FromResult(new JobResultPage
                {
                    JobStatus = status,
                    StatusMessage = status == "FAILED" ? "Unsupported document" : null,
                    PageCount = status == "IN_PROGRESS" ? null : 3,
                    Warnings = status == "PARTIAL_SUCCESS" ? new[] { new JobWarning("PAGE_FAILED", new[] { 2 }) } : Array.Empty<JobWarning>(),
                });
            }

            public Task<string> StartJobAsync(StartJobRequest request, CancellationToken ct) => throw new NotSupportedException();
            public Task<JobResultPage> GetJobSummaryAsync(TextractJobKind kind, string jobId, CancellationToken ct) => throw new NotSupportedException();
            public void Dispose() { }
        }

        /// <summary>Virtual time: delays complete at once and advance the clock, so backoff is observable without waiting.</summary>
        private sealed class VirtualClock
        {
            private static readonly DateTimeOffset Epoch = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            public TimeSpan Now { get; private set; }
            public DateTimeOffset UtcNow() => Epoch + Now;
            public List<TimeSpan> Delays { get; } = new();

            public Task Delay(TimeSpan d, CancellationToken ct)
            {
                ct.ThrowIfCancellationRequested();
                Delays.Add(d);
                Now += d;
                return Task.CompletedTask;
            }
        }

        private static TextractJob Job(string id) => new TextractJob { JobId = id, Kind = TextractJobKind.DocumentAnalysis };

        [Fact]
        public async Task Jobs_are_reported_as_each_finishes_with_their_final_status()
        {
            var api = new ScriptedTextract()
                .Job("fast", "IN_PROGRESS", "SUCCEEDED")
                .Job("slow", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "FAILED")
                .Job("partial", "PARTIAL_SUCCESS");
            var clock = new VirtualClock();
            var waiter = new JobWaiter(_ => api, new PollSchedule(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), random: new Random(1)), clock.Delay, clock.UtcNow);
            var finished = new List<TextractJob>();
            var left = await waiter.WaitAsync(new[] { Job("fast"), Job("slow"), Job("partial") }, null, finished.Add, null, CancellationToken.None);

            Assert.Empty(left);
            Assert.Equal(new[] { "partial", "fast", "slow" }, finished.Select(j => j.JobId));
            Assert.Equal("FAILED", finished[2].Status);
            Assert.Equal("Unsupported document", finished[2].StatusMessage);
            Assert.Equal(new[] { "PAGE_FAILED: pages 2" }, finished[0].Warnings);
            Assert.All(finished, j => Assert.NotNull(j.CompletedAt));
            Assert.Equal(3, finished[1].Pages);
        }

        [Fact]
        public async Task Polls_of_one_job_back_off_up_to_the_cap()
        {
            var api = new ScriptedTextract().Job("j", Enumerable.Repeat("IN_PROGRESS", 12).Append("SUCCEEDED").ToArray());
            var clock = new VirtualClock();
            var waiter = new JobWaiter(_ => api, new PollSchedule(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), random: new Random(7)), clock.Delay, clock.UtcNow);
            await waiter.WaitAsync(new[] { Job("j") }, null, _ => { }, null, CancellationToken.None);

            // The waits between polls grow and never exceed the cap; the last ones sit in the cap's jitter band.
            var gaps = clock.Delays;
            Assert.True(gaps.Count >= 10);
            Assert.All(gaps, g => Assert.True(g <= TimeSpan.FromSeconds(8)));
            Assert.True(gaps.Last() >= TimeSpan.FromSeconds(4), "capped waits keep at least half the cap");
            Assert.True(gaps[1] < gaps.Last());
            Assert.Equal(13, waiter.PollCount);
        }

        [Fact]
        public async Task The_timeout_returns_the_jobs_still_running()
        {
            var api = new ScriptedTextract().Job("done", "SUCCEEDED").Job("forever", "IN_PROGRESS");
            var clock = new VirtualClock();
            var waiter = new JobWaiter(_ => api, new PollSchedule(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)), clock.Delay, clock.UtcNow);
            var finished = new List<TextractJob>();
            var left = await waiter.WaitAsync(new[] { Job("done"), Job("forever") }, TimeSpan.FromSeconds(30), finished.Add, null, CancellationToken.None);

            Assert.Equal("done", Assert.Single(finished).JobId);
            Assert.Equal("forever", Assert.Single(left).JobId);
            Assert.Equal("IN_PROGRESS", left[0].Status);
        }

        [Fact]
        public async Task Cancellation_stops_the_wait()
        {
            var api = new ScriptedTextract().Job("forever", "IN_PROGRESS");
            using var cts = new CancellationTokenSource();
            var waiter = new JobWaiter(_ => api, new PollSchedule(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)),
                (d, ct) => { cts.Cancel(); ct.ThrowIfCancellationRequested(); return Task.CompletedTask; });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                waiter.WaitAsync(new[] { Job("forever") }, null, _ => { }, null, cts.Token));
        }

        [Theory]
        [InlineData(0, 500, 1000)]
        [InlineData(1, 1000, 2000)]
        [InlineData(10, 15000, 30000)]
        public void Poll_delays_stay_within_their_jitter_band(int attempt, int minMs, int maxMs)
        {
            var schedule = new PollSchedule(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
            for (var i = 0; i < 200; i++)
            {
                var d = schedule.DelayBefore(attempt).TotalMilliseconds;
                Assert.InRange(d, minMs, maxMs);
            }
        }

        [Fact]
        public void The_derived_token_depends_on_the_document_and_every_option()
        {
            StartJobRequest Request(Action<JobOptions>? change = null, S3Location? document = null, string? etag = null, string? token = null)
            {
                var options = new JobOptions { Features = new[] { "Tables" }, KmsKeyId = "alias/k", Output = S3Location.Of("out-bucket", null) };
                change?.Invoke(options);
                return JobStarter.BuildRequest(document ?? S3Location.Of("in-bucket", "a.pdf"), options, etag, token);
            }

            var baseline = Request().ClientRequestToken!;
            Assert.Matches("^[a-zA-Z0-9-_]{1,64}$", baseline);
            Assert.Equal(baseline, Request().ClientRequestToken);
            Assert.Equal(baseline, Request(s => s.Features = new[] { "tables" }).ClientRequestToken);
            Assert.NotEqual(baseline, Request(document: S3Location.Of("in-bucket", "b.pdf")).ClientRequestToken);
            Assert.NotEqual(baseline, Request(etag: "\"abc\"").ClientRequestToken);
            Assert.NotEqual(baseline, Request(s => s.Features = new[] { "Forms" }).ClientRequestToken);
            Assert.NotEqual(baseline, Request(s => s.KmsKeyId = "alias/other").ClientRequestToken);
            Assert.NotEqual(baseline, Request(s => s.Output = S3Location.Of("out-bucket", "p")).ClientRequestToken);
            Assert.Equal("mine", Request(token: "mine").ClientRequestToken);

            // The notification role is part of the token too (a rerun with another role is another job).
            const string topic = "arn:aws:sns:us-east-1:123456789012:done";
            var withRole = Request(s => { s.NotificationTopicArn = topic; s.NotificationRoleArn = "arn:aws:iam::123456789012:role/a"; }).ClientRequestToken;
            Assert.NotEqual(withRole, Request(s => { s.NotificationTopicArn = topic; s.NotificationRoleArn = "arn:aws:iam::123456789012:role/b"; }).ClientRequestToken);
        }

        [Fact]
        public void The_kind_follows_the_features_unless_given_and_options_of_another_kind_are_refused()
        {
            var document = S3Location.Of("in-bucket", "a.pdf");
            Assert.Equal(TextractJobKind.TextDetection, JobStarter.BuildRequest(document, new JobOptions()).Kind);
            Assert.Equal(TextractJobKind.DocumentAnalysis, JobStarter.BuildRequest(document, new JobOptions { Features = new[] { "Forms" } }).Kind);
            Assert.Equal(TextractJobKind.DocumentAnalysis, JobStarter.BuildRequest(document, new JobOptions { Queries = new[] { new QuerySpec("Total?") } }).Kind);
            Assert.Equal(TextractJobKind.ExpenseAnalysis, JobStarter.BuildRequest(document, new JobOptions { Kind = TextractJobKind.ExpenseAnalysis }).Kind);

            Assert.StartsWith("-Feature", Assert.ThrowsAny<ArgumentException>(() =>
                JobStarter.BuildRequest(document, new JobOptions { Kind = TextractJobKind.ExpenseAnalysis, Features = new[] { "Tables" } })).Message);
            Assert.StartsWith("-Query", Assert.ThrowsAny<ArgumentException>(() =>
                JobStarter.BuildRequest(document, new JobOptions { Kind = TextractJobKind.LendingAnalysis, Queries = new[] { new QuerySpec("Total?") } })).Message);
            Assert.StartsWith("-Adapter", Assert.ThrowsAny<ArgumentException>(() =>
                JobStarter.BuildRequest(document, new JobOptions { Kind = TextractJobKind.TextDetection, Adapters = new[] { new AdapterSpec("123456789012", "1") } })).Message);
            Assert.StartsWith("-Feature", Assert.ThrowsAny<ArgumentException>(() =>
                JobStarter.BuildRequest(document, new JobOptions { Kind = TextractJobKind.DocumentAnalysis })).Message);
        }

        [Fact]
        public void Each_kind_is_another_job_for_the_same_document_and_the_batch_line_names_it()
        {
            var document = S3Location.Of("in-bucket", "a.pdf");
            var tokens = new[] { TextractJobKind.TextDetection, TextractJobKind.ExpenseAnalysis, TextractJobKind.LendingAnalysis }
                .Select(kind => JobStarter.BuildRequest(document, new JobOptions { Kind = kind }).ClientRequestToken)
                .ToList();
            Assert.Equal(3, tokens.Distinct().Count());
            // Text detection named or implied is the same job (its token predates kinds).
            Assert.Equal(tokens[0], JobStarter.BuildRequest(document, new JobOptions()).ClientRequestToken);

            var batch = new TextractTools.Engine.Batch.BatchOptions { Job = new JobOptions { Kind = TextractJobKind.LendingAnalysis }, Region = "us-east-1" };
            Assert.Contains("kind=LendingAnalysis", batch.Describe());
            var withRole = new TextractTools.Engine.Batch.BatchOptions
            {
                Job = new JobOptions { NotificationTopicArn = "arn:aws:sns:us-east-1:123456789012:t", NotificationRoleArn = "arn:aws:iam::123456789012:role/r" },
                Region = "us-east-1",
            };
            Assert.Contains("role=arn:aws:iam::123456789012:role/r", withRole.Describe());
        }

        [Fact]
        public void Tokens_handed_out_before_stay_the_same()
        {
            // A scheduled script that reruns after an upgrade must get its job back, not pay for a second one: the
            // token of this request was derived by the first release (bucket, key, version, etag, features, outbucket,
            // outprefix, kms, tag, topic, role, one "name=value" line each, SHA-256, 40 hex digits).
            var request = JobStarter.BuildRequest(S3Location.Of("in-bucket", "a.pdf"),
                new JobOptions { Features = new[] { "Tables" }, KmsKeyId = "alias/k", Output = S3Location.Of("out-bucket", null) });
            Assert.Equal("tt-f707882163b1ca657c77f85b63a39dab1fac3d34", request.ClientRequestToken);
        }

        [Theory]
        [InlineData("Feature", "Nope")]
        [InlineData("Bucket", null)]
        [InlineData("KmsKeyId", "-bad")]
        [InlineData("JobTag", "has space")]
        [InlineData("ClientRequestToken", "way/too/odd")]
        [InlineData("OutputPrefix", "   ")]
        [InlineData("Query", "ünïcode")]
        [InlineData("NotificationRoleArn", "arn:aws:iam::1:role/x")]
        public void Bad_values_are_named_before_any_call(string parameter, string? value)
        {
            var document = S3Location.Of("in-bucket", "a.pdf");
            var options = new JobOptions { Features = new[] { "Tables" } };
            string? token = null;
            switch (parameter)
            {
                case "Feature": options.Features = new[] { value! }; break;
                case "Bucket": document = S3Location.Of("UPPER_case", "a.pdf"); break;
                case "KmsKeyId": options.KmsKeyId = value; break;
                case "JobTag": options.JobTag = value; break;
                case "ClientRequestToken": token = value; break;
                case "OutputPrefix": options.Output = S3Location.Of("out-bucket", value); break;
                case "Query": options.Queries = new[] { new QuerySpec(value!) }; break;
                case "NotificationRoleArn":
                    options.NotificationTopicArn = "arn:aws:sns:us-east-1:123456789012:topic";
                    options.NotificationRoleArn = value;
                    break;
            }
            var error = Assert.ThrowsAny<ArgumentException>(() => JobStarter.BuildRequest(document, options, null, token));
            Assert.StartsWith("-" + parameter, error.Message);
        }

        [Fact]
        public void Queries_imply_the_queries_feature()
        {
            var request = JobStarter.BuildRequest(S3Location.Of("in-bucket", "a.pdf"), new JobOptions { Queries = new[] { new QuerySpec("What is the total?", "TOTAL", new[] { "1-2" }) } });
            Assert.Equal(new[] { "QUERIES" }, request.Options.Features);
        }

        [Theory]
        [InlineData("s3://bucket/key.pdf", "bucket", "key.pdf")]
        [InlineData("S3://bucket/dir/sub/key.pdf", "bucket", "dir/sub/key.pdf")]
        [InlineData("s3://bucket", "bucket", "")]
        public void S3_uris_parse(string uri, string bucket, string key)
        {
            var parsed = S3Location.Parse(uri, "S3Uri");
            Assert.Equal(bucket, parsed.Bucket);
            Assert.Equal(key, parsed.Key);
        }

        [Theory]
        [InlineData("https://bucket/key")]
        [InlineData("s3://ab/key")]
        [InlineData("s3://192.168.1.1/key")]
        [InlineData("s3://a..b/key")]
        [InlineData("")]
        public void Bad_s3_uris_are_refused(string uri)
        {
            Assert.Equal("S3Uri", Assert.ThrowsAny<ArgumentException>(() => S3Location.Parse(uri, "S3Uri")).ParamName);
        }

        [Fact]
        public void The_output_location_follows_textracts_naming()
        {
            var job = new TextractJob { JobId = "abc", OutputUri = "s3://out/pre/" };
            Assert.Equal("s3://out/pre/abc/", job.OutputLocation);
            job.OutputUri = "s3://out/";
            Assert.Equal("s3://out/textract_output/abc/", job.OutputLocation);
            job.OutputUri = null;
            Assert.Null(job.OutputLocation);
        }
    }
}
