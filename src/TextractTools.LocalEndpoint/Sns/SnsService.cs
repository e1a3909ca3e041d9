using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TextractTools.LocalEndpoint.Hosting;
using System.Threading;
using System.Threading.Tasks;
using static TextractTools.LocalEndpoint.Sns.SnsXml;

namespace TextractTools.LocalEndpoint.Sns
{
    /// <summary>
    /// Amazon SNS over the query protocol (form-encoded POST /, Action=..., Version=2010-03-31, XML answers):
    /// standard topics, SQS subscriptions (optionally with RawMessageDelivery) and Publish, which delivers to the
    /// subscribed queues of this endpoint at once. Other protocols (http, email, lambda, ...) are refused at
    /// Subscribe rather than accepted and never delivered.
    /// </summary>
    public sealed class SnsService : IQueryService
    {
        private const int MaxMessageBytes = 262144;
        private static readonly Regex QueueArnPattern = new(@"^arn:aws:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}$", RegexOptions.CultureInvariant);

        private readonly NotificationPublisher _publisher;
        private readonly TopicStore _topics;

        public SnsService(NotificationPublisher publisher)
        {
            _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
            _topics = publisher.Topics;
        }

        public string SigningName => "sns";

        public QueryXml Xml => SnsXml.Xml;

        public Task<HttpReply> HandleAsync(IncomingRequest request, IReadOnlyList<KeyValuePair<string, string>> parameters, CallContext context,
            CancellationToken cancellationToken) => Task.FromResult(Handle(parameters, context));

        private HttpReply Handle(IReadOnlyList<KeyValuePair<string, string>> parameters, CallContext context)
        {
            var request = new SnsRequest(parameters);
            var action = request.Value("Action") ?? "";
            try
            {
                var result = action switch
                {
                    "CreateTopic" => E("CreateTopicResult", E("TopicArn", _topics.CreateTopic(request.Required("Name")))),
                    "DeleteTopic" => DeleteTopic(request),
                    "ListTopics" => ListTopics(),
                    "Subscribe" => Subscribe(request),
                    "Unsubscribe" => Unsubscribe(request),
                    "SetSubscriptionAttributes" => SetSubscriptionAttributes(request),
                    "ListSubscriptionsByTopic" => ListSubscriptionsByTopic(request),
                    "Publish" => Publish(request),
                    _ => throw SnsError.InvalidAction(action),
                };
                return Xml.Ok(action, result, context.RequestId);
            }
            catch (SnsError e)
            {
                return Xml.Error(e.StatusCode, e.Code, e.Message, context.RequestId);
            }
        }

        private XElement? DeleteTopic(SnsRequest request)
        {
            // Deleting a topic that does not exist succeeds in the service.
            _topics.Delete(request.Required("TopicArn"));
            return null;
        }

        private XElement ListTopics() =>
            E("ListTopicsResult", E("Topics", _topics.List().Select(t => E("member", E("TopicArn", t.Arn)))));

        private XElement Subscribe(SnsRequest request)
        {
            var topic = Topic(request.Required("TopicArn"));
            var protocol = request.Required("Protocol");
            if (protocol != "sqs")
                throw SnsError.InvalidParameter("Protocol", $"the local endpoint delivers to SQS queues only (Protocol 'sqs'), not '{protocol}'.");
            var endpoint = request.Required("Endpoint");
            if (!QueueArnPattern.IsMatch(endpoint))
                throw SnsError.InvalidParameter("SQS endpoint ARN", $"'{endpoint}' is not an SQS queue ARN (arn:aws:sqs:REGION:ACCOUNT:NAME).");
            var raw = false;
            foreach (var (name, value) in request.Map("Attributes", "key", "value")) raw = RawMessageDelivery(name, value);
            var subscription = topic.Subscribe(protocol, endpoint, _topics.AccountId, raw);
            return E("SubscribeResult", E("SubscriptionArn", subscription.Arn));
        }

        private XElement? Unsubscribe(SnsRequest request)
        {
            var arn = request.Required("SubscriptionArn");
            var subscription = _topics.FindSubscription(arn) ?? throw SnsError.NotFound("Subscription does not exist");
            _topics.Find(subscription.TopicArn)?.Unsubscribe(arn);
            return null;
        }

        private XElement? SetSubscriptionAttributes(SnsRequest request)
        {
            var subscription = _topics.FindSubscription(request.Required("SubscriptionArn")) ?? throw SnsError.NotFound("Subscription does not exist");
            subscription.RawMessageDelivery = RawMessageDelivery(request.Required("AttributeName"), request.Value("AttributeValue") ?? "");
            return null;
        }

        private XElement ListSubscriptionsByTopic(SnsRequest request)
        {
            var topic = Topic(request.Required("TopicArn"));
            var members = topic.Subscriptions.Select(s => E("member",
                E("TopicArn", s.TopicArn), E("Protocol", s.Protocol), E("SubscriptionArn", s.Arn), E("Owner", s.Owner), E("Endpoint", s.Endpoint)));
            return E("ListSubscriptionsByTopicResult", E("Subscriptions", members));
        }

        private XElement Publish(SnsRequest request)
        {
            var topicArn = request.Value("TopicArn") ?? request.Value("TargetArn")
                ?? throw SnsError.InvalidParameter("TopicArn or TargetArn", "one of them must be given (phone numbers are not emulated).");
            var topic = Topic(topicArn);
            var message = request.Required("Message");
            if (request.Value("MessageStructure") is { } structure) message = MessageFor(structure, message);
            if (Encoding.UTF8.GetByteCount(message) > MaxMessageBytes)
                throw SnsError.InvalidParameter("Message too long", $"the message must be at most {MaxMessageBytes} bytes.");
            var subject = request.Value("Subject");
            if (subject is not null && (subject.Length == 0 || subject.Length > 100))
                throw SnsError.InvalidParameter("Subject", "the subject must be 1 to 100 characters.");
            if (request.Map("MessageAttributes", "Name", "Value.DataType").Any())
                throw SnsError.InvalidParameter("MessageAttributes", "the local endpoint does not deliver message attributes; put the data in the message.");
            return E("PublishResult", E("MessageId", _publisher.Deliver(topic, message, subject)));
        }

        /// <summary>MessageStructure=json: the message is a JSON object of per-protocol texts; SQS gets "sqs" or "default".</summary>
        private static string MessageFor(string structure, string message)
        {
            if (structure != "json") throw SnsError.InvalidParameter("MessageStructure", "the only value is 'json'.");
            try
            {
                using var document = JsonDocument.Parse(message);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("default", out var fallback) && fallback.ValueKind == JsonValueKind.String)
                    return root.TryGetProperty("sqs", out var sqs) && sqs.ValueKind == JsonValueKind.String ? sqs.GetString()! : fallback.GetString()!;
            }
            catch (JsonException)
            {
                // Reported below, in the service's words.
            }
            throw SnsError.InvalidParameter("Message Structure", "the message must be a JSON object with a top-level string 'default'.");
        }

        private static bool RawMessageDelivery(string name, string value)
        {
            if (name != "RawMessageDelivery")
                throw SnsError.InvalidParameter("AttributeName", $"the local endpoint supports RawMessageDelivery only, not '{name}'.");
            if (!bool.TryParse(value, out var raw))
                throw SnsError.InvalidParameter("AttributeValue", $"RawMessageDelivery must be true or false, not '{value}'.");
            return raw;
        }

        private SnsTopic Topic(string arn) => _topics.Find(arn) ?? throw SnsError.NotFound("Topic does not exist");

        /// <summary>The parameters of one request; maps arrive as Name.entry.N.key / Name.entry.N.value pairs.</summary>
        private sealed class SnsRequest
        {
            private readonly IReadOnlyList<KeyValuePair<string, string>> _parameters;

            public SnsRequest(IReadOnlyList<KeyValuePair<string, string>> parameters) => _parameters = parameters;

            public string? Value(string name)
            {
                foreach (var (key, value) in _parameters) if (key == name) return value;
                return null;
            }

            public string Required(string name) => Value(name) is { Length: > 0 } value ? value : throw SnsError.MissingParameter(name);

            public IEnumerable<(string Key, string Value)> Map(string name, string keyMember, string valueMember)
            {
                var prefix = name + ".entry.";
                for (var n = 1; Value(prefix + n + "." + keyMember) is { } key; n++)
                    yield return (key, Value(prefix + n + "." + valueMember) ?? "");
            }
        }
    }
}
