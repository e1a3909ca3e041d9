using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using TextractTools.Tests.Support;
using Xunit;

namespace TextractTools.Tests.LocalEndpoint.Sqs
{
    /// <summary>
    /// The endpoint's SQS through the real AWSSDK.SQS 4 client (JSON 1.0 protocol): queues, messages with MD5
    /// checks (the SDK verifies them), visibility, long polling and the service's error codes.
    /// </summary>
    public sealed class SqsProtocolTests : IClassFixture<LocalEndpointFixture>, IDisposable
    {
        private readonly LocalEndpointFixture _endpoint;
        private readonly AmazonSQSClient _sqs;
        private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

        public SqsProtocolTests(LocalEndpointFixture endpoint)
        {
            _endpoint = endpoint;
            _sqs = SqsClients.Create(endpoint);
        }

        public void Dispose()
        {
            _sqs.Dispose();
            _timeout.Dispose();
        }

        private CancellationToken Ct => _timeout.Token;

        private async Task<string> NewQueueAsync(string name, Dictionary<string, string>? attributes = null) =>
            (await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = attributes }, Ct)).QueueUrl;

        private Task<ReceiveMessageResponse> ReceiveAsync(string queueUrl, int waitSeconds = 0, int? visibility = null, int max = 10) =>
            _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = max,
                WaitTimeSeconds = waitSeconds,
                VisibilityTimeout = visibility,
                MessageSystemAttributeNames = new List<string> { "All" },
            }, Ct);

        [Fact]
        public async Task A_queue_has_the_documented_url_and_arn_and_is_found_by_name()
        {
            var url = await NewQueueAsync("sqs-names");
            Assert.Equal($"{_endpoint.BaseUri}000000000000/sqs-names", url);
            Assert.Equal(url, (await _sqs.GetQueueUrlAsync("sqs-names", Ct)).QueueUrl);

            var attributes = await _sqs.GetQueueAttributesAsync(url, new List<string> { "QueueArn", "VisibilityTimeout" }, Ct);
            Assert.Equal("arn:aws:sqs:us-east-1:000000000000:sqs-names", attributes.QueueARN);
            Assert.Equal(30, attributes.VisibilityTimeout);
            Assert.Equal(2, attributes.Attributes.Count);

            // CreateQueue is idempotent with the same attributes, refused with others.
            Assert.Equal(url, await NewQueueAsync("sqs-names"));
            await Assert.ThrowsAsync<QueueNameExistsException>(() => NewQueueAsync("sqs-names", new() { ["VisibilityTimeout"] = "5" }));
        }

        [Fact]
        public async Task A_message_goes_round_trip_and_is_gone_after_delete()
        {
            var url = await NewQueueAsync("sqs-roundtrip");
            // Non-ASCII text: the SDK checks the MD5 of the UTF-8 bytes on send and on receive.
            var sent = await _sqs.SendMessageAsync(url, "{\"JobId\":\"1\",\"Text\":\"Grüße ✓\"}", Ct);

            var received = await ReceiveAsync(url);
            var message = Assert.Single(received.Messages);
            Assert.Equal(sent.MessageId, message.MessageId);
            Assert.Equal("{\"JobId\":\"1\",\"Text\":\"Grüße ✓\"}", message.Body);
            Assert.Equal("1", message.Attributes["ApproximateReceiveCount"]);
            Assert.Equal(_endpoint.Credentials.GetCredentials().AccessKey, message.Attributes["SenderId"]);

            await _sqs.DeleteMessageAsync(url, message.ReceiptHandle, Ct);
            var counts = await _sqs.GetQueueAttributesAsync(url, new List<string> { "All" }, Ct);
            Assert.Equal(0, counts.ApproximateNumberOfMessages);
            Assert.Equal(0, counts.ApproximateNumberOfMessagesNotVisible);
            Assert.Null((await ReceiveAsync(url)).Messages);
        }

        [Fact]
        public async Task A_received_message_is_hidden_until_its_visibility_is_set_back_to_zero()
        {
            var url = await NewQueueAsync("sqs-visibility");
            await _sqs.SendMessageAsync(url, "hello", Ct);

            var first = Assert.Single((await ReceiveAsync(url, visibility: 600)).Messages);
            Assert.Null((await ReceiveAsync(url)).Messages);
            var hidden = await _sqs.GetQueueAttributesAsync(url, new List<string> { "ApproximateNumberOfMessagesNotVisible" }, Ct);
            Assert.Equal(1, hidden.ApproximateNumberOfMessagesNotVisible);

            await _sqs.ChangeMessageVisibilityAsync(url, first.ReceiptHandle, 0, Ct);
            var again = Assert.Single((await ReceiveAsync(url, visibility: 600)).Messages);
            Assert.Equal(first.MessageId, again.MessageId);
            Assert.NotEqual(first.ReceiptHandle, again.ReceiptHandle);
            Assert.Equal("2", again.Attributes["ApproximateReceiveCount"]);

            // The older receipt handle no longer deletes the message (the service answers success and keeps it).
            await _sqs.DeleteMessageAsync(url, first.ReceiptHandle, Ct);
            await _sqs.ChangeMessageVisibilityAsync(url, again.ReceiptHandle, 0, Ct);
            Assert.Single((await ReceiveAsync(url)).Messages);
        }

        [Fact]
        public async Task A_long_poll_returns_the_message_sent_while_it_waits()
        {
            var url = await NewQueueAsync("sqs-longpoll");
            var poll = ReceiveAsync(url, waitSeconds: 20);
            await Task.Delay(200, Ct);
            Assert.False(poll.IsCompleted, "the long poll answered before any message was sent");
            await _sqs.SendMessageAsync(url, "arrived later", Ct);

            var message = Assert.Single((await poll).Messages);
            Assert.Equal("arrived later", message.Body);
        }

        [Fact]
        public async Task A_long_poll_on_an_empty_queue_ends_with_no_messages_after_its_wait()
        {
            var url = await NewQueueAsync("sqs-empty");
            var response = await ReceiveAsync(url, waitSeconds: 1);
            Assert.Null(response.Messages);
        }

        [Fact]
        public async Task A_cancelled_long_poll_stops_the_call()
        {
            var url = await NewQueueAsync("sqs-cancel");
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var poll = _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 20 }, cancel.Token);
            await Task.Delay(100, Ct);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);
        }

        [Fact]
        public async Task Errors_carry_the_service_codes()
        {
            var url = await NewQueueAsync("sqs-errors");
            await Assert.ThrowsAsync<QueueDoesNotExistException>(() => _sqs.GetQueueUrlAsync("sqs-no-such-queue", Ct));
            await Assert.ThrowsAsync<QueueDoesNotExistException>(() => _sqs.SendMessageAsync(url.Replace("sqs-errors", "sqs-no-such-queue"), "x", Ct));
            await Assert.ThrowsAsync<ReceiptHandleIsInvalidException>(() => _sqs.DeleteMessageAsync(url, "not-a-receipt-handle", Ct));

            var tooMany = await Assert.ThrowsAsync<AmazonSQSException>(() => ReceiveAsync(url, max: 11));
            Assert.Equal("InvalidParameterValue", tooMany.ErrorCode);
            Assert.Contains("MaxNumberOfMessages", tooMany.Message);

            await _sqs.SendMessageAsync(url, "x", Ct);
            var message = Assert.Single((await ReceiveAsync(url, visibility: 0)).Messages);
            // Visible again at once (visibility 0): no longer in flight.
            await Assert.ThrowsAsync<MessageNotInflightException>(() => _sqs.ChangeMessageVisibilityAsync(url, message.ReceiptHandle, 10, Ct));

            await Assert.ThrowsAsync<InvalidMessageContentsException>(() => _sqs.SendMessageAsync(url, "bell \u0007", Ct));
            await Assert.ThrowsAsync<InvalidAttributeNameException>(() => _sqs.GetQueueAttributesAsync(url, new List<string> { "NoSuchAttribute" }, Ct));
        }

        [Fact]
        public async Task A_deleted_queue_is_gone()
        {
            var url = await NewQueueAsync("sqs-deleted");
            await _sqs.DeleteQueueAsync(url, Ct);
            await Assert.ThrowsAsync<QueueDoesNotExistException>(() => _sqs.GetQueueUrlAsync("sqs-deleted", Ct));
        }

        [Fact]
        public async Task A_wrong_secret_is_refused_before_the_queue_is_touched()
        {
            var url = await NewQueueAsync("sqs-auth");
            using var intruder = SqsClients.Create(_endpoint, new BasicAWSCredentials(_endpoint.Credentials.GetCredentials().AccessKey, "wrong-secret"));
            var error = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => intruder.SendMessageAsync(url, "x", Ct));
            Assert.Equal("InvalidSignatureException", error.ErrorCode);
            Assert.Null((await ReceiveAsync(url)).Messages);
        }
    }
}
