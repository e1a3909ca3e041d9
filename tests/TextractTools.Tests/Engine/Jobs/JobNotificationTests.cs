using TextractTools.Engine.Jobs;
using Xunit;

namespace TextractTools.Tests.Engine.Jobs
{
    /// <summary>Reading Textract's completion message out of an SQS body, wrapped by SNS or raw.</summary>
    public sealed class JobNotificationTests
    {
        private const string Textract =
            "{\"JobId\":\"8a8b\",\"Status\":\"SUCCEEDED\",\"API\":\"StartDocumentAnalysis\",\"JobTag\":\"inv\",\"Timestamp\":1574803577000," +
            "\"DocumentLocation\":{\"S3ObjectName\":\"a.pdf\",\"S3Bucket\":\"in\"}}";

        [Fact]
        public void A_raw_message_is_read()
        {
            Assert.True(JobNotification.TryParse(Textract, out var notification));
            Assert.Equal("8a8b", notification.JobId);
            Assert.Equal("SUCCEEDED", notification.Status);
            Assert.Equal("StartDocumentAnalysis", notification.Api);
            Assert.Equal("inv", notification.JobTag);
        }

        [Fact]
        public void The_SNS_envelope_is_unwrapped()
        {
            var envelope = "{\"Type\" : \"Notification\", \"MessageId\" : \"m-1\", \"TopicArn\" : \"arn:aws:sns:us-east-1:123456789012:t\", " +
                           "\"Message\" : " + System.Text.Json.JsonSerializer.Serialize(Textract) + ", \"Timestamp\" : \"2024-01-01T00:00:00.000Z\"}";
            Assert.True(JobNotification.TryParse(envelope, out var notification));
            Assert.Equal("8a8b", notification.JobId);
            Assert.Equal("SUCCEEDED", notification.Status);
        }

        [Theory]
        [InlineData("")]
        [InlineData("not json")]
        [InlineData("[1,2]")]
        [InlineData("{\"Records\":[{\"eventName\":\"ObjectCreated:Put\"}]}")]
        [InlineData("{\"Type\":\"Notification\",\"Message\":\"plain text\"}")]
        [InlineData("{\"Type\":\"Notification\",\"Message\":\"{\\\"JobId\\\":\\\"x\\\"}\"}")]
        [InlineData("{\"JobId\":42,\"Status\":\"SUCCEEDED\"}")]
        public void Other_messages_are_not_notifications(string body)
        {
            Assert.False(JobNotification.TryParse(body, out _));
        }

        [Theory]
        [InlineData("https://sqs.eu-west-1.amazonaws.com/123456789012/q", "eu-west-1")]
        [InlineData("https://eu-central-1.queue.amazonaws.com/123456789012/q", "eu-central-1")]
        [InlineData("http://127.0.0.1:5000/000000000000/q", null)]
        public void The_region_is_read_from_AWS_queue_urls(string url, string? region)
        {
            SqsQueueUrl.Validate(url, "QueueUrl");
            Assert.Equal(region, SqsQueueUrl.RegionOf(url));
        }

        [Theory]
        [InlineData("sqs.eu-west-1.amazonaws.com/123456789012/q")]
        [InlineData("ftp://host/123456789012/q")]
        [InlineData("https://sqs.eu-west-1.amazonaws.com/q")]
        public void Malformed_queue_urls_are_refused(string url)
        {
            var error = Assert.Throws<System.ArgumentException>(() => SqsQueueUrl.Validate(url, "QueueUrl"));
            Assert.Contains("-QueueUrl", error.Message);
        }
    }
}
