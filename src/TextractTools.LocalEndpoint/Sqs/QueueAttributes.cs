using System;
using System.Collections.Generic;
using System.Globalization;

namespace TextractTools.LocalEndpoint.Sqs
{
    /// <summary>
    /// The settable attributes of a standard queue, with the service's defaults and ranges. Other attributes the
    /// service knows (policies, redrive, encryption, FIFO) are not emulated and are rejected by name, so a script
    /// that relies on one learns it at once instead of getting a queue that silently behaves otherwise.
    /// </summary>
    internal sealed record QueueAttributes(int VisibilityTimeout, int DelaySeconds, int ReceiveMessageWaitTimeSeconds,
        int MessageRetentionPeriod, int MaximumMessageSize)
    {
        public static readonly QueueAttributes Defaults = new(30, 0, 0, 345600, 262144);

        private static readonly Dictionary<string, (int Min, int Max)> Ranges = new(StringComparer.Ordinal)
        {
            ["VisibilityTimeout"] = (0, 43200),
            ["DelaySeconds"] = (0, 900),
            ["ReceiveMessageWaitTimeSeconds"] = (0, 20),
            ["MessageRetentionPeriod"] = (60, 1209600),
            ["MaximumMessageSize"] = (1024, 262144),
        };

        /// <summary>The defaults with <paramref name="given"/> applied; unknown names and out-of-range values throw.</summary>
        public static QueueAttributes From(IReadOnlyDictionary<string, string>? given)
        {
            var result = Defaults;
            if (given is null) return result;
            foreach (var (name, text) in given)
            {
                if (!Ranges.TryGetValue(name, out var range))
                {
                    if (name == "FifoQueue") throw SqsError.UnsupportedOperation("The local endpoint emulates standard queues only, not FIFO queues.");
                    throw SqsError.InvalidAttributeName(name);
                }
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < range.Min || value > range.Max)
                    throw SqsError.InvalidAttributeValue(name, text, $"It must be a whole number from {range.Min} to {range.Max}.");
                result = name switch
                {
                    "VisibilityTimeout" => result with { VisibilityTimeout = value },
                    "DelaySeconds" => result with { DelaySeconds = value },
                    "ReceiveMessageWaitTimeSeconds" => result with { ReceiveMessageWaitTimeSeconds = value },
                    "MessageRetentionPeriod" => result with { MessageRetentionPeriod = value },
                    _ => result with { MaximumMessageSize = value },
                };
            }
            return result;
        }

        public IEnumerable<KeyValuePair<string, string>> AsPairs()
        {
            yield return Pair("VisibilityTimeout", VisibilityTimeout);
            yield return Pair("DelaySeconds", DelaySeconds);
            yield return Pair("ReceiveMessageWaitTimeSeconds", ReceiveMessageWaitTimeSeconds);
            yield return Pair("MessageRetentionPeriod", MessageRetentionPeriod);
            yield return Pair("MaximumMessageSize", MaximumMessageSize);
        }

        private static KeyValuePair<string, string> Pair(string name, int value) => new(name, value.ToString(CultureInfo.InvariantCulture));
    }
}
