using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace TextractTools.Engine.Completion
{
    /// <summary>
    /// Lists of names fetched from a remote service, cached per key (endpoint + identity) for a while, for tab
    /// completion: a caller never waits longer than it says. A fetch still running when the wait is over goes on in
    /// the background and fills the cache for the next call; meanwhile the caller gets the last known list (or
    /// nothing). One fetch at a time per key; a failed fetch is retried only after a short pause.
    /// Thread-safe; never throws from <see cref="Get"/>.
    /// </summary>
    public sealed class TimeBoundCache
    {
        private const int MaxKeys = 32;

        private readonly object gate = new object();
        private readonly Dictionary<string, Entry> entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        private readonly TimeSpan timeToLive;
        private readonly TimeSpan retryAfterFailure;
        private readonly Func<DateTime> clock;

        public TimeBoundCache(TimeSpan timeToLive, TimeSpan retryAfterFailure, Func<DateTime>? clock = null)
        {
            this.timeToLive = timeToLive;
            this.retryAfterFailure = retryAfterFailure;
            this.clock = clock ?? (() => DateTime.UtcNow);
        }

        /// <summary>
        /// The fresh list for <paramref name="key"/>, fetching it first when needed and waiting for the fetch until
        /// <paramref name="maxWait"/> after it started; else the stale list, or an empty one.
        /// </summary>
        public IReadOnlyList<string> Get(string key, Func<Task<IReadOnlyList<string>>> fetch, TimeSpan maxWait)
        {
            Task<IReadOnlyList<string>>? pending;
            IReadOnlyList<string> known;
            lock (gate)
            {
                entries.TryGetValue(key, out var entry);
                if (entry is null)
                {
                    entry = new Entry();
                    entries[key] = entry;
                    EvictOldest();
                }

                known = entry.Values;
                if (entry.Fetch is null && !IsFresh(entry))
                {
                    entry.FetchWatch = Stopwatch.StartNew();
                    entry.Fetch = Start(entry, fetch);
                }

                pending = entry.Fetch;
                // A fetch gets one wait of maxWait in all: a Tab pressed again while a slow fetch runs answers at once.
                if (pending != null) maxWait -= entry.FetchWatch.Elapsed;
            }

            if (pending is null) return known;
            try
            {
                if (pending.Wait(maxWait > TimeSpan.Zero ? maxWait : TimeSpan.Zero) && pending.Status == TaskStatus.RanToCompletion) return pending.Result;
            }
            catch (AggregateException)
            {
                // The failure is recorded in the cache; the caller gets what was known.
            }

            return known;
        }

        /// <summary>Forgets everything (for tests and for a user who wants a fresh list at once).</summary>
        public void Clear()
        {
            lock (gate) entries.Clear();
        }

        private Task<IReadOnlyList<string>> Start(Entry entry, Func<Task<IReadOnlyList<string>>> fetch)
        {
            // Task.Run: the fetch's synchronous start (credential resolution may read files or probe instance
            // metadata) must not run on the caller's thread either. The outcome is recorded before the task
            // completes, so whoever sees it complete sees the cache updated.
            return Task.Run(async () =>
            {
                try
                {
                    var names = await fetch().ConfigureAwait(false) ?? Array.Empty<string>();
                    Record(entry, names);
                    return names;
                }
                catch (Exception)
                {
                    Record(entry, null);
                    throw;
                }
            });
        }

        private void Record(Entry entry, IReadOnlyList<string>? names)
        {
            lock (gate)
            {
                entry.Fetch = null;
                entry.FetchedAt = clock();
                entry.Failed = names is null;
                if (names != null) entry.Values = names;
            }
        }

        private bool IsFresh(Entry entry)
        {
            if (entry.FetchedAt is null) return false;
            var age = clock() - entry.FetchedAt.Value;
            return age < (entry.Failed ? retryAfterFailure : timeToLive);
        }

        private void EvictOldest()
        {
            if (entries.Count <= MaxKeys) return;
            var oldest = entries.Where(e => e.Value.Fetch is null)
                .OrderBy(e => e.Value.FetchedAt ?? DateTime.MinValue)
                .Select(e => e.Key)
                .FirstOrDefault();
            if (oldest != null) entries.Remove(oldest);
        }

        private sealed class Entry
        {
            public IReadOnlyList<string> Values { get; set; } = Array.Empty<string>();
            public DateTime? FetchedAt { get; set; }
            public bool Failed { get; set; }
            public Task<IReadOnlyList<string>>? Fetch { get; set; }

            /// <summary>Real time since the running fetch started (the clock given to the cache is for ages only).</summary>
            public Stopwatch FetchWatch { get; set; } = new Stopwatch();
        }
    }
}
