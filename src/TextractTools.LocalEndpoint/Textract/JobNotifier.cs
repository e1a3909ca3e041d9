using System;
using System.IO;
using System.Text;
using System.Text.Json;
using TextractTools.LocalEndpoint.Sns;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// NotificationChannel: a Start names an SNS topic that must exist, and when the job finishes the service's
    /// completion message is published to it:
    /// {"JobId","Status","API","JobTag","Timestamp"(ms),"DocumentLocation":{"S3ObjectName","S3Bucket"}}.
    /// The RoleArn is not assumed: the endpoint publishes as itself (iam:PassRole is the policy engine's concern).
    /// </summary>
    internal sealed class JobNotifier
    {
        private readonly NotificationPublisher? _publisher;
        private readonly TimeProvider _time;

        public JobNotifier(NotificationPublisher? publisher, TimeProvider time)
        {
            _publisher = publisher;
            _time = time;
        }

        /// <summary>Refuses a Start whose topic does not exist in the endpoint's account and region.</summary>
        public void RequireTopic(StartRequest request)
        {
            if (request.SnsTopicArn is not { } topicArn) return;
            if (_publisher is null || !_publisher.TopicExists(topicArn))
                throw TextractException.InvalidParameter($"NotificationChannel.SNSTopicArn '{topicArn}' is not a topic of this account and region.");
        }

        /// <summary><paramref name="finish"/>, followed by the job's notification once it has a result.</summary>
        public Func<TextractJob, JobResult> Notifying(Func<TextractJob, JobResult> finish) => job =>
        {
            var result = finish(job);
            Publish(job, result);
            return result;
        };

        private void Publish(TextractJob job, JobResult result)
        {
            if (_publisher is null || job.Request.SnsTopicArn is not { } topicArn) return;
            try
            {
                _publisher.Publish(topicArn, Message(job, result.Status, _time.GetUtcNow()));
            }
            catch (InvalidOperationException)
            {
                // The topic was deleted while the job ran: the notification is lost, as it would be in AWS.
            }
        }

        /// <summary>The message Textract publishes; JobTag is left out when the Start had none.</summary>
        public static string Message(TextractJob job, string status, DateTimeOffset finishedAt)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("JobId", job.JobId);
                writer.WriteString("Status", status);
                writer.WriteString("API", job.Kind.StartOperation());
                if (job.Request.JobTag is { } tag) writer.WriteString("JobTag", tag);
                writer.WriteNumber("Timestamp", finishedAt.ToUnixTimeMilliseconds());
                writer.WriteStartObject("DocumentLocation");
                writer.WriteString("S3ObjectName", job.Request.Name);
                writer.WriteString("S3Bucket", job.Request.Bucket);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
