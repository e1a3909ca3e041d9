using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;

namespace TextractTools.LocalEndpoint.Sqs
{
    /// <summary>
    /// The endpoint's SQS queues, shared by the SQS service (which serves them) and SNS (which delivers to them).
    /// Queue URLs are http://127.0.0.1:PORT/ACCOUNT/NAME, ARNs arn:aws:sqs:REGION:ACCOUNT:NAME. The port is known
    /// only once the endpoint listens, so URLs are built when asked for, never stored.
    /// </summary>
    public sealed class QueueStore
    {
        private static readonly Regex NamePattern = new("^[A-Za-z0-9_-]{1,80}$", RegexOptions.CultureInvariant);

        private readonly Dictionary<string, SqsQueue> _queues = new(StringComparer.Ordinal);
        private readonly object _gate = new();
        private readonly Func<Uri> _baseUri;
        private readonly CancellationTokenSource _closing = new();

        public QueueStore(string region, string accountId, Func<Uri> baseUri, TimeProvider? time = null)
        {
            Region = region;
            AccountId = accountId;
            _baseUri = baseUri;
            Time = time ?? TimeProvider.System;
        }

        public string Region { get; }
        public string AccountId { get; }
        internal TimeProvider Time { get; }

        /// <summary>Cancelled when the endpoint stops: long polls end at once instead of holding the shutdown.</summary>
        public CancellationToken Closing => _closing.Token;

        public string UrlOf(string name) => new Uri(_baseUri(), AccountId + "/" + name).ToString();

        public string ArnOf(string name) => $"arn:aws:sqs:{Region}:{AccountId}:{name}";

        /// <summary>Creates the queue, or returns the existing one when its attributes are the same (as the service does).</summary>
        internal SqsQueue Create(string name, QueueAttributes attributes)
        {
            if (name.EndsWith(".fifo", StringComparison.Ordinal))
                throw SqsError.UnsupportedOperation("The local endpoint emulates standard queues only, not FIFO queues.");
            if (!NamePattern.IsMatch(name))
                throw SqsError.InvalidParameterValue($"Queue name '{name}' must be 1 to 80 characters: letters, digits, '-' and '_'.");
            lock (_gate)
            {
                if (_queues.TryGetValue(name, out var existing))
                {
                    if (existing.Attributes != attributes) throw SqsError.QueueNameExists(name);
                    return existing;
                }
                var queue = new SqsQueue(name, ArnOf(name), attributes, Time.GetUtcNow());
                _queues[name] = queue;
                return queue;
            }
        }

        /// <summary>Creates a queue with default attributes unless it exists (for --create-queue and tests).</summary>
        public string CreateQueue(string name) => UrlOf(Create(name, QueueAttributes.Defaults).Name);

        internal SqsQueue? FindByName(string name)
        {
            lock (_gate) return _queues.TryGetValue(name, out var queue) ? queue : null;
        }

        /// <summary>
        /// The queue a QueueUrl names. Only the path counts (ACCOUNT/NAME): a client may spell the host as localhost
        /// or 127.0.0.1. Another account's queue does not exist here.
        /// </summary>
        internal SqsQueue FindByUrl(string queueUrl)
        {
            if (!Uri.TryCreate(queueUrl, UriKind.Absolute, out var uri)) throw SqsError.QueueDoesNotExist();
            var segments = uri.AbsolutePath.Trim('/').Split('/');
            if (segments.Length != 2 || segments[0] != AccountId) throw SqsError.QueueDoesNotExist();
            return FindByName(Uri.UnescapeDataString(segments[1])) ?? throw SqsError.QueueDoesNotExist();
        }

        internal SqsQueue? FindByArn(string arn)
        {
            var prefix = $"arn:aws:sqs:{Region}:{AccountId}:";
            return arn.StartsWith(prefix, StringComparison.Ordinal) ? FindByName(arn.Substring(prefix.Length)) : null;
        }

        internal bool Delete(SqsQueue queue)
        {
            bool removed;
            lock (_gate) removed = _queues.Remove(queue.Name);
            queue.Wake();
            return removed;
        }

        internal IReadOnlyList<SqsQueue> List()
        {
            lock (_gate) return _queues.Values.OrderBy(q => q.Name, StringComparer.Ordinal).ToList();
        }

        /// <summary>
        /// Ends every long poll (they answer with no messages) and refuses to wait from now on. The token source is
        /// never disposed: requests still being answered may read <see cref="Closing"/>, and it holds no timer.
        /// </summary>
        public void Close()
        {
            if (_closing.IsCancellationRequested) return;
            _closing.Cancel();
            foreach (var queue in List()) queue.Wake();
        }
    }
}
