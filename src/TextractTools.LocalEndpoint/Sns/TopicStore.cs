using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace TextractTools.LocalEndpoint.Sns
{
    /// <summary>
    /// The endpoint's SNS topics, shared by the SNS service and by Textract, which publishes job notifications to
    /// them. ARNs are arn:aws:sns:REGION:ACCOUNT:NAME.
    /// </summary>
    public sealed class TopicStore
    {
        private static readonly Regex NamePattern = new("^[A-Za-z0-9_-]{1,256}$", RegexOptions.CultureInvariant);

        private readonly Dictionary<string, SnsTopic> _topics = new(StringComparer.Ordinal);
        private readonly object _gate = new();

        public TopicStore(string region, string accountId)
        {
            Region = region;
            AccountId = accountId;
        }

        public string Region { get; }
        public string AccountId { get; }

        public string ArnOf(string name) => $"arn:aws:sns:{Region}:{AccountId}:{name}";

        /// <summary>Creates the topic unless it exists (CreateTopic is idempotent in the service); returns its ARN.</summary>
        public string CreateTopic(string name)
        {
            if (name.EndsWith(".fifo", StringComparison.Ordinal))
                throw SnsError.InvalidParameter("Name", "the local endpoint emulates standard topics only, not FIFO topics.");
            if (!NamePattern.IsMatch(name))
                throw SnsError.InvalidParameter("Name", "topic names are 1 to 256 letters, digits, hyphens and underscores.");
            lock (_gate)
            {
                if (!_topics.ContainsKey(name)) _topics[name] = new SnsTopic(name, ArnOf(name));
                return _topics[name].Arn;
            }
        }

        /// <summary>Subscribes an SQS queue (by ARN) to a topic (by ARN); for --create-topic and tests.</summary>
        public string SubscribeQueue(string topicArn, string queueArn, bool rawMessageDelivery = false) =>
            (Find(topicArn) ?? throw SnsError.NotFound("Topic does not exist"))
                .Subscribe("sqs", queueArn, AccountId, rawMessageDelivery).Arn;

        public bool Exists(string topicArn) => Find(topicArn) is not null;

        internal SnsTopic? Find(string topicArn)
        {
            var prefix = $"arn:aws:sns:{Region}:{AccountId}:";
            if (!topicArn.StartsWith(prefix, StringComparison.Ordinal)) return null;
            lock (_gate) return _topics.TryGetValue(topicArn.Substring(prefix.Length), out var topic) ? topic : null;
        }

        internal bool Delete(string topicArn)
        {
            var topic = Find(topicArn);
            if (topic is null) return false;
            lock (_gate) return _topics.Remove(topic.Name);
        }

        internal IReadOnlyList<SnsTopic> List()
        {
            lock (_gate) return _topics.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        }

        /// <summary>The subscription with this ARN, in whichever topic holds it.</summary>
        internal SnsSubscription? FindSubscription(string subscriptionArn) =>
            List().SelectMany(t => t.Subscriptions).FirstOrDefault(s => s.Arn == subscriptionArn);
    }
}
