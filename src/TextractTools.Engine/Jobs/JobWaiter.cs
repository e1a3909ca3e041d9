using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Api;

namespace TextractTools.Engine.Jobs
{
    /// <summary>How far a wait has come, for progress displays.</summary>
    public sealed class WaitProgress
    {
        public WaitProgress(int finished, int total, TimeSpan elapsed, string? lastJobId)
        {
            Finished = finished;
            Total = total;
            Elapsed = elapsed;
            LastJobId = lastJobId;
        }

        public int Finished { get; }
        public int Total { get; }
        public TimeSpan Elapsed { get; }
        public string? LastJobId { get; }
    }

    /// <summary>
    /// Waits for many jobs at once by polling Get* with MaxResults=1 (the cheapest answer that carries the status),
    /// each job on its own backoff schedule. Finished jobs are reported as they finish; jobs still running at the
    /// deadline are returned so the caller can say how to resume.
    /// </summary>
    public sealed class JobWaiter
    {
        private readonly Func<TextractJob, ITextractApi> _apiFor;
        private readonly PollSchedule _schedule;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;
        private readonly Func<DateTimeOffset> _now;

        public JobWaiter(Func<TextractJob, ITextractApi> apiFor, PollSchedule schedule,
            Func<TimeSpan, CancellationToken, Task>? delay = null, Func<DateTimeOffset>? now = null)
        {
            _apiFor = apiFor;
            _schedule = schedule;
            _delay = delay ?? ((d, ct) => Task.Delay(d, ct));
            _now = now ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>Number of Get* calls made, for diagnostics and benchmarks.</summary>
        public int PollCount { get; private set; }

        /// <summary>
        /// Waits until every job has finished or <paramref name="timeout"/> passes. Returns the jobs still running.
        /// </summary>
        public async Task<IReadOnlyList<TextractJob>> WaitAsync(IReadOnlyList<TextractJob> jobs, TimeSpan? timeout,
            Action<TextractJob> onFinished, Action<WaitProgress>? onProgress, CancellationToken cancellationToken)
        {
            // Elapsed time comes from the injected clock, so tests can run a long wait in virtual time.
            var startedAt = _now();
            var clock = new ElapsedClock(() => _now() - startedAt);
            var pending = new List<PendingJob>();
            var finished = 0;
            foreach (var job in jobs)
            {
                if (job.IsFinished) { finished++; onFinished(job); }
                else pending.Add(new PendingJob(job, clock.Elapsed));
            }
            onProgress?.Invoke(new WaitProgress(finished, jobs.Count, clock.Elapsed, null));

            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var next = pending.OrderBy(p => p.DueAt).First();
                var wait = next.DueAt - clock.Elapsed;
                if (timeout.HasValue && next.DueAt > timeout.Value)
                {
                    // The next poll would fall after the deadline: sleep out the remainder and give up.
                    var remaining = timeout.Value - clock.Elapsed;
                    if (remaining > TimeSpan.Zero) await _delay(remaining, cancellationToken).ConfigureAwait(false);
                    break;
                }
                if (wait > TimeSpan.Zero) await _delay(wait, cancellationToken).ConfigureAwait(false);

                await PollAsync(next.Job, cancellationToken).ConfigureAwait(false);
                if (next.Job.IsFinished)
                {
                    pending.Remove(next);
                    finished++;
                    onFinished(next.Job);
                    onProgress?.Invoke(new WaitProgress(finished, jobs.Count, clock.Elapsed, next.Job.JobId));
                }
                else
                {
                    next.DueAt = clock.Elapsed + _schedule.DelayBefore(++next.Attempt);
                    onProgress?.Invoke(new WaitProgress(finished, jobs.Count, clock.Elapsed, null));
                }
            }
            return pending.Select(p => p.Job).ToList();
        }

        /// <summary>One Get* with MaxResults=1; updates the job's status fields.</summary>
        public async Task PollAsync(TextractJob job, CancellationToken cancellationToken)
        {
            PollCount++;
            await ReadStatusAsync(_apiFor(job), job, _now, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Asks Textract once how the job stands (Get* with MaxResults=1, the cheapest answer that carries the status)
        /// and copies the answer onto the job.
        /// </summary>
        public static async Task ReadStatusAsync(ITextractApi api, TextractJob job, Func<DateTimeOffset>? now, CancellationToken cancellationToken)
        {
            var request = new GetJobPageRequest(job.JobId, maxResults: 1);
            var page = await api.GetJobPageAsync(job.Kind, request, cancellationToken).ConfigureAwait(false);
            Apply(job, page, now?.Invoke() ?? DateTimeOffset.UtcNow);
        }

        /// <summary>Copies the status of a Get* answer onto the job.</summary>
        public static void Apply(TextractJob job, JobResultPage page, DateTimeOffset now)
        {
            job.Status = page.JobStatus;
            job.StatusMessage = page.StatusMessage;
            if (page.PageCount.HasValue) job.Pages = page.PageCount;
            job.Warnings = page.Warnings
                .Select(w => (w.ErrorCode ?? "Warning") + (w.Pages.Count > 0 ? ": pages " + string.Join(", ", w.Pages) : ""))
                .ToArray();
            if (job.IsFinished && job.CompletedAt is null) job.CompletedAt = now;
        }

        private sealed class ElapsedClock
        {
            private readonly Func<TimeSpan> _elapsed;
            public ElapsedClock(Func<TimeSpan> elapsed) => _elapsed = elapsed;
            public TimeSpan Elapsed => _elapsed();
        }

        private sealed class PendingJob
        {
            public PendingJob(TextractJob job, TimeSpan dueAt)
            {
                Job = job;
                DueAt = dueAt;
            }

            public TextractJob Job { get; }
            public TimeSpan DueAt { get; set; }
            public int Attempt { get; set; }
        }
    }
}
