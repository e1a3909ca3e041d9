using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using TextractTools.LocalEndpoint.Hosting;

namespace TextractTools.LocalEndpoint.Sqs
{
    /// <summary>
    /// Amazon SQS over the query protocol, as boto3 before 1.34, the AWS CLI before 2.13 and the JavaScript SDK before
    /// 3.447 speak it: a form-encoded POST (Action=SendMessage&amp;Version=2012-11-05&amp;QueueUrl=...), XML answers. It is
    /// a translation only: the parameters become the JSON 1.0 request the same operation takes in
    /// <see cref="SqsService"/>, and its JSON answer becomes the XML the query protocol returns, so both protocols share
    /// one implementation and cannot drift apart.
    /// </summary>
    public sealed class SqsQueryService : IQueryService
    {
        /// <summary>SQS's query-protocol namespace and answer shapes.</summary>
        internal static readonly QueryXml QueryXml = new("http://queue.amazonaws.com/doc/2012-11-05/");

        /// <summary>Operations whose answer has a result element (the others answer with the ResponseMetadata only).</summary>
        private static readonly HashSet<string> WithResult = new(StringComparer.Ordinal)
        {
            "CreateQueue", "GetQueueUrl", "ListQueues", "GetQueueAttributes", "SendMessage", "ReceiveMessage",
        };

        /// <summary>Members that are numbers in the JSON protocol (the query protocol sends every value as text).</summary>
        private static readonly HashSet<string> IntegerMembers = new(StringComparer.Ordinal)
        {
            "DelaySeconds", "MaxNumberOfMessages", "VisibilityTimeout", "WaitTimeSeconds", "MaxResults",
        };

        /// <summary>Flattened maps of the query protocol: Name.N.Key / Name.N.Value, and the JSON member each becomes.</summary>
        private static readonly Dictionary<string, (string Member, string KeyName, string ValueName)> Maps = new(StringComparer.Ordinal)
        {
            ["Attribute"] = ("Attributes", "Name", "Value"),
            ["Tag"] = ("tags", "Key", "Value"),
            ["MessageAttribute"] = ("MessageAttributes", "Name", "Value"),
            ["MessageSystemAttribute"] = ("MessageSystemAttributes", "Name", "Value"),
        };

        private static readonly Regex ListItem = new(@"^([A-Za-z]+)\.(\d+)$", RegexOptions.CultureInvariant);
        private static readonly Regex MapItem = new(@"^([A-Za-z]+)\.(\d+)\.(.+)$", RegexOptions.CultureInvariant);

        private readonly SqsService _sqs;

        public SqsQueryService(SqsService sqs)
        {
            _sqs = sqs ?? throw new ArgumentNullException(nameof(sqs));
        }

        public string SigningName => "sqs";

        public QueryXml Xml => QueryXml;

        public async Task<HttpReply> HandleAsync(IncomingRequest request, IReadOnlyList<KeyValuePair<string, string>> parameters, CallContext context,
            CancellationToken cancellationToken)
        {
            var action = QueryProtocol.Value(parameters, "Action") ?? "";
            try
            {
                var json = ToJson(parameters, request.RawPath);
                using var document = JsonDocument.Parse(json.ToJsonString());
                var answer = await _sqs.InvokeAsync(action, document.RootElement, context, cancellationToken).ConfigureAwait(false);
                return Xml.Ok(action, WithResult.Contains(action) ? ToXml(action + "Result", answer) : null, context.RequestId);
            }
            catch (SqsError e)
            {
                var message = e.QueryCode == "InvalidAction" ? $"The action {action} is not valid for this endpoint." : e.Message;
                return Xml.Error(e.StatusCode, e.QueryCode, message, context.RequestId);
            }
        }

        /// <summary>
        /// The query parameters as the JSON request: scalars as members (numbers where JSON has numbers), Name.N lists
        /// as arrays named in the plural, Name.N.Key/Value maps as objects. A request sent to the queue's own URL
        /// without a QueueUrl parameter (how some older clients address a queue) takes the URL from the path.
        /// </summary>
        private static JsonObject ToJson(IReadOnlyList<KeyValuePair<string, string>> parameters, string rawPath)
        {
            var json = new JsonObject();
            var lists = new SortedDictionary<string, SortedDictionary<int, string>>(StringComparer.Ordinal);
            var maps = new Dictionary<string, SortedDictionary<int, Dictionary<string, string>>>(StringComparer.Ordinal);
            foreach (var (name, value) in parameters)
            {
                if (name is "Action" or "Version") continue;
                if (MapItem.Match(name) is { Success: true } mapItem && Maps.ContainsKey(mapItem.Groups[1].Value))
                {
                    var entries = maps.TryGetValue(mapItem.Groups[1].Value, out var e) ? e : maps[mapItem.Groups[1].Value] = new();
                    var index = int.Parse(mapItem.Groups[2].Value, CultureInfo.InvariantCulture);
                    var entry = entries.TryGetValue(index, out var found) ? found : entries[index] = new(StringComparer.Ordinal);
                    entry[mapItem.Groups[3].Value] = value;
                }
                else if (ListItem.Match(name) is { Success: true } listItem)
                {
                    var items = lists.TryGetValue(listItem.Groups[1].Value, out var l) ? l : lists[listItem.Groups[1].Value] = new();
                    items[int.Parse(listItem.Groups[2].Value, CultureInfo.InvariantCulture)] = value;
                }
                else
                {
                    json[name] = IntegerMembers.Contains(name) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                        ? JsonValue.Create(number)
                        : JsonValue.Create(value);
                }
            }
            foreach (var (name, items) in lists) json[name + "s"] = new JsonArray(items.Values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            foreach (var (name, entries) in maps)
            {
                var (member, keyName, valueName) = Maps[name];
                var map = new JsonObject();
                foreach (var entry in entries.Values)
                {
                    if (!entry.TryGetValue(keyName, out var key)) continue;
                    // Message attributes are structures (Value.StringValue, Value.DataType); the other maps hold text.
                    var fields = entry.Where(f => f.Key.StartsWith(valueName + ".", StringComparison.Ordinal)).ToList();
                    map[key] = fields.Count == 0
                        ? JsonValue.Create(entry.TryGetValue(valueName, out var text) ? text : "")
                        : new JsonObject(fields.Select(f => KeyValuePair.Create(f.Key.Substring(valueName.Length + 1), (JsonNode?)JsonValue.Create(f.Value))));
                }
                json[member] = map;
            }
            // Only the path of a QueueUrl names the queue (QueueStore.FindByUrl), so any host does here.
            if (!json.ContainsKey("QueueUrl") && rawPath.Trim('/').Split('/').Length == 2) json["QueueUrl"] = "http://127.0.0.1/" + rawPath.Trim('/');
            return json;
        }

        /// <summary>
        /// A JSON answer as the query protocol's XML: arrays flattened into repeated elements named in the singular
        /// (QueueUrls -> QueueUrl, Messages -> Message), maps into Attribute entries of Name and Value.
        /// </summary>
        private static XElement ToXml(string elementName, JsonObject answer)
        {
            var element = QueryXml.E(elementName);
            foreach (var (name, node) in answer)
            {
                switch (node)
                {
                    case JsonArray array:
                        var itemName = name.EndsWith("s", StringComparison.Ordinal) ? name.Substring(0, name.Length - 1) : name;
                        foreach (var item in array)
                            element.Add(item is JsonObject itemObject ? ToXml(itemName, itemObject) : QueryXml.E(itemName, item?.GetValue<string>()));
                        break;
                    case JsonObject map:
                        var entryName = name.EndsWith("s", StringComparison.Ordinal) ? name.Substring(0, name.Length - 1) : name;
                        foreach (var (key, value) in map)
                            element.Add(QueryXml.E(entryName, QueryXml.E("Name", key), QueryXml.E("Value", value?.ToString())));
                        break;
                    case null:
                        break;
                    default:
                        element.Add(QueryXml.E(name, node.ToString()));
                        break;
                }
            }
            return element;
        }
    }
}
