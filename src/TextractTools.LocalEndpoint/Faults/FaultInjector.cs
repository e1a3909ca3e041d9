using System;
using System.Collections.Concurrent;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using TextractTools.LocalEndpoint.Hosting;

namespace TextractTools.LocalEndpoint.Faults
{
    /// <summary>
    /// The endpoint's fault layer (see FAULTS.md): consulted by the router before every request is dispatched, and by
    /// Textract when a job starts. Counts every call per operation, whether or not a fault applies, so tests and
    /// benchmarks can read how many calls a client made. The plan can be replaced at any time
    /// (<see cref="Configure"/>, or POST /_admin/faults); each replacement restarts the seeded random and the TPS quotas.
    /// </summary>
    public sealed class FaultInjector
    {
        private static readonly TimeSpan CutOffGrace = TimeSpan.FromMilliseconds(50);

        private readonly object _gate = new();
        private readonly ConcurrentDictionary<string, TokenBucket> _quotas = new(StringComparer.OrdinalIgnoreCase);
        private readonly FaultCounters _counters = new();
        private FaultPlan _plan = FaultPlan.None;
        private Random _random = new(FaultPlan.DefaultSeed);

        public FaultInjector(FaultPlan? plan = null) => Configure(plan ?? FaultPlan.None);

        public FaultPlan Plan => Volatile.Read(ref _plan);

        public FaultStatistics Statistics => _counters.Snapshot();

        /// <summary>Replaces the plan (from now on); the statistics go on counting.</summary>
        public void Configure(FaultPlan plan)
        {
            if (plan is null) throw new ArgumentNullException(nameof(plan));
            lock (_gate)
            {
                _random = new Random(plan.Seed);
                _quotas.Clear();
                Volatile.Write(ref _plan, plan);
            }
        }

        /// <summary>No faults from now on (the concurrent-job limit is an endpoint option, not a fault: it stays).</summary>
        public void Clear() => Configure(FaultPlan.None);

        public void ResetStatistics() => _counters.Reset();

        /// <summary>
        /// Decides what happens to a request before it is dispatched: an answer of the admin route, a delay, a
        /// throttling or server-error answer instead of the real one, or a real answer to be cut off mid-body.
        /// </summary>
        internal async Task<FaultDecision> BeforeDispatchAsync(IncomingRequest request, IPAddress? remoteAddress, CancellationToken cancellationToken)
        {
            if (FaultAdminRoute.Matches(request)) return new FaultDecision(FaultAdminRoute.Handle(this, request, remoteAddress), false);

            var operation = OperationNames.Of(request);
            var counter = _counters.For(operation);
            Interlocked.Increment(ref counter.Calls);
            var rule = Plan.RuleFor(operation);
            if (rule is null) return FaultDecision.None;

            if (rule.DelayMs > 0)
            {
                Interlocked.Increment(ref counter.Delayed);
                await Task.Delay(rule.DelayMs, cancellationToken).ConfigureAwait(false);
            }
            if (rule.Tps is { } tps && !_quotas.GetOrAdd(operation, _ => new TokenBucket(tps, rule.Burst)).TryTake())
            {
                Interlocked.Increment(ref counter.RateLimited);
                return new FaultDecision(FaultReplies.Throttled(request, operation, quota: true), false);
            }
            if (rule.Throttle + rule.ServerError + rule.Drop <= 0) return FaultDecision.None;

            var draw = Draw();
            if (draw < rule.Throttle)
            {
                Interlocked.Increment(ref counter.Throttled);
                return new FaultDecision(FaultReplies.Throttled(request, operation, quota: false), false);
            }
            if (draw < rule.Throttle + rule.ServerError)
            {
                Interlocked.Increment(ref counter.ServerErrors);
                return new FaultDecision(FaultReplies.ServerError(request, operation), false);
            }
            if (draw < rule.Throttle + rule.ServerError + rule.Drop)
            {
                Interlocked.Increment(ref counter.Dropped);
                return new FaultDecision(null, true);
            }
            return FaultDecision.None;
        }

        /// <summary>
        /// Writes the first half of <paramref name="reply"/> (through the router's own writer) and aborts the
        /// connection: the request was done, its answer never arrives whole.
        /// </summary>
        internal static async Task WriteCutOffAsync(HttpContext context, HttpReply reply, bool head, Func<HttpReply, Task> write)
        {
            if (FaultReplies.FirstHalf(reply, head) is { } half)
            {
                await write(half).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                // Abort discards what Kestrel has not handed to the socket yet: give the first half time to leave,
                // so the client reads headers and part of the body before the connection goes.
                await Task.Delay(CutOffGrace, context.RequestAborted).ConfigureAwait(false);
            }
            context.Abort();
        }

        /// <summary>The fault of a job started by <paramref name="startOperation"/> ("StartDocumentAnalysis").</summary>
        internal JobFault DecideJob(string startOperation)
        {
            var rule = Plan.RuleFor("Textract." + startOperation);
            if (rule is null) return JobFault.None;
            var outcome = JobOutcome.AsRecorded;
            if (rule.Fail + rule.Partial > 0)
            {
                var draw = Draw();
                if (draw < rule.Fail) outcome = JobOutcome.Failed;
                else if (draw < rule.Fail + rule.Partial) outcome = JobOutcome.Partial;
            }
            TimeSpan? duration = null;
            if (rule.JobMinMs is { } min)
            {
                var max = rule.JobMaxMs ?? min;
                duration = TimeSpan.FromMilliseconds(min + Draw() * (max - min));
            }
            return new JobFault(outcome, TimeSpan.FromMilliseconds(rule.LateOutputMs), duration);
        }

        /// <summary>Counts the fault of a job that was started (not of a Start refused after the decision).</summary>
        internal void Started(JobFault fault)
        {
            if (fault.Outcome == JobOutcome.Failed) _counters.JobFailed();
            else if (fault.LateOutput > TimeSpan.Zero) _counters.JobLateOutput();
            if (fault.Outcome == JobOutcome.Partial) _counters.JobPartial();
        }

        private double Draw()
        {
            lock (_gate) return _random.NextDouble();
        }
    }

    /// <summary>What the router does with one request: answer <see cref="Reply"/> instead, or dispatch it and cut the answer off.</summary>
    internal sealed record FaultDecision(HttpReply? Reply, bool CutOffAnswer)
    {
        public static FaultDecision None { get; } = new(null, false);
    }
}
