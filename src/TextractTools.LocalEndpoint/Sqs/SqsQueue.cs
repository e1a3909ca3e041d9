using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;

namespace TextractTools.LocalEndpoint.Sqs
{
    /// <summary>A message handed out by a receive, with the receipt handle of that receive.</summary>
    internal sealed record ReceivedMessage(SqsMessage Message, string ReceiptHandle);

    /// <summary>
    /// One standard queue: messages with delays and visibility timeouts, and a signal that long polls wait on.
    /// Every change of the message list happens under one lock; the signal is replaced on each change, so a waiter
    /// that took the signal together with an empty receive cannot miss the message that arrives next.
    /// </summary>
    internal sealed class SqsQueue
    {
        private readonly object _gate = new();
        private readonly List<SqsMessage> _messages = new();
        private TaskCompletionSource _changed = NewSignal();
        private long _sequence;

        public SqsQueue(string name, string arn, QueueAttributes attributes, DateTimeOffset createdAt)
        {
            Name = name;
            Arn = arn;
            Attributes = attributes;
            CreatedAt = createdAt;
        }

        public string Name { get; }
        public string Arn { get; }
        public QueueAttributes Attributes { get; }
        public DateTimeOffset CreatedAt { get; }

        public SqsMessage Send(string body, TimeSpan delay, string senderId, DateTimeOffset now)
        {
            lock (_gate)
            {
                var message = new SqsMessage(Guid.NewGuid().ToString(), body, Md5Hex(body), senderId, now, now + delay, ++_sequence);
                _messages.Add(message);
                PulseLocked();
                return message;
            }
        }

        /// <summary>
        /// Takes up to <paramref name="max"/> visible messages (oldest visible first), hides each for
        /// <paramref name="visibility"/> and gives each a new receipt handle. Also returns the signal that fires at
        /// the next change, for a long poll that got nothing.
        /// </summary>
        public (IReadOnlyList<ReceivedMessage> Messages, Task Changed) Receive(int max, TimeSpan visibility, DateTimeOffset now)
        {
            lock (_gate)
            {
                DropExpiredLocked(now);
                var taken = _messages.Where(m => m.IsVisible(now))
                    .OrderBy(m => m.VisibleAt).ThenBy(m => m.Sequence)
                    .Take(max)
                    .ToList();
                var received = new List<ReceivedMessage>(taken.Count);
                foreach (var message in taken)
                {
                    message.ReceiveCount++;
                    message.FirstReceivedAt ??= now;
                    message.ReceiptToken = Guid.NewGuid().ToString("N");
                    message.VisibleAt = now + visibility;
                    message.Sequence = ++_sequence;
                    received.Add(new ReceivedMessage(message, new ReceiptHandle(message.MessageId, message.ReceiptToken).Encode()));
                }
                return (received, _changed.Task);
            }
        }

        /// <summary>How long until the next hidden message becomes visible (null when none is hidden).</summary>
        public TimeSpan? UntilNextVisible(DateTimeOffset now)
        {
            lock (_gate)
            {
                var hidden = _messages.Where(m => !m.IsVisible(now)).Select(m => m.VisibleAt).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
                return hidden == DateTimeOffset.MaxValue ? null : hidden - now;
            }
        }

        /// <summary>
        /// Deletes the message when <paramref name="handle"/> is its latest receipt. As in the service, an older
        /// handle (the message was received again since) or a message already gone is not an error: nothing happens.
        /// </summary>
        public void Delete(ReceiptHandle handle)
        {
            lock (_gate)
            {
                var index = _messages.FindIndex(m => m.MessageId == handle.MessageId);
                if (index >= 0 && _messages[index].ReceiptToken == handle.Token) _messages.RemoveAt(index);
            }
        }

        /// <summary>Sets when an in-flight message becomes visible again; 0 releases it to other consumers at once.</summary>
        public void ChangeVisibility(ReceiptHandle handle, TimeSpan visibility, DateTimeOffset now)
        {
            lock (_gate)
            {
                var message = _messages.Find(m => m.MessageId == handle.MessageId);
                if (message is null || message.ReceiptToken != handle.Token || !message.IsInFlight(now)) throw SqsError.MessageNotInflight();
                message.VisibleAt = now + visibility;
                message.Sequence = ++_sequence;
                PulseLocked();
            }
        }

        public void Purge()
        {
            lock (_gate)
            {
                _messages.Clear();
                PulseLocked();
            }
        }

        /// <summary>ApproximateNumberOfMessages, ...NotVisible (in flight) and ...Delayed (never received yet, still delayed).</summary>
        public (int Visible, int InFlight, int Delayed) Counts(DateTimeOffset now)
        {
            lock (_gate)
            {
                DropExpiredLocked(now);
                var visible = _messages.Count(m => m.IsVisible(now));
                var inFlight = _messages.Count(m => m.IsInFlight(now));
                return (visible, inFlight, _messages.Count - visible - inFlight);
            }
        }

        /// <summary>Wakes every long poll of this queue (the queue was deleted or the endpoint is stopping).</summary>
        public void Wake()
        {
            lock (_gate) PulseLocked();
        }

        /// <summary>The lowercase hex MD5 of the UTF-8 body: the SDKs compare it with their own to detect corruption.</summary>
        public static string Md5Hex(string body) =>
            Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(body))).ToLowerInvariant();

        private void DropExpiredLocked(DateTimeOffset now)
        {
            var retention = TimeSpan.FromSeconds(Attributes.MessageRetentionPeriod);
            _messages.RemoveAll(m => now - m.SentAt > retention);
        }

        private void PulseLocked()
        {
            var previous = _changed;
            _changed = NewSignal();
            previous.TrySetResult();
        }

        private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
