using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Kms;
using TextractTools.LocalEndpoint.Replay;
using TextractTools.LocalEndpoint.Sns;
using TextractTools.LocalEndpoint.Sqs;
using TextractTools.LocalEndpoint.Storage;
using TextractTools.LocalEndpoint.Textract;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.LocalEndpoint.Textract
{
    /// <summary>
    /// Textract's NotificationChannel and concurrent-job limit in process, on a manual clock: the topic must exist
    /// at Start, the finished job's message is published once in the service's format, and Starts beyond the limit
    /// are refused until a job finishes.
    /// </summary>
    public sealed class NotificationChannelTests
    {
        private static readonly TimeSpan JobDuration = TimeSpan.FromSeconds(5);
        private static readonly CallContext Caller = new("AKIDLOCALENDPOINT", "us-east-1", "textract", "request-1");

        private readonly TextractManualClock _clock = new();
        private readonly EndpointOptions _options = new() { JobDuration = JobDuration };
        private readonly ObjectStore _storage = new();
        private readonly QueueStore _queues;
        private readonly TopicStore _topics;
        private readonly TextractService _service;

        public NotificationChannelTests()
        {
            _storage.CreateBucket("input");
            _queues = new QueueStore(_options.Region, _options.AccountId, () => new Uri("http://127.0.0.1:9/"), _clock);
            _topics = new TopicStore(_options.Region, _options.AccountId);
            var publisher = new NotificationPublisher(_topics, _queues, () => new Uri("http://127.0.0.1:9/"), _clock);
            _service = new TextractService(_options, _storage, new KeyStore(_options.Region, _options.AccountId),
                new ReplayLibrary(includeProjectSample: false), _clock, notifications: publisher);
        }

        private (int Status, JsonElement Body) Call(string operation, object body)
        {
            var response = _service.HandleAsync(operation, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body)), Caller, CancellationToken.None).GetAwaiter().GetResult();
            using var document = JsonDocument.Parse(response.Json);
            return (response.StatusCode, document.RootElement.Clone());
        }

        private (int Status, JsonElement Body) Start(string key, string? topicArn = null, string? jobTag = null, string? token = null)
        {
            _storage.PutObject("input", key, TextractTestHarness.UniquePng());
            var body = new Dictionary<string, object> { ["DocumentLocation"] = TextractTestHarness.Location(key) };
            if (topicArn is not null)
                body["NotificationChannel"] = new { SNSTopicArn = topicArn, RoleArn = "arn:aws:iam::000000000000:role/TextractSns" };
            if (jobTag is not null) body["JobTag"] = jobTag;
            if (token is not null) body["ClientRequestToken"] = token;
            return Call("StartDocumentTextDetection", body);
        }

        private static string JobIdOf((int Status, JsonElement Body) reply)
        {
            Assert.True(reply.Status == 200, reply.Body.ToString());
            return reply.Body.GetProperty("JobId").GetString()!;
        }

        private List<string> Drain(string queueName)
        {
            var queue = _queues.FindByName(queueName)!;
            var (messages, _) = queue.Receive(10, TimeSpan.FromMinutes(5), _clock.GetUtcNow());
            return messages.Select(m => m.Message.Body).ToList();
        }

        private string TopicWithQueue(string name, bool raw)
        {
            _queues.CreateQueue(name);
            var topicArn = _topics.CreateTopic(name);
            _topics.SubscribeQueue(topicArn, _queues.ArnOf(name), raw);
            return topicArn;
        }

        [Fact]
        public void A_finished_job_publishes_the_service_message_once()
        {
            var topicArn = TopicWithQueue("channel-raw", raw: true);
            var jobId = JobIdOf(Start("docs/a.png", topicArn, jobTag: "invoice-7"));
            Assert.Empty(Drain("channel-raw"));

            _clock.Advance(JobDuration + TimeSpan.FromSeconds(1));
            var get = Call("GetDocumentTextDetection", new { JobId = jobId });
            Call("GetDocumentTextDetection", new { JobId = jobId });
            var status = get.Body.GetProperty("JobStatus").GetString();

            var body = Assert.Single(Drain("channel-raw"));
            using var message = JsonDocument.Parse(body);
            var root = message.RootElement;
            Assert.Equal(jobId, root.GetProperty("JobId").GetString());
            // An unrecorded PNG fails in the local endpoint: the message carries the job's final status, whatever it is.
            Assert.Equal(status, root.GetProperty("Status").GetString());
            Assert.Equal("StartDocumentTextDetection", root.GetProperty("API").GetString());
            Assert.Equal("invoice-7", root.GetProperty("JobTag").GetString());
            Assert.Equal(_clock.GetUtcNow().ToUnixTimeMilliseconds(), root.GetProperty("Timestamp").GetInt64());
            Assert.Equal("docs/a.png", root.GetProperty("DocumentLocation").GetProperty("S3ObjectName").GetString());
            Assert.Equal("input", root.GetProperty("DocumentLocation").GetProperty("S3Bucket").GetString());
        }

        [Theory]
        [InlineData("StartExpenseAnalysis", "GetExpenseAnalysis")]
        [InlineData("StartLendingAnalysis", "GetLendingAnalysis")]
        public void Expense_and_lending_jobs_publish_with_their_Start_operation_as_API(string startOperation, string getOperation)
        {
            var topicArn = TopicWithQueue("channel-" + startOperation, raw: true);
            _storage.PutObject("input", "docs/kind.png", TextractTestHarness.UniquePng());
            var jobId = JobIdOf(Call(startOperation, new
            {
                DocumentLocation = TextractTestHarness.Location("docs/kind.png"),
                NotificationChannel = new { SNSTopicArn = topicArn, RoleArn = "arn:aws:iam::000000000000:role/TextractSns" },
                JobTag = "kind",
            }));
            _clock.Advance(JobDuration + TimeSpan.FromSeconds(1));
            var status = Call(getOperation, new { JobId = jobId }).Body.GetProperty("JobStatus").GetString();

            using var message = JsonDocument.Parse(Assert.Single(Drain("channel-" + startOperation)));
            Assert.Equal(jobId, message.RootElement.GetProperty("JobId").GetString());
            Assert.Equal(startOperation, message.RootElement.GetProperty("API").GetString());
            Assert.Equal(status, message.RootElement.GetProperty("Status").GetString());
            Assert.Equal("kind", message.RootElement.GetProperty("JobTag").GetString());
        }

        [Fact]
        public void Without_raw_delivery_the_message_is_wrapped_in_the_SNS_envelope()
        {
            var topicArn = TopicWithQueue("channel-envelope", raw: false);
            var jobId = JobIdOf(Start("docs/b.png", topicArn));
            _clock.Advance(JobDuration + TimeSpan.FromSeconds(1));
            Call("GetDocumentTextDetection", new { JobId = jobId });

            using var envelope = JsonDocument.Parse(Assert.Single(Drain("channel-envelope")));
            Assert.Equal("Notification", envelope.RootElement.GetProperty("Type").GetString());
            Assert.Equal(topicArn, envelope.RootElement.GetProperty("TopicArn").GetString());
            using var inner = JsonDocument.Parse(envelope.RootElement.GetProperty("Message").GetString()!);
            Assert.Equal(jobId, inner.RootElement.GetProperty("JobId").GetString());
            Assert.False(inner.RootElement.TryGetProperty("JobTag", out _), "a job without JobTag has none in its message");
        }

        [Fact]
        public void A_topic_that_does_not_exist_is_refused_at_Start()
        {
            var reply = Start("docs/c.png", "arn:aws:sns:us-east-1:000000000000:no-such-topic");
            Assert.Equal(400, reply.Status);
            Assert.Equal("InvalidParameterException", reply.Body.GetProperty("__type").GetString());
            Assert.Contains("no-such-topic", reply.Body.GetProperty("message").GetString());
        }

        [Fact]
        public void Starts_beyond_the_concurrent_job_limit_are_refused_until_a_job_finishes()
        {
            _options.MaxConcurrentJobs = 2;
            var first = JobIdOf(Start("docs/1.png", token: "limit-first"));
            JobIdOf(Start("docs/2.png"));

            var refused = Start("docs/3.png");
            Assert.Equal(400, refused.Status);
            Assert.Equal("LimitExceededException", refused.Body.GetProperty("__type").GetString());

            // Repeating a Start already granted is not a new job: it is answered even at the limit.
            Assert.Equal(first, JobIdOf(Call("StartDocumentTextDetection", new { DocumentLocation = TextractTestHarness.Location("docs/1.png"), ClientRequestToken = "limit-first" })));

            _clock.Advance(JobDuration + TimeSpan.FromSeconds(1));
            JobIdOf(Start("docs/3.png"));
        }

        [Fact]
        public void Without_a_limit_any_number_of_jobs_may_run()
        {
            for (var i = 0; i < 20; i++) JobIdOf(Start($"docs/free-{i}.png"));
        }
    }
}
