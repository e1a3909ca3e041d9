using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SQS;
using Amazon.SQS.Model;
using TextractTools.Engine.Api;

namespace TextractTools.Engine.Jobs
{
    /// <summary>
    /// Waits for jobs by long-polling the SQS queue their NotificationChannel topic delivers to, instead of polling
    /// Get*. Only the notifications of the jobs waited for are consumed (deleted); any other message is made visible
    /// again at once, so other consumers of a shared queue lose nothing. A notification is confirmed with one Get*
    /// (MaxResults 1) before the job is reported, because the job object needs Pages, Warnings and StatusMessage,
    /// which the message does not carry. Same contract as <see cref="JobWaiter"/>.
    /// </summary>
    public sealed class QueueNotificationWaiter
    {
        /// <summary>SQS's longest long poll.</summary>
        private const int MaxWaitTimeSeconds = 20;

        /// <summary>Long enough to confirm and delete a batch of ten before SQS hands the messages to someone else.</summary>
        private const int ReceiveVisibilitySeconds = 30;

        /// <summary>A notification that arrived before Get* reports the end comes back after this.</summary>
        private const int NotYetVisibleSeconds = 2;

        private readonly IAmazonSQS _sqs;
        private readonly string _queueUrl;
        private readonly Func<TextractJob, ITextractApi> _apiFor;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;
        private readonly Func<DateTimeOffset> _now;

        internal QueueNotificationWaiter(IAmazonSQS sqs, string queueUrl, Func<TextractJob, ITextractApi> apiFor,
            Func<TimeSpan, CancellationToken, Task>? delay = null, Func<DateTimeOffset>? now = null)
        {
            _sqs = sqs ?? throw new ArgumentNullException(nameof(sqs));
            _queueUrl = string.IsNullOrEmpty(queueUrl) ? throw new ArgumentException("A queue URL is required.", nameof(queueUrl)) : queueUrl;
            _apiFor = apiFor ?? throw new ArgumentNullException(nameof(apiFor));
            _delay = delay ?? ((d, ct) => Task.Delay(d, ct));
            _now = now ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>
        /// The pause after a receive that brought only other consumers' messages: they are visible again at once,
        /// and asking straight away would get the same ones back in a busy loop.
        /// </summary>
        public TimeSpan ForeignMessagePause { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>ReceiveMessage calls made.</summary>
        public int ReceiveCount { get; private set; }

        /// <summary>Get* calls made to confirm notifications.</summary>
        public int StatusCallCount { get; private set; }

        /// <summary>Messages of other jobs or producers that were handed back to the queue.</summary>
        public int ReleasedCount { get; private set; }

        /// <summary>
        /// Waits until every job has finished or <paramref name="timeout"/> passes. Returns the jobs still running.
        /// </summary>
        public async Task<IReadOnlyList<TextractJob>> WaitAsync(IReadOnlyList<TextractJob> jobs, TimeSpan? timeout,
            Action<TextractJob> onFinished, Action<WaitProgress>? onProgress, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            var ours = new HashSet<string>(jobs.Select(j => j.JobId), StringComparer.Ordinal);
            var pending = new Dictionary<string, List<TextractJob>>(StringComparer.Ordinal);
            var finished = 0;
            foreach (var job in jobs)
            {
                if (job.IsFinished) { finished++; onFinished(job); }
                else if (pending.TryGetValue(job.JobId, out var same)) same.Add(job);
                else pending[job.JobId] = new List<TextractJob> { job };
            }
            onProgress?.Invoke(new WaitProgress(finished, jobs.Count, clock.Elapsed, null));

            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var remaining = timeout - clock.Elapsed;
                if (remaining <= TimeSpan.Zero) break;

                var messages = await ReceiveAsync(remaining, cancellationToken).ConfigureAwait(false);
                var sawOurs = false;
                foreach (var message in messages)
                {
                    if (!JobNotification.TryParse(message.Body, out var notification) || !ours.Contains(notification.JobId))
                    {
                        await ReleaseAsync(message, 0, cancellationToken).ConfigureAwait(false);
                        ReleasedCount++;
                        continue;
                    }
                    sawOurs = true;
                    if (!pending.TryGetValue(notification.JobId, out var waiting))
                    {
                        // A second notification of a job already reported (SNS delivers at least once): consume it too.
                        await DeleteAsync(message, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    if (!await ConfirmAsync(waiting, cancellationToken).ConfigureAwait(false))
                    {
                        await ReleaseAsync(message, NotYetVisibleSeconds, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    await DeleteAsync(message, cancellationToken).ConfigureAwait(false);
                    pending.Remove(notification.JobId);
                    foreach (var job in waiting)
                    {
                        finished++;
                        onFinished(job);
                    }
                    onProgress?.Invoke(new WaitProgress(finished, jobs.Count, clock.Elapsed, notification.JobId));
                }

                if (messages.Count > 0 && !sawOurs && pending.Count > 0)
                {
                    var pause = timeout - clock.Elapsed is { } left && left < ForeignMessagePause ? left : ForeignMessagePause;
                    if (pause > TimeSpan.Zero) await _delay(pause, cancellationToken).ConfigureAwait(false);
                }
                onProgress?.Invoke(new WaitProgress(finished, jobs.Count, clock.Elapsed, null));
            }
            return pending.Values.SelectMany(list => list).ToList();
        }

        /// <summary>One long poll, never longer than SQS allows nor than the time left.</summary>
        private async Task<IReadOnlyList<Message>> ReceiveAsync(TimeSpan? remaining, CancellationToken cancellationToken)
        {
            var waitSeconds = remaining is { } left ? (int)Math.Min(MaxWaitTimeSeconds, Math.Ceiling(left.TotalSeconds)) : MaxWaitTimeSeconds;
            var request = new ReceiveMessageRequest
            {
                QueueUrl = _queueUrl,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = Math.Max(waitSeconds, 1),
                VisibilityTimeout = ReceiveVisibilitySeconds,
            };
            ReceiveCount++;
            var response = await _sqs.ReceiveMessageAsync(request, cancellationToken).ConfigureAwait(false);
            // AWS SDK v4 leaves empty collections null.
            return response.Messages ?? new List<Message>();
        }

        /// <summary>One Get* (MaxResults 1) for the job; true when it has finished. Copies the status onto every object of the job.</summary>
        private async Task<bool> ConfirmAsync(List<TextractJob> jobs, CancellationToken cancellationToken)
        {
            var first = jobs[0];
            var api = _apiFor(first);
            var request = new GetJobPageRequest(first.JobId, maxResults: 1);
            StatusCallCount++;
            var page = await api.GetJobPageAsync(first.Kind, request, cancellationToken).ConfigureAwait(false);
            var now = _now();
            foreach (var job in jobs) JobWaiter.Apply(job, page, now);
            return first.IsFinished;
        }

        private Task DeleteAsync(Message message, CancellationToken cancellationToken) =>
            _sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = _queueUrl, ReceiptHandle = message.ReceiptHandle }, cancellationToken);

        /// <summary>Makes the message visible again after <paramref name="seconds"/> (0: at once, for other consumers).</summary>
        private async Task ReleaseAsync(Message message, int seconds, CancellationToken cancellationToken)
        {
            try
            {
                await _sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest
                {
                    QueueUrl = _queueUrl,
                    ReceiptHandle = message.ReceiptHandle,
                    VisibilityTimeout = seconds,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonSQSException e) when (e.ErrorCode == "MessageNotInflight" || e.ErrorCode == "ReceiptHandleIsInvalid"
                                                || e.ErrorCode == "AWS.SimpleQueueService.MessageNotInflight")
            {
                // Another consumer deleted it, or it became visible on its own: either way it is no longer ours to hand back.
            }
        }
    }
}
