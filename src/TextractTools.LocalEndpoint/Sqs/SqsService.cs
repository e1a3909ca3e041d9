using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.LocalEndpoint.Hosting;

namespace TextractTools.LocalEndpoint.Sqs
{
    /// <summary>
    /// Amazon SQS over the AWS JSON 1.0 protocol as the AWS SDKs of 2024 on speak it (X-Amz-Target
    /// "AmazonSQS.Operation"): queues, messages with visibility timeouts, and long polling that is bounded by
    /// WaitTimeSeconds and ends early when the caller goes away or the endpoint stops. The query protocol of older
    /// clients is translated to the same operations by <see cref="SqsQueryService"/>.
    /// </summary>
    public sealed class SqsService : IJsonService
    {
        private const int MaxWaitTimeSeconds = 20;
        private const int MaxVisibilityTimeout = 43200;
        private static readonly string[] MessageSystemAttributes = { "SenderId", "SentTimestamp", "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp" };

        private readonly QueueStore _queues;

        public SqsService(QueueStore queues)
        {
            _queues = queues ?? throw new ArgumentNullException(nameof(queues));
        }

        public string TargetPrefix => "AmazonSQS";

        private DateTimeOffset Now => _queues.Time.GetUtcNow();

        public async Task<JsonServiceResponse> HandleAsync(string operation, byte[] body, CallContext context, CancellationToken cancellationToken)
        {
            try
            {
                var answer = await InvokeAsync(operation, Parse(body), context, cancellationToken).ConfigureAwait(false);
                return JsonServiceResponse.Ok(answer.ToJsonString());
            }
            catch (SqsError e)
            {
                return JsonServiceResponse.Error(e.StatusCode, e.JsonType, e.Message) with { Headers = new[] { QueryErrorHeader(e.QueryCode, e.StatusCode) } };
            }
        }

        /// <summary>Errors the router answers (signature, unexpected failure) carry x-amzn-query-error too, with their own code.</summary>
        public JsonServiceResponse RouterError(JsonServiceResponse error)
        {
            using var document = JsonDocument.Parse(error.Json);
            var code = document.RootElement.TryGetProperty("__type", out var type) ? type.GetString() ?? "" : "";
            return error with { Headers = new[] { QueryErrorHeader(code.Substring(code.IndexOf('#') + 1), error.StatusCode) } };
        }

        private static KeyValuePair<string, string> QueryErrorHeader(string queryCode, int statusCode) =>
            new(SqsError.QueryErrorHeader, SqsError.QueryErrorHeaderValue(queryCode, statusCode));

        /// <summary>
        /// Runs one operation on its request in the JSON protocol's shape, whichever protocol it came in (the query
        /// protocol's front, <see cref="SqsQueryService"/>, translates to and from this shape). Throws <see cref="SqsError"/>.
        /// </summary>
        internal async Task<JsonObject> InvokeAsync(string operation, JsonElement request, CallContext context, CancellationToken cancellationToken) =>
            operation switch
            {
                "CreateQueue" => CreateQueue(request),
                "GetQueueUrl" => GetQueueUrl(request),
                "DeleteQueue" => DeleteQueue(request),
                "ListQueues" => ListQueues(request),
                "PurgeQueue" => Purge(request),
                "GetQueueAttributes" => GetQueueAttributes(request),
                "SendMessage" => SendMessage(request, context),
                "ReceiveMessage" => await ReceiveMessageAsync(request, cancellationToken).ConfigureAwait(false),
                "DeleteMessage" => DeleteMessage(request),
                "ChangeMessageVisibility" => ChangeMessageVisibility(request),
                _ => throw SqsError.UnknownOperation(operation),
            };

        private JsonObject CreateQueue(JsonElement request)
        {
            var name = RequiredString(request, "QueueName");
            var queue = _queues.Create(name, QueueAttributes.From(StringMap(request, "Attributes")));
            return new JsonObject { ["QueueUrl"] = _queues.UrlOf(queue.Name) };
        }

        private JsonObject GetQueueUrl(JsonElement request)
        {
            var name = RequiredString(request, "QueueName");
            var owner = OptionalString(request, "QueueOwnerAWSAccountId");
            if (owner is not null && owner != _queues.AccountId) throw SqsError.QueueDoesNotExist();
            var queue = _queues.FindByName(name) ?? throw SqsError.QueueDoesNotExist();
            return new JsonObject { ["QueueUrl"] = _queues.UrlOf(queue.Name) };
        }

        private JsonObject DeleteQueue(JsonElement request)
        {
            _queues.Delete(QueueOf(request));
            return new JsonObject();
        }

        private JsonObject ListQueues(JsonElement request)
        {
            var prefix = OptionalString(request, "QueueNamePrefix") ?? "";
            var urls = new JsonArray();
            foreach (var queue in _queues.List().Where(q => q.Name.StartsWith(prefix, StringComparison.Ordinal))) urls.Add(_queues.UrlOf(queue.Name));
            return urls.Count == 0 ? new JsonObject() : new JsonObject { ["QueueUrls"] = urls };
        }

        private JsonObject Purge(JsonElement request)
        {
            QueueOf(request).Purge();
            return new JsonObject();
        }

        private JsonObject GetQueueAttributes(JsonElement request)
        {
            var queue = QueueOf(request);
            var now = Now;
            var (visible, inFlight, delayed) = queue.Counts(now);
            var all = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["QueueArn"] = queue.Arn,
                ["ApproximateNumberOfMessages"] = Text(visible),
                ["ApproximateNumberOfMessagesNotVisible"] = Text(inFlight),
                ["ApproximateNumberOfMessagesDelayed"] = Text(delayed),
                ["CreatedTimestamp"] = Text(queue.CreatedAt.ToUnixTimeSeconds()),
                ["LastModifiedTimestamp"] = Text(queue.CreatedAt.ToUnixTimeSeconds()),
            };
            foreach (var (name, value) in queue.Attributes.AsPairs()) all[name] = value;

            var asked = StringList(request, "AttributeNames");
            var attributes = new JsonObject();
            foreach (var name in asked.Contains("All") ? all.Keys.ToList() : asked)
            {
                if (!all.TryGetValue(name, out var value)) throw SqsError.InvalidAttributeName(name);
                attributes[name] = value;
            }
            return attributes.Count == 0 ? new JsonObject() : new JsonObject { ["Attributes"] = attributes };
        }

        private JsonObject SendMessage(JsonElement request, CallContext context)
        {
            var queue = QueueOf(request);
            var body = RequiredString(request, "MessageBody");
            CheckBody(body, queue.Attributes.MaximumMessageSize);
            if (request.TryGetProperty("MessageAttributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object && attributes.EnumerateObject().Any())
                throw SqsError.UnsupportedOperation("The local endpoint does not keep message attributes; send the data in the message body.");
            var delay = OptionalInt(request, "DelaySeconds", 0, 900) ?? queue.Attributes.DelaySeconds;
            var message = queue.Send(body, TimeSpan.FromSeconds(delay), context.AccessKeyId, Now);
            return new JsonObject { ["MD5OfMessageBody"] = message.Md5OfBody, ["MessageId"] = message.MessageId };
        }

        private async Task<JsonObject> ReceiveMessageAsync(JsonElement request, CancellationToken cancellationToken)
        {
            var queue = QueueOf(request);
            var max = OptionalInt(request, "MaxNumberOfMessages", 1, 10) ?? 1;
            var wait = TimeSpan.FromSeconds(OptionalInt(request, "WaitTimeSeconds", 0, MaxWaitTimeSeconds) ?? queue.Attributes.ReceiveMessageWaitTimeSeconds);
            var visibility = TimeSpan.FromSeconds(OptionalInt(request, "VisibilityTimeout", 0, MaxVisibilityTimeout) ?? queue.Attributes.VisibilityTimeout);
            var wanted = StringList(request, "MessageSystemAttributeNames").Concat(StringList(request, "AttributeNames")).ToHashSet(StringComparer.Ordinal);

            var deadline = Now + wait;
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _queues.Closing);
            while (true)
            {
                var now = Now;
                var (received, changed) = queue.Receive(max, visibility, now);
                if (received.Count > 0 || now >= deadline || waiting.IsCancellationRequested || _queues.FindByName(queue.Name) != queue)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return ReceiveAnswer(received, wanted);
                }
                // Sleep until a message arrives, a hidden one becomes visible, or the wait is over.
                var nap = deadline - now;
                if (queue.UntilNextVisible(now) is { } untilVisible && untilVisible < nap) nap = untilVisible;
                await WhenChangedOrElapsedAsync(changed, nap, waiting.Token).ConfigureAwait(false);
            }
        }

        private async Task WhenChangedOrElapsedAsync(Task changed, TimeSpan nap, CancellationToken cancellationToken)
        {
            using var napOver = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sleep = Task.Delay(nap < TimeSpan.Zero ? TimeSpan.Zero : nap, _queues.Time, napOver.Token);
            await Task.WhenAny(changed, sleep).ConfigureAwait(false);
            napOver.Cancel();
        }

        private static JsonObject ReceiveAnswer(IReadOnlyList<ReceivedMessage> received, ISet<string> wanted)
        {
            if (received.Count == 0) return new JsonObject();
            var messages = new JsonArray();
            foreach (var (message, receiptHandle) in received)
            {
                var item = new JsonObject
                {
                    ["MessageId"] = message.MessageId,
                    ["ReceiptHandle"] = receiptHandle,
                    ["MD5OfBody"] = message.Md5OfBody,
                    ["Body"] = message.Body,
                };
                var attributes = new JsonObject();
                foreach (var name in MessageSystemAttributes.Where(n => wanted.Contains("All") || wanted.Contains(n)))
                {
                    attributes[name] = name switch
                    {
                        "SenderId" => message.SenderId,
                        "SentTimestamp" => Text(message.SentAt.ToUnixTimeMilliseconds()),
                        "ApproximateReceiveCount" => Text(message.ReceiveCount),
                        _ => Text(message.FirstReceivedAt!.Value.ToUnixTimeMilliseconds()),
                    };
                }
                if (attributes.Count > 0) item["Attributes"] = attributes;
                messages.Add(item);
            }
            return new JsonObject { ["Messages"] = messages };
        }

        private JsonObject DeleteMessage(JsonElement request)
        {
            var queue = QueueOf(request);
            queue.Delete(Handle(request));
            return new JsonObject();
        }

        private JsonObject ChangeMessageVisibility(JsonElement request)
        {
            var queue = QueueOf(request);
            var handle = Handle(request);
            var visibility = OptionalInt(request, "VisibilityTimeout", 0, MaxVisibilityTimeout) ?? throw SqsError.MissingParameter("VisibilityTimeout");
            queue.ChangeVisibility(handle, TimeSpan.FromSeconds(visibility), Now);
            return new JsonObject();
        }

        private SqsQueue QueueOf(JsonElement request) => _queues.FindByUrl(RequiredString(request, "QueueUrl"));

        private static ReceiptHandle Handle(JsonElement request)
        {
            var text = RequiredString(request, "ReceiptHandle");
            return ReceiptHandle.TryDecode(text, out var handle) ? handle : throw SqsError.ReceiptHandleIsInvalid(text);
        }

        /// <summary>The service's rule: 1 byte to the queue's maximum, of the XML character set (no other control characters).</summary>
        private static void CheckBody(string body, int maximumSize)
        {
            var size = Encoding.UTF8.GetByteCount(body);
            if (size == 0) throw SqsError.InvalidParameterValue("The message body must not be empty.");
            if (size > maximumSize) throw SqsError.InvalidParameterValue($"The message body is {size} bytes; the queue takes at most {maximumSize}.");
            for (var i = 0; i < body.Length; i++)
            {
                var c = body[i];
                var allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                              || (char.IsHighSurrogate(c) && i + 1 < body.Length && char.IsLowSurrogate(body[++i]));
                if (!allowed) throw SqsError.InvalidMessageContents($"Invalid character U+{(int)c:X4} in the message body.");
            }
        }

        private static JsonElement Parse(byte[] body)
        {
            if (body.Length == 0) return JsonDocument.Parse("{}").RootElement.Clone();
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind != JsonValueKind.Object) throw SqsError.InvalidParameterValue("The request body must be a JSON object.");
                return document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw SqsError.InvalidParameterValue("The request body is not valid JSON: " + e.Message);
            }
        }

        private static string? OptionalString(JsonElement request, string name)
        {
            if (!request.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind != JsonValueKind.String) throw SqsError.InvalidParameterValue($"{name} must be a string.");
            return value.GetString();
        }

        private static string RequiredString(JsonElement request, string name) =>
            OptionalString(request, name) is { Length: > 0 } value ? value : throw SqsError.MissingParameter(name);

        private static int? OptionalInt(JsonElement request, string name, int min, int max)
        {
            if (!request.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number) || number < min || number > max)
                throw SqsError.InvalidParameterValue($"Value {value.GetRawText()} for parameter {name} is invalid. Reason: it must be a whole number from {min} to {max}.");
            return (int)number;
        }

        private static IReadOnlyList<string> StringList(JsonElement request, string name)
        {
            if (!request.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return Array.Empty<string>();
            if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
                throw SqsError.InvalidParameterValue($"{name} must be a list of strings.");
            return value.EnumerateArray().Select(v => v.GetString()!).ToList();
        }

        private static IReadOnlyDictionary<string, string>? StringMap(JsonElement request, string name)
        {
            if (!request.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind != JsonValueKind.Object || value.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
                throw SqsError.InvalidParameterValue($"{name} must be a map of strings.");
            return value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        }

        private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
