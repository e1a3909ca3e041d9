using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using TextractTools.LocalEndpoint.Faults;
using TextractTools.Tests.Support;
using Xunit;

namespace TextractTools.Tests.LocalEndpoint.Sqs
{
    /// <summary>
    /// SQS over the query protocol (as boto3 before 1.34 and the AWS CLI before 2.13 send it) beside JSON 1.0: the same
    /// queues, XML answers and the query protocol's error codes; and JSON errors carrying x-amzn-query-error.
    /// </summary>
    public sealed class SqsQueryProtocolTests : IClassFixture<LocalEndpointFixture>, IDisposable
    {
        private readonly LocalEndpointFixture _endpoint;
        private readonly QueryProtocolClient _query;
        private readonly AmazonSQSClient _json;

        public SqsQueryProtocolTests(LocalEndpointFixture endpoint)
        {
            _endpoint = endpoint;
            _query = QueryProtocolClient.ForSqs(endpoint);
            _json = SqsClients.Create(endpoint);
        }

        public void Dispose()
        {
            _endpoint.Server.Faults.Clear();
            _query.Dispose();
            _json.Dispose();
        }

        [Fact]
        public async Task A_queue_made_over_the_query_protocol_is_the_queue_JSON_clients_see()
        {
            var created = await _query.CallAsync("CreateQueue", ("QueueName", "query-made"), ("Attribute.1.Name", "VisibilityTimeout"), ("Attribute.1.Value", "45"));
            Assert.Equal(200, created.Status);
            Assert.Equal("CreateQueueResponse", created.Xml.Name.LocalName);
            Assert.Equal("http://queue.amazonaws.com/doc/2012-11-05/", created.Xml.Name.NamespaceName);
            var url = created.Value("QueueUrl")!;
            Assert.Equal(url, (await _json.GetQueueUrlAsync("query-made")).QueueUrl);

            var attributes = await _query.CallAsync("GetQueueAttributes", ("QueueUrl", url), ("AttributeName.1", "All"));
            var pairs = attributes.Xml.Descendants(attributes.Ns + "Attribute")
                .ToDictionary(a => a.Element(attributes.Ns + "Name")!.Value, a => a.Element(attributes.Ns + "Value")!.Value);
            Assert.Equal("45", pairs["VisibilityTimeout"]);
            Assert.Equal("arn:aws:sqs:us-east-1:000000000000:query-made", pairs["QueueArn"]);

            var listed = await _query.CallAsync("ListQueues", ("QueueNamePrefix", "query-made"));
            Assert.Equal(new[] { url }, listed.Values("QueueUrl"));
        }

        [Fact]
        public async Task Messages_go_both_ways_between_the_protocols()
        {
            var url = (await _json.CreateQueueAsync("query-messages")).QueueUrl;
            var body = "a <message> & \"more\"";
            var sent = await _query.CallAsync("SendMessage", ("QueueUrl", url), ("MessageBody", body));
            Assert.Equal(SqsQueueMd5(body), sent.Value("MD5OfMessageBody"));

            var received = await _query.CallAsync("ReceiveMessage", ("QueueUrl", url), ("MaxNumberOfMessages", "10"), ("AttributeName.1", "All"));
            var message = received.Xml.Descendants(received.Ns + "Message").Single();
            Assert.Equal(body, message.Element(received.Ns + "Body")!.Value);
            Assert.Equal(sent.Value("MessageId"), message.Element(received.Ns + "MessageId")!.Value);
            Assert.Contains(message.Elements(received.Ns + "Attribute"), a => a.Element(received.Ns + "Name")!.Value == "ApproximateReceiveCount");

            var handle = message.Element(received.Ns + "ReceiptHandle")!.Value;
            var deleted = await _query.CallAsync("DeleteMessage", ("QueueUrl", url), ("ReceiptHandle", handle));
            Assert.Equal(200, deleted.Status);
            Assert.Equal("DeleteMessageResponse", deleted.Xml.Name.LocalName);
            Assert.Empty((await _json.ReceiveMessageAsync(url)).Messages ?? new List<Message>());
        }

        [Fact]
        public async Task Errors_carry_the_query_protocols_codes()
        {
            var missing = await _query.CallAsync("GetQueueUrl", ("QueueName", "query-none"));
            Assert.Equal(400, missing.Status);
            Assert.Equal("ErrorResponse", missing.Xml.Name.LocalName);
            Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", missing.ErrorCode);
            Assert.Equal("Sender", missing.Value("Type"));

            await _query.CallAsync("CreateQueue", ("QueueName", "query-dup"));
            var exists = await _query.CallAsync("CreateQueue", ("QueueName", "query-dup"), ("Attribute.1.Name", "DelaySeconds"), ("Attribute.1.Value", "5"));
            Assert.Equal("QueueAlreadyExists", exists.ErrorCode);

            var unknown = await _query.CallAsync("AddPermission", ("QueueUrl", "x"));
            Assert.Equal("InvalidAction", unknown.ErrorCode);

            using var intruder = QueryProtocolClient.ForSqs(_endpoint, new BasicAWSCredentials(_endpoint.Credentials.GetCredentials().AccessKey, "wrong-secret"));
            var refused = await intruder.CallAsync("ListQueues");
            Assert.Equal(403, refused.Status);
            Assert.Equal("SignatureDoesNotMatch", refused.ErrorCode);
        }

        [Fact]
        public async Task JSON_errors_carry_the_query_code_in_x_amzn_query_error()
        {
            // AWSSDK.SQS reads the header as the error code (the exception type comes from __type).
            var error = await Assert.ThrowsAsync<QueueDoesNotExistException>(() => _json.GetQueueUrlAsync("json-none"));
            Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", error.ErrorCode);
        }

        [Fact]
        public async Task The_fault_layer_answers_query_requests_in_XML()
        {
            _endpoint.Server.Faults.Configure(FaultPlan.FromSpec("Sqs.ListQueues:throttle=1"));

            var throttled = await _query.CallAsync("ListQueues");

            Assert.Equal(400, throttled.Status);
            Assert.Equal("Throttling", throttled.ErrorCode);
            Assert.Equal(1, _endpoint.Server.Faults.Statistics["Sqs.ListQueues"].Throttled);
        }

        private static string SqsQueueMd5(string body) =>
            Convert.ToHexString(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(body))).ToLowerInvariant();
    }
}
