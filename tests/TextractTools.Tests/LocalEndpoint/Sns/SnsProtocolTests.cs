using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using TextractTools.Tests.Support;
using Xunit;
using TextractTools.Tests.LocalEndpoint.Textract;

namespace TextractTools.Tests.LocalEndpoint.Sns
{
    /// <summary>
    /// The endpoint's SNS over the query protocol (requests signed by AWSSDK.Core's SigV4 signer for "sns"): topics,
    /// SQS subscriptions, Publish delivered in the SNS envelope or raw, and the XML errors.
    /// </summary>
    public sealed class SnsProtocolTests : IClassFixture<LocalEndpointFixture>, IDisposable
    {
        private readonly LocalEndpointFixture _endpoint;
        private readonly QueryProtocolClient _sns;
        private readonly AmazonSQSClient _sqs;
        private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

        public SnsProtocolTests(LocalEndpointFixture endpoint)
        {
            _endpoint = endpoint;
            _sns = new QueryProtocolClient(endpoint);
            _sqs = SqsClients.Create(endpoint);
        }

        public void Dispose()
        {
            _sns.Dispose();
            _sqs.Dispose();
            _timeout.Dispose();
        }

        private async Task<(string Url, string Arn)> NewQueueAsync(string name)
        {
            var url = (await _sqs.CreateQueueAsync(name, _timeout.Token)).QueueUrl;
            var arn = (await _sqs.GetQueueAttributesAsync(url, new List<string> { "QueueArn" }, _timeout.Token)).QueueARN;
            return (url, arn);
        }

        private async Task<Message> ReceiveOneAsync(string queueUrl)
        {
            var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 5, MaxNumberOfMessages = 10 }, _timeout.Token);
            return Assert.Single(response.Messages);
        }

        [Fact]
        public async Task CreateTopic_answers_the_arn_and_is_idempotent()
        {
            var reply = await _sns.CallAsync("CreateTopic", ("Name", "sns-create"));
            Assert.Equal(200, reply.Status);
            Assert.Equal("CreateTopicResponse", reply.Xml.Name.LocalName);
            Assert.Equal("arn:aws:sns:us-east-1:000000000000:sns-create", reply.Value("TopicArn"));
            Assert.NotNull(reply.Value("RequestId"));
            Assert.Equal(reply.Value("TopicArn"), await _sns.CreateTopicAsync("sns-create"));
            Assert.Contains(reply.Value("TopicArn"), (await _sns.CallAsync("ListTopics")).Values("TopicArn"));
        }

        [Fact]
        public async Task Publish_reaches_a_subscribed_queue_in_the_SNS_envelope()
        {
            var topicArn = await _sns.CreateTopicAsync("sns-envelope");
            var (queueUrl, queueArn) = await NewQueueAsync("sns-envelope");
            var subscriptionArn = await _sns.SubscribeQueueAsync(topicArn, queueArn);
            Assert.StartsWith(topicArn + ":", subscriptionArn);

            var listed = await _sns.CallAsync("ListSubscriptionsByTopic", ("TopicArn", topicArn));
            Assert.Equal(new[] { subscriptionArn }, listed.Values("SubscriptionArn"));
            Assert.Equal(new[] { queueArn }, listed.Values("Endpoint"));
            Assert.Equal(new[] { "sqs" }, listed.Values("Protocol"));

            var published = await _sns.CallAsync("Publish", ("TopicArn", topicArn), ("Message", "{\"JobId\":\"abc\"}"), ("Subject", "done"));
            Assert.Equal(200, published.Status);

            using var envelope = JsonDocument.Parse((await ReceiveOneAsync(queueUrl)).Body);
            var root = envelope.RootElement;
            Assert.Equal("Notification", root.GetProperty("Type").GetString());
            Assert.Equal(published.Value("MessageId"), root.GetProperty("MessageId").GetString());
            Assert.Equal(topicArn, root.GetProperty("TopicArn").GetString());
            Assert.Equal("done", root.GetProperty("Subject").GetString());
            Assert.Equal("{\"JobId\":\"abc\"}", root.GetProperty("Message").GetString());
            Assert.True(DateTimeOffset.TryParse(root.GetProperty("Timestamp").GetString(), out _));
            Assert.Equal("1", root.GetProperty("SignatureVersion").GetString());
        }

        [Fact]
        public async Task Raw_message_delivery_puts_the_message_itself_in_the_queue()
        {
            var topicArn = await _sns.CreateTopicAsync("sns-raw");
            var (queueUrl, queueArn) = await NewQueueAsync("sns-raw");
            await _sns.SubscribeQueueAsync(topicArn, queueArn, raw: true);

            await _sns.CallAsync("Publish", ("TopicArn", topicArn), ("Message", "plain text"));
            Assert.Equal("plain text", (await ReceiveOneAsync(queueUrl)).Body);
        }

        [Fact]
        public async Task Every_subscribed_queue_gets_its_own_copy()
        {
            var topicArn = await _sns.CreateTopicAsync("sns-fanout");
            var (first, firstArn) = await NewQueueAsync("sns-fanout-1");
            var (second, secondArn) = await NewQueueAsync("sns-fanout-2");
            await _sns.SubscribeQueueAsync(topicArn, firstArn);
            await _sns.SubscribeQueueAsync(topicArn, secondArn, raw: true);

            await _sns.CallAsync("Publish", ("TopicArn", topicArn), ("Message", "to both"));
            Assert.Contains("\"Message\": \"to both\"", (await ReceiveOneAsync(first)).Body);
            Assert.Equal("to both", (await ReceiveOneAsync(second)).Body);
        }

        [Fact]
        public async Task Errors_come_back_as_SNS_XML_with_the_service_codes()
        {
            var missing = await _sns.CallAsync("Publish", ("TopicArn", "arn:aws:sns:us-east-1:000000000000:sns-no-such-topic"), ("Message", "x"));
            Assert.Equal(404, missing.Status);
            Assert.Equal("ErrorResponse", missing.Xml.Name.LocalName);
            Assert.Equal("NotFound", missing.ErrorCode);
            Assert.Equal("Sender", missing.Value("Type"));

            var topicArn = await _sns.CreateTopicAsync("sns-errors");
            var http = await _sns.CallAsync("Subscribe", ("TopicArn", topicArn), ("Protocol", "https"), ("Endpoint", "https://example.com/hook"));
            Assert.Equal(400, http.Status);
            Assert.Equal("InvalidParameter", http.ErrorCode);
            Assert.Contains("Protocol", http.Value("Message"));

            var unknown = await _sns.CallAsync("CreatePlatformApplication", ("Name", "x"));
            Assert.Equal("InvalidAction", unknown.ErrorCode);
        }

        [Fact]
        public async Task A_wrong_secret_is_refused_with_the_SNS_code()
        {
            using var intruder = new QueryProtocolClient(_endpoint, new BasicAWSCredentials(_endpoint.Credentials.GetCredentials().AccessKey, "wrong-secret"));
            var reply = await intruder.CallAsync("CreateTopic", ("Name", "sns-intruder"));
            Assert.Equal(403, reply.Status);
            Assert.Equal("SignatureDoesNotMatch", reply.ErrorCode);
            Assert.DoesNotContain("arn:aws:sns:us-east-1:000000000000:sns-intruder", (await _sns.CallAsync("ListTopics")).Values("TopicArn"));
        }
    }
}
