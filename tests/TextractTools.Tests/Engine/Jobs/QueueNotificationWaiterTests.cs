using System;
using TextractTools.Engine;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SQS.Model;
using TextractTools.Engine.Api;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Session;
using TextractTools.LocalEndpoint.Samples;
using TextractTools.Tests.Support;
using Xunit;

namespace TextractTools.Tests.Engine.Jobs
{
    /// <summary>
    /// <see cref="QueueNotificationWaiter"/> against the local endpoint: jobs started with a NotificationChannel,
    /// their notifications delivered by SNS to SQS, read back through the session's real AWSSDK.SQS client.
    /// </summary>
    public sealed class QueueNotificationWaiterTests : IClassFixture<LocalEndpointFixture>, IDisposable
    {
        private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);
        private const string Role = "arn:aws:iam::000000000000:role/TextractSns";

        private readonly LocalEndpointFixture _endpoint;
        private readonly AwsSession _session;
        private readonly CancellationTokenSource _timeout = new(TestTimeout);

        public QueueNotificationWaiterTests(LocalEndpointFixture endpoint)
        {
            _endpoint = endpoint;
            _endpoint.Options.JobDuration = TimeSpan.FromMilliseconds(300);
            _endpoint.Server.Storage.CreateBucket("notify-in");
            _endpoint.Server.Storage.PutObject("notify-in", "sample.pdf", ProjectSample.CreatePdf());
            var credentials = _endpoint.Credentials.GetCredentials();
            _session = _endpoint.CreateSession();
        }

        public void Dispose()
        {
            _session.Dispose();
            _timeout.Dispose();
        }

        private CancellationToken Ct => _timeout.Token;

        /// <summary>A queue subscribed to a topic of the same name; returns (topic ARN, queue URL).</summary>
        private (string TopicArn, string QueueUrl) Channel(string name, bool raw = false)
        {
            var queueUrl = _endpoint.Server.Queues.CreateQueue(name);
            var topicArn = _endpoint.Server.Topics.CreateTopic(name);
            _endpoint.Server.Topics.SubscribeQueue(topicArn, _endpoint.Server.Queues.ArnOf(name), raw);
            return (topicArn, queueUrl);
        }

        private Task<TextractJob> StartAsync(string? topicArn, string? jobTag = null) =>
            new JobStarter(_session.Textract).StartAsync(new StartJobRequest(S3Location.Of("notify-in", "sample.pdf"), new JobOptions { Features = new[] { "TABLES" }, JobTag = jobTag, NotificationTopicArn = topicArn, NotificationRoleArn = topicArn is null ? null : Role }, null), _session.Region, _session.EndpointUrl, Ct);

        private QueueNotificationWaiter WaiterFor(string queueUrl) =>
            new(_session.Sqs, queueUrl, _ => _session.Textract) { ForeignMessagePause = TimeSpan.FromMilliseconds(100) };

        private async Task<List<Message>> DrainAsync(string queueUrl)
        {
            var all = new List<Message>();
            while (true)
            {
                var response = await _session.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, VisibilityTimeout = 600 }, Ct);
                if (response.Messages is not { Count: > 0 } messages) return all;
                all.AddRange(messages);
            }
        }

        [Fact]
        public async Task Only_the_waited_jobs_notification_is_consumed_and_the_job_is_confirmed_with_its_pages()
        {
            var (topicArn, queueUrl) = Channel("waiter-shared");
            var mine = await StartAsync(topicArn, jobTag: "mine");
            var other = await StartAsync(topicArn, jobTag: "other");
            await _session.Sqs.SendMessageAsync(queueUrl, "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\"}]}", Ct);

            var waiter = WaiterFor(queueUrl);
            var reported = new List<TextractJob>();
            var left = await waiter.WaitAsync(new[] { mine }, TestTimeout, reported.Add, null, Ct);

            Assert.Empty(left);
            Assert.Same(mine, Assert.Single(reported));
            Assert.Equal("SUCCEEDED", mine.Status);
            Assert.Equal(ProjectSample.ExpectedPageCount, mine.Pages);
            Assert.NotNull(mine.CompletedAt);
            Assert.Equal(1, waiter.StatusCallCount);

            // The other job's notification stayed in the queue: a second waiter finds it.
            var otherLeft = await WaiterFor(queueUrl).WaitAsync(new[] { other }, TestTimeout, _ => { }, null, Ct);
            Assert.Empty(otherLeft);
            Assert.Equal("SUCCEEDED", other.Status);

            // And the message of another producer is still there, untouched.
            var remaining = Assert.Single(await DrainAsync(queueUrl));
            Assert.Contains("ObjectCreated", remaining.Body);
        }

        [Fact]
        public async Task Raw_notifications_are_read_too()
        {
            var (topicArn, queueUrl) = Channel("waiter-raw", raw: true);
            var job = await StartAsync(topicArn);
            var left = await WaiterFor(queueUrl).WaitAsync(new[] { job }, TestTimeout, _ => { }, null, Ct);
            Assert.Empty(left);
            Assert.Equal("SUCCEEDED", job.Status);
            Assert.Empty(await DrainAsync(queueUrl));
        }

        [Fact]
        public async Task Jobs_whose_notification_never_comes_are_returned_at_the_timeout()
        {
            var (_, queueUrl) = Channel("waiter-silent");
            var job = await StartAsync(topicArn: null);
            var reported = new List<TextractJob>();
            var left = await WaiterFor(queueUrl).WaitAsync(new[] { job }, TimeSpan.FromSeconds(1.5), reported.Add, null, Ct);
            Assert.Same(job, Assert.Single(left));
            Assert.Empty(reported);
            Assert.Equal("IN_PROGRESS", job.Status);
        }

        [Fact]
        public async Task A_cancelled_wait_ends_with_OperationCanceledException()
        {
            var (_, queueUrl) = Channel("waiter-cancel");
            var job = await StartAsync(topicArn: null);
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var wait = WaiterFor(queueUrl).WaitAsync(new[] { job }, null, _ => { }, null, cancel.Token);
            await Task.Delay(200, Ct);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        }

        [Fact]
        public async Task Jobs_already_finished_are_reported_without_reading_the_queue()
        {
            var (_, queueUrl) = Channel("waiter-done");
            var done = new TextractJob { JobId = "already-done", Status = "SUCCEEDED" };
            var waiter = WaiterFor(queueUrl);
            var reported = new List<TextractJob>();
            var left = await waiter.WaitAsync(new[] { done }, TestTimeout, reported.Add, null, Ct);
            Assert.Empty(left);
            Assert.Same(done, Assert.Single(reported));
            Assert.Equal(0, waiter.ReceiveCount);
        }

        [Fact]
        public async Task A_queue_that_does_not_exist_is_an_error_naming_it()
        {
            var job = await StartAsync(topicArn: null);
            var missing = _endpoint.BaseUri + "000000000000/waiter-no-such-queue";
            var error = await Assert.ThrowsAsync<QueueDoesNotExistException>(() => WaiterFor(missing).WaitAsync(new[] { job }, TestTimeout, _ => { }, null, Ct));
            Assert.Contains("does not exist", error.Message);
        }
    }
}
