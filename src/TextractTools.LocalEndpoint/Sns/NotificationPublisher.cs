using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using TextractTools.LocalEndpoint.Sqs;

namespace TextractTools.LocalEndpoint.Sns
{
    /// <summary>
    /// Publishes a message to a topic: every SQS subscription gets it, wrapped in the SNS JSON envelope (Type
    /// "Notification", MessageId, TopicArn, Message, Timestamp, ...) or, with RawMessageDelivery, as it was published.
    /// Used by SNS Publish and by Textract's NotificationChannel, so both deliver alike. A subscribed queue that no
    /// longer exists misses the message, as it would in AWS.
    /// </summary>
    public sealed class NotificationPublisher
    {
        private readonly TopicStore _topics;
        private readonly QueueStore _queues;
        private readonly Func<Uri> _baseUri;
        private readonly TimeProvider _time;

        public NotificationPublisher(TopicStore topics, QueueStore queues, Func<Uri> baseUri, TimeProvider? time = null)
        {
            _topics = topics ?? throw new ArgumentNullException(nameof(topics));
            _queues = queues ?? throw new ArgumentNullException(nameof(queues));
            _baseUri = baseUri;
            _time = time ?? TimeProvider.System;
        }

        public TopicStore Topics => _topics;

        public bool TopicExists(string topicArn) => _topics.Exists(topicArn);

        /// <summary>Delivers <paramref name="message"/> to the topic's subscribers; returns the SNS MessageId.</summary>
        /// <exception cref="InvalidOperationException">The topic does not exist.</exception>
        public string Publish(string topicArn, string message, string? subject = null)
        {
            var topic = _topics.Find(topicArn) ?? throw new InvalidOperationException($"Topic {topicArn} does not exist.");
            return Deliver(topic, message, subject);
        }

        internal string Deliver(SnsTopic topic, string message, string? subject)
        {
            var messageId = Guid.NewGuid().ToString();
            var now = _time.GetUtcNow();
            foreach (var subscription in topic.Subscriptions)
            {
                if (subscription.Protocol != "sqs" || _queues.FindByArn(subscription.Endpoint) is not { } queue) continue;
                var body = subscription.RawMessageDelivery ? message : Envelope(topic, subscription, messageId, message, subject, now);
                // SNS sends as itself; the SenderId an SQS consumer sees is the service's principal, not the publisher.
                queue.Send(body, TimeSpan.Zero, "AIDALOCALSNSSERVICE", now);
            }
            return messageId;
        }

        /// <summary>
        /// The envelope an SQS subscriber receives. Signature fields are present, as consumers that parse them expect,
        /// but the local endpoint does not sign: the Signature is not verifiable.
        /// </summary>
        private string Envelope(SnsTopic topic, SnsSubscription subscription, string messageId, string message, string? subject, DateTimeOffset now)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
            {
                Indented = true,
                // As SNS writes it: quotes inside Message escaped as \", not as \u0022.
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }))
            {
                writer.WriteStartObject();
                writer.WriteString("Type", "Notification");
                writer.WriteString("MessageId", messageId);
                writer.WriteString("TopicArn", topic.Arn);
                if (subject is not null) writer.WriteString("Subject", subject);
                writer.WriteString("Message", message);
                writer.WriteString("Timestamp", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteString("SignatureVersion", "1");
                writer.WriteString("Signature", Convert.ToBase64String(Encoding.UTF8.GetBytes("local-endpoint-unsigned:" + messageId)));
                writer.WriteString("SigningCertURL", new Uri(_baseUri(), "SimpleNotificationService-local.pem").ToString());
                writer.WriteString("UnsubscribeURL", new Uri(_baseUri(), "?Action=Unsubscribe&SubscriptionArn=" + Uri.EscapeDataString(subscription.Arn)).ToString());
                writer.WriteEndObject();
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
