using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace TextractTools.LocalEndpoint.Faults
{
    /// <summary>What one operation received and what was done to it, as counted so far (a snapshot).</summary>
    public sealed record OperationStatistics(string Operation, long Calls, long Throttled, long RateLimited, long ServerErrors, long Dropped, long Delayed)
    {
        /// <summary>Calls answered with an error or cut off by a fault (the ones a client has to retry).</summary>
        public long Faulted => Throttled + RateLimited + ServerErrors + Dropped;
    }

    /// <summary>Counts of every operation (with or without faults) and of the job outcomes faults decided.</summary>
    public sealed record FaultStatistics(IReadOnlyDictionary<string, OperationStatistics> Operations, long JobsFailed, long JobsPartial, long JobsLateOutput)
    {
        /// <summary>The statistics of one operation ("Textract.GetDocumentAnalysis"); zeros when it was never called.</summary>
        public OperationStatistics this[string operation] =>
            Operations.TryGetValue(operation, out var found) ? found : new OperationStatistics(operation, 0, 0, 0, 0, 0, 0);

        public long TotalCalls => Operations.Values.Sum(o => o.Calls);
        public long TotalFaulted => Operations.Values.Sum(o => o.Faulted);
    }

    /// <summary>The live counters behind <see cref="FaultStatistics"/>; thread-safe, lock-free.</summary>
    internal sealed class FaultCounters
    {
        private readonly ConcurrentDictionary<string, Counter> _operations = new();
        private long _jobsFailed, _jobsPartial, _jobsLateOutput;

        public Counter For(string operation) => _operations.GetOrAdd(operation, _ => new Counter());

        public void JobFailed() => Interlocked.Increment(ref _jobsFailed);
        public void JobPartial() => Interlocked.Increment(ref _jobsPartial);
        public void JobLateOutput() => Interlocked.Increment(ref _jobsLateOutput);

        public void Reset()
        {
            _operations.Clear();
            Interlocked.Exchange(ref _jobsFailed, 0);
            Interlocked.Exchange(ref _jobsPartial, 0);
            Interlocked.Exchange(ref _jobsLateOutput, 0);
        }

        public FaultStatistics Snapshot() => new(
            _operations.ToDictionary(p => p.Key, p => p.Value.Snapshot(p.Key)),
            Interlocked.Read(ref _jobsFailed), Interlocked.Read(ref _jobsPartial), Interlocked.Read(ref _jobsLateOutput));

        internal sealed class Counter
        {
            public long Calls, Throttled, RateLimited, ServerErrors, Dropped, Delayed;

            public OperationStatistics Snapshot(string operation) => new(operation,
                Interlocked.Read(ref Calls), Interlocked.Read(ref Throttled), Interlocked.Read(ref RateLimited),
                Interlocked.Read(ref ServerErrors), Interlocked.Read(ref Dropped), Interlocked.Read(ref Delayed));
        }
    }
}
