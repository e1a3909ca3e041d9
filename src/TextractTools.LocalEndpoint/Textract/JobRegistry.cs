using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// The jobs of the endpoint and the ClientRequestTokens already used, both kept for the service's retention of
    /// 7 days. A token belongs to one Start operation: the same token on the other Start operation is a new request.
    /// </summary>
    internal sealed class JobRegistry
    {
        public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

        private readonly ConcurrentDictionary<string, TextractJob> _jobs = new(StringComparer.Ordinal);
        private readonly Dictionary<(JobKind, string), TextractJob> _tokens = new();
        private readonly object _tokenGate = new();

        /// <summary>A job id like the service's: 64 lowercase hex characters.</summary>
        public static string NewJobId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();

        /// <summary>
        /// The job an earlier request with the same token started (null when the token is new or expired).
        /// Throws IdempotentParameterMismatchException when that request had other parameters.
        /// </summary>
        public TextractJob? FindByToken(StartRequest request, DateTimeOffset now)
        {
            if (request.ClientRequestToken is null) return null;
            lock (_tokenGate)
            {
                if (!_tokens.TryGetValue((request.Kind, request.ClientRequestToken), out var earlier)) return null;
                if (now - earlier.StartedAt > Retention)
                {
                    _tokens.Remove((request.Kind, request.ClientRequestToken));
                    return null;
                }
                if (earlier.Request.Fingerprint != request.Fingerprint) throw TextractException.IdempotentParameterMismatch();
                return earlier;
            }
        }

        /// <summary>
        /// Records a new job. When a concurrent request with the same token registered first, returns that job
        /// instead (or throws the mismatch), so one token never yields two job ids.
        /// </summary>
        public TextractJob Register(TextractJob job, DateTimeOffset now)
        {
            var token = job.Request.ClientRequestToken;
            if (token is not null)
            {
                lock (_tokenGate)
                {
                    if (FindByToken(job.Request, now) is { } winner) return winner;
                    _tokens[(job.Kind, token)] = job;
                }
            }
            _jobs[job.JobId] = job;
            return job;
        }

        /// <summary>Every job still held (for shutting down their timers).</summary>
        public IReadOnlyList<TextractJob> Snapshot() => new List<TextractJob>(_jobs.Values);

        /// <summary>Drops the job as if its retention had passed; false when unknown.</summary>
        public bool Forget(string jobId) => _jobs.TryRemove(jobId, out _);

        /// <summary>The job, or null when unknown or past retention.</summary>
        public TextractJob? Find(string jobId, DateTimeOffset now)
        {
            if (!_jobs.TryGetValue(jobId, out var job)) return null;
            if (now - job.StartedAt <= Retention) return job;
            _jobs.TryRemove(jobId, out _);
            return null;
        }
    }
}
