using System;
using System.Collections.Generic;
using System.Linq;

namespace TextractTools.LocalEndpoint.Sns
{
    /// <summary>A subscription of a topic; only the "sqs" protocol is delivered by the local endpoint.</summary>
    internal sealed class SnsSubscription
    {
        public SnsSubscription(string arn, string topicArn, string protocol, string endpoint, string owner)
        {
            Arn = arn;
            TopicArn = topicArn;
            Protocol = protocol;
            Endpoint = endpoint;
            Owner = owner;
        }

        public string Arn { get; }
        public string TopicArn { get; }
        public string Protocol { get; }

        /// <summary>For "sqs": the queue ARN.</summary>
        public string Endpoint { get; }

        public string Owner { get; }

        /// <summary>With raw delivery the queue gets the published message itself instead of the SNS JSON envelope.</summary>
        public bool RawMessageDelivery { get; set; }
    }

    /// <summary>A standard topic and its subscriptions (changed under the topic's own lock).</summary>
    internal sealed class SnsTopic
    {
        private readonly object _gate = new();
        private readonly List<SnsSubscription> _subscriptions = new();

        public SnsTopic(string name, string arn)
        {
            Name = name;
            Arn = arn;
        }

        public string Name { get; }
        public string Arn { get; }

        public IReadOnlyList<SnsSubscription> Subscriptions
        {
            get { lock (_gate) return _subscriptions.ToList(); }
        }

        /// <summary>Subscribes the endpoint, or returns its existing subscription (Subscribe is idempotent in the service).</summary>
        public SnsSubscription Subscribe(string protocol, string endpoint, string owner, bool rawMessageDelivery)
        {
            lock (_gate)
            {
                var existing = _subscriptions.Find(s => s.Protocol == protocol && s.Endpoint == endpoint);
                if (existing is not null) return existing;
                var subscription = new SnsSubscription(Arn + ":" + Guid.NewGuid(), Arn, protocol, endpoint, owner)
                {
                    RawMessageDelivery = rawMessageDelivery,
                };
                _subscriptions.Add(subscription);
                return subscription;
            }
        }

        public bool Unsubscribe(string subscriptionArn)
        {
            lock (_gate) return _subscriptions.RemoveAll(s => s.Arn == subscriptionArn) > 0;
        }
    }
}
