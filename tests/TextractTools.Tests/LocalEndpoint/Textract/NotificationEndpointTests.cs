using System;
using TextractTools.Engine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SQS.Model;
using TextractTools.Engine.Api;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Session;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Samples;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.LocalEndpoint.Textract
{
    /// <summary>
    /// The notification and limit options of the endpoint as scripts use them: --create-queue/--create-topic set up
    /// a subscribed pair, --max-concurrent-jobs reaches our client as LimitExceededException, and stopping the
    /// endpoint ends pending long polls.
    /// </summary>
    public sealed class NotificationEndpointTests
    {
        private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

        [Fact]
        public void The_command_line_reads_queues_topics_and_the_job_limit()
        {
            var parsed = EndpointCommandLine.Parse(new[]
            {
                "--create-queue", "done", "--create-topic", "done", "--create-queue", "other", "--max-concurrent-jobs", "3",
            });
            Assert.Null(parsed.Error);
            Assert.Equal(new[] { "done", "other" }, parsed.Options.SeedQueues);
            Assert.Equal(new[] { "done" }, parsed.Options.SeedTopics);
            Assert.Equal(3, parsed.Options.MaxConcurrentJobs);
            Assert.Null(EndpointCommandLine.Parse(Array.Empty<string>()).Options.MaxConcurrentJobs);
            Assert.NotNull(EndpointCommandLine.Parse(new[] { "--max-concurrent-jobs", "0" }).Error);
            Assert.NotNull(EndpointCommandLine.Parse(new[] { "--create-queue" }).Error);
            Assert.Contains("--create-topic", EndpointCommandLine.Usage);
        }

        [Fact]
        public async Task A_seeded_topic_delivers_to_the_seeded_queue_of_the_same_name()
        {
            var options = new EndpointOptions();
            options.SeedQueues.Add("seeded");
            options.SeedQueues.Add("unsubscribed");
            options.SeedTopics.Add("seeded");
            await using var server = await EndpointServer.StartAsync(options);
            var credentials = new BasicAWSCredentials(options.Credentials.Keys.First(), options.Credentials.Values.First());
            using var sns = new QueryProtocolClient(server.BaseUri, options.Region, credentials);
            using var sqs = SqsClients.Create(server.BaseUri, options.Region, credentials);

            var topicArn = "arn:aws:sns:us-east-1:000000000000:seeded";
            var subscriptions = await sns.CallAsync("ListSubscriptionsByTopic", ("TopicArn", topicArn));
            Assert.Equal(new[] { "arn:aws:sqs:us-east-1:000000000000:seeded" }, subscriptions.Values("Endpoint"));

            await sns.CallAsync("Publish", ("TopicArn", topicArn), ("Message", "hello"));
            var queueUrl = (await sqs.GetQueueUrlAsync("seeded")).QueueUrl;
            Assert.Equal(server.BaseUri + "000000000000/seeded", queueUrl);
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 5 });
            Assert.Contains("hello", Assert.Single(received.Messages).Body);
            var other = await sqs.ReceiveMessageAsync((await sqs.GetQueueUrlAsync("unsubscribed")).QueueUrl);
            Assert.Null(other.Messages);
        }

        [Fact]
        public async Task An_invalid_seeded_queue_name_stops_the_start_with_a_message()
        {
            var options = new EndpointOptions();
            options.SeedQueues.Add("no spaces allowed");
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => EndpointServer.StartAsync(options));
            Assert.Contains("no spaces allowed", error.Message);
        }

        [Fact]
        public async Task Starts_beyond_the_limit_reach_our_client_as_LimitExceededException()
        {
            var options = new EndpointOptions { MaxConcurrentJobs = 1, JobDuration = TimeSpan.FromMinutes(10) };
            options.SeedBuckets.Add("limit-in");
            await using var server = await EndpointServer.StartAsync(options);
            server.Storage.PutObject("limit-in", "a.pdf", ProjectSample.CreatePdf());
            using var session = TestSessions.For(server.BaseUri.ToString(), options.Credentials.Keys.First(), options.Credentials.Values.First(), options.Region);
            using var timeout = new CancellationTokenSource(TestTimeout);
            var request = new StartJobRequest(S3Location.Of("limit-in", "a.pdf"), new JobOptions(), null);

            await session.Textract.StartJobAsync(request, timeout.Token);
            var error = await Assert.ThrowsAsync<LimitExceededException>(() => session.Textract.StartJobAsync(request, timeout.Token));
            Assert.Equal("LimitExceededException", error.ErrorCode);
            Assert.Equal(400, error.StatusCode);
        }

        [Fact]
        public async Task Stopping_the_endpoint_ends_a_pending_long_poll()
        {
            var options = new EndpointOptions();
            options.SeedQueues.Add("stopping");
            var server = await EndpointServer.StartAsync(options);
            var credentials = new BasicAWSCredentials(options.Credentials.Keys.First(), options.Credentials.Values.First());
            using var sqs = SqsClients.Create(server.BaseUri, options.Region, credentials);
            var poll = sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = server.Queues.UrlOf("stopping"), WaitTimeSeconds = 20 });
            await Task.Delay(200);

            await server.StopAsync();
            // The poll ends (empty, or cut) well before its 20 seconds: the shutdown did not wait for it.
            var finished = await Task.WhenAny(poll, Task.Delay(TimeSpan.FromSeconds(15)));
            Assert.Same(poll, finished);
        }
    }
}
