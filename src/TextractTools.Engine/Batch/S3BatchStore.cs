using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace TextractTools.Engine.Batch
{
    /// <summary>
    /// A batch's state in S3, shared by any number of hosts (-StateUri s3://bucket/prefix/), with no coordinator
    /// but S3's conditional writes:
    /// <list type="bullet">
    /// <item>{prefix}batch.json: the batch's options, created once (If-None-Match: *) by the first host; a host with
    /// other options is refused;</item>
    /// <item>{prefix}documents/{token}.json: one record per document, its latest state (<see cref="BatchRecord.Snapshot"/>)
    /// with the host that holds it (owner). Created unowned when a host discovers the document (If-None-Match: *);
    /// every change is a replace of exactly what was read (If-Match: ETag), so of two hosts only one moves a document
    /// on and the other learns that it lost it;</item>
    /// <item>{prefix}hosts/{host}.json: each running host's heartbeat, rewritten every quarter lease. A host's claims
    /// last while its heartbeat is younger than its lease; a host whose heartbeat is older (it died or stalled), or
    /// gone (it left), holds nothing, and another host takes its documents over.</item>
    /// </list>
    /// The age of a heartbeat is judged on S3's clock, never on another machine's: S3 stamps every write
    /// (LastModified), and this host learns how S3's clock stands against its own steady clock from its own heartbeat
    /// (<see cref="S3ClockEstimate"/>), so hosts whose clocks differ by hours still agree on when a lease ends.
    /// Nothing here is needed for "one job per document": a host that resumes another's document starts it with the
    /// same ClientRequestToken and gets the same job back. Leases keep hosts from doing the same work twice.
    /// </summary>
    public sealed class S3BatchStore : BatchStore
    {
        internal const string BatchKey = "batch.json";
        internal const string DocumentsFolder = "documents/";
        internal const string HostsFolder = "hosts/";
        private const int ParallelReads = 8;
        private static readonly TimeSpan StampResolution = TimeSpan.FromSeconds(1);

        private readonly IBatchStateObjects _objects;
        private readonly BatchHostRecord? _host;
        private readonly Func<DateTimeOffset> _now;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;
        private readonly S3ClockEstimate _s3Clock = new S3ClockEstimate();
        private readonly object _gate = new object();
        private readonly BatchState _state = new BatchState();
        private readonly Dictionary<string, string> _etags = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _readAt = new Dictionary<string, long>(StringComparer.Ordinal);
        private readonly Dictionary<string, HostView> _hosts = new Dictionary<string, HostView>(StringComparer.Ordinal);
        private long _sequence;
        private long _hostsListedAt = -1;
        private CancellationTokenSource? _heartbeat;
        private Task? _heartbeatLoop;

        /// <param name="objects">Where the state is.</param>
        /// <param name="host">This host (null: a reader that never writes, such as Get-TextractBatchStatus).</param>
        /// <param name="now">This host's steady clock (a fake in tests).</param>
        internal S3BatchStore(IBatchStateObjects objects, BatchHostRecord? host, Func<DateTimeOffset>? now = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
        {
            _objects = objects;
            _host = host;
            _now = now ?? (() => MonotonicClock.UtcNow);
            _delay = delay ?? ((d, ct) => Task.Delay(d, ct));
        }

        public override string Location => _objects.Prefix.ToString();

        public override BatchState State => _state;

        /// <summary>This host's id in the batch's records (null for a reader).</summary>
        public string? HostId => _host?.HostId;

        /// <summary>How long this host's claims last without a heartbeat.</summary>
        public TimeSpan Lease => _host?.Lease ?? TimeSpan.Zero;

        internal override string ParameterName => "StateUri";

        internal override string Description => "the shared state " + Location;

        /// <summary>Heard of a heartbeat that could not be written (the run goes on; its claims may lapse).</summary>
        public Action<string>? Warning { get; set; }

        internal override TimeSpan? RefreshInterval => _host is null ? (TimeSpan?)null : Quarter(_host.Lease);

        private string HostKey(string hostId) => _objects.Prefix.Key + HostsFolder + hostId + ".json";

        private string DocumentKey(string token) => _objects.Prefix.Key + DocumentsFolder + token + ".json";

        private BatchHostRecord Me => _host ?? throw new InvalidOperationException("A reader of a shared batch does not write to it.");

        internal override async Task BeginAsync(string options, CancellationToken cancellationToken)
        {
            var key = _objects.Prefix.Key + BatchKey;
            var existing = await _objects.GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                var body = new BatchRecord { Type = BatchRecordType.Batch, Options = options, Host = Me.HostId, At = _now() }.ToJsonLine();
                var written = await WriteAsync(key, body, WriteCondition.Absent, cancellationToken).ConfigureAwait(false);
                existing = written.Refused;
            }
            if (existing != null)
            {
                var batchOptions = ReadBatchRecord(existing).Options!;
                if (!string.Equals(batchOptions, options, StringComparison.Ordinal)) throw OptionsMismatch(batchOptions, options);
            }
            lock (_gate) _state.SetOptions(options);

            // The heartbeat is written before any claim: a host that reads a claim of ours finds it when it lists the hosts.
            await BeatAsync(cancellationToken).ConfigureAwait(false);
            _heartbeat = new CancellationTokenSource();
            _heartbeatLoop = HeartbeatLoopAsync(_heartbeat.Token);
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        internal override async Task AddAsync(IReadOnlyList<BatchRecord> discovered, CancellationToken cancellationToken)
        {
            await ForEachAsync(discovered, async record =>
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    lock (_gate)
                        if (_state.Find(record.Token) != null) return;
                    var state = new BatchDocumentState(record.Token, record.Document ?? "", record.Source)
                    {
                        Stage = BatchStage.Discovered,
                        Host = Me.HostId,
                        UpdatedAt = _now(),
                    };
                    var key = DocumentKey(record.Token);
                    var written = await WriteAsync(key, BatchRecord.Snapshot(state).ToJsonLine(), WriteCondition.Absent, cancellationToken).ConfigureAwait(false);
                    if (written.ETag != null)
                    {
                        Accept(state, written.ETag);
                        return;
                    }
                    // Another host discovered it first: take its record (read again if it vanished in between).
                    if (written.Refused != null)
                    {
                        Accept(written.Refused);
                        return;
                    }
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        internal override Task<bool> ClaimAsync(BatchDocumentState document, CancellationToken cancellationToken)
        {
            if (IsHeldByOther(document)) return Task.FromResult(false);
            if (document.Owner == Me.HostId) return Task.FromResult(true);
            var next = document.Clone();
            next.Owner = Me.HostId;
            next.Host = Me.HostId;
            next.UpdatedAt = _now();
            return ReplaceAsync(document, next, cancellationToken);
        }

        internal override Task<bool> RecordAsync(BatchRecord record, CancellationToken cancellationToken)
        {
            BatchDocumentState? document;
            lock (_gate) document = _state.Find(record.Token);
            // Only what this host holds is moved on by it: a record another host holds is not ours to write, even if its ETag would match.
            if (document is null || document.Owner != Me.HostId) return Task.FromResult(false);
            var next = document.Clone();
            next.Apply(record);
            next.Owner = next.IsSettled ? null : Me.HostId;
            next.Host = Me.HostId;
            next.UpdatedAt = record.At;
            return ReplaceAsync(document, next, cancellationToken);
        }

        internal override async Task ReleaseAsync(BatchDocumentState document, CancellationToken cancellationToken)
        {
            if (document.Owner != Me.HostId) return;
            var next = document.Clone();
            next.Owner = null;
            next.Host = Me.HostId;
            next.UpdatedAt = _now();
            await ReplaceAsync(document, next, cancellationToken).ConfigureAwait(false);
        }

        internal override bool IsHeldByThisHost(BatchDocumentState document) => _host != null && document.Owner == _host.HostId;

        internal override string? HostIdOrNull => _host?.HostId;

        internal override bool IsHeldByOther(BatchDocumentState document)
        {
            lock (_gate)
            {
                if (document.Owner is null || document.Owner == _host?.HostId) return false;
                if (_hosts.TryGetValue(document.Owner, out var owner)) return !IsExpired(owner);
                // No heartbeat: its host left (or its heartbeat expired and was removed). Unless the record was read
                // after the hosts were listed: then its host may be new, and the next refresh tells.
                return _readAt.TryGetValue(document.Token, out var readAt) && readAt > _hostsListedAt;
            }
        }

        /// <summary>
        /// Reads the records that changed since the last refresh (a listing tells which: their ETags moved), then the
        /// hosts' heartbeats. The hosts come second: a host named as owner by a record read here wrote its heartbeat
        /// before it claimed, so the listing that follows shows it.
        /// </summary>
        internal override async Task RefreshAsync(CancellationToken cancellationToken)
        {
            var documents = await _objects.ListAsync(_objects.Prefix.Key + DocumentsFolder, cancellationToken).ConfigureAwait(false);
            List<ListedStateObject> changed;
            lock (_gate) changed = documents.Where(o => !_etags.TryGetValue(TokenOf(o.Key), out var known) || !SameETag(known, o.ETag)).ToList();
            await ForEachAsync(changed, async listed =>
            {
                var read = await _objects.GetAsync(listed.Key, cancellationToken).ConfigureAwait(false);
                if (read != null) Accept(read);
            }, cancellationToken).ConfigureAwait(false);

            lock (_gate) _hostsListedAt = ++_sequence;
            var hosts = await _objects.ListAsync(_objects.Prefix.Key + HostsFolder, cancellationToken).ConfigureAwait(false);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var listed in hosts)
            {
                var hostId = NameOf(listed.Key);
                seen.Add(hostId);
                if (hostId == _host?.HostId) _s3Clock.Listed(listed.ETag, listed.LastModified);
                HostView? known;
                lock (_gate) _hosts.TryGetValue(hostId, out known);
                if (known != null && SameETag(known.ETag, listed.ETag))
                {
                    known.LastModified = listed.LastModified;
                    continue;
                }
                var read = await _objects.GetAsync(listed.Key, cancellationToken).ConfigureAwait(false);
                if (read is null) continue;
                BatchHostRecord record;
                try
                {
                    record = BatchHostRecord.Parse(read.Body);
                }
                catch (Exception e) when (e is JsonException || e is FormatException)
                {
                    throw new BatchJournalException($"{Uri(read.Key)} is not a host record of a batch ({e.Message}). Remove it, or give this batch another -StateUri.", e);
                }
                lock (_gate) _hosts[hostId] = new HostView(record, read.ETag, read.LastModified);
                seen.Add(hostId);
            }
            List<HostView> dead;
            lock (_gate)
            {
                foreach (var gone in _hosts.Keys.Where(h => !seen.Contains(h)).ToList()) _hosts.Remove(gone);
                dead = _host is null ? new List<HostView>() : _hosts.Values.Where(h => IsExpired(h) && !_state.Documents.Any(d => d.Owner == h.Record.HostId)).ToList();
            }
            // A dead host's heartbeat that holds nothing any more is only clutter: whoever sees it removes it (a host
            // that was merely stalled writes it again at its next beat).
            foreach (var host in dead)
            {
                await _objects.DeleteAsync(HostKey(host.Record.HostId), cancellationToken).ConfigureAwait(false);
                lock (_gate) _hosts.Remove(host.Record.HostId);
            }
        }

        /// <summary>Stops the heartbeat and removes it: what this host still holds is free for others at once.</summary>
        internal override async Task LeaveAsync(CancellationToken cancellationToken)
        {
            if (_host is null) return;
            await StopHeartbeatAsync().ConfigureAwait(false);
            await _objects.DeleteAsync(HostKey(_host.HostId), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The hosts whose heartbeats the last refresh read, each with its heartbeat's S3 time and whether it expired.</summary>
        internal IReadOnlyList<TextractBatchHost> Hosts(DateTimeOffset? clockForReaders = null)
        {
            lock (_gate)
            {
                return _hosts.Values.OrderBy(h => h.Record.Started).ThenBy(h => h.Record.HostId, StringComparer.Ordinal).Select(h => new TextractBatchHost
                {
                    HostId = h.Record.HostId,
                    Machine = h.Record.Machine,
                    ProcessId = h.Record.ProcessId,
                    Started = h.Record.Started,
                    LastHeartbeat = h.LastModified,
                    LeaseSec = h.Record.Lease.TotalSeconds,
                    Expired = IsExpired(h, clockForReaders),
                    Held = _state.Count(d => d.Owner == h.Record.HostId),
                }).ToList();
            }
        }

        /// <summary>
        /// True when the host's heartbeat is older than its lease on S3's clock, as far as this host can know S3's
        /// clock; before that is known, never. A reader (no heartbeat of its own) gives its own clock instead.
        /// </summary>
        private bool IsExpired(HostView host, DateTimeOffset? readerClock = null)
        {
            var s3Now = readerClock ?? _s3Clock.EarliestNow(_now());
            return s3Now.HasValue && s3Now.Value > host.LastModified + StampResolution + host.Record.Lease;
        }

        /// <summary>True when the document's owner has no live heartbeat (judged as <see cref="IsExpired"/> does).</summary>
        internal bool IsOwnerGone(BatchDocumentState document, DateTimeOffset? clockForReaders = null)
        {
            lock (_gate)
            {
                if (document.Owner is null) return false;
                return !_hosts.TryGetValue(document.Owner, out var owner) || IsExpired(owner, clockForReaders);
            }
        }

        public override void Dispose()
        {
            _heartbeat?.Cancel();
            _heartbeat?.Dispose();
            _heartbeat = null;
        }

        /// <summary>Writes this host's heartbeat, and notes when S3 answered, to learn S3's clock when a listing shows it.</summary>
        internal async Task BeatAsync(CancellationToken cancellationToken)
        {
            var me = Me;
            me.Beat++;
            var etag = await _objects.PutAsync(HostKey(me.HostId), me.ToJson(), WriteCondition.None, cancellationToken).ConfigureAwait(false);
            if (etag != null) _s3Clock.Wrote(etag, _now());
        }

        private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
        {
            var interval = Quarter(Me.Lease);
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await _delay(interval, cancellationToken).ConfigureAwait(false);
                    await BeatAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    // The next beat may get through; if none does within the lease, other hosts take over and this
                    // host's conditional writes tell it which documents it lost.
                    Warning?.Invoke($"The heartbeat of {Me.HostId} in {Location} could not be written ({e.Message}); trying again in {interval.TotalSeconds:0.#} s.");
                }
            }
        }

        private async Task StopHeartbeatAsync()
        {
            var loop = _heartbeatLoop;
            _heartbeat?.Cancel();
            if (loop != null) await loop.ConfigureAwait(false);
            _heartbeatLoop = null;
        }

        /// <summary>Replaces a document's record with <paramref name="next"/> if it is still what was read; else takes what is there.</summary>
        private async Task<bool> ReplaceAsync(BatchDocumentState current, BatchDocumentState next, CancellationToken cancellationToken)
        {
            string? etag;
            lock (_gate) _etags.TryGetValue(current.Token, out etag);
            if (etag is null) return false;
            var written = await WriteAsync(DocumentKey(current.Token), BatchRecord.Snapshot(next).ToJsonLine(), WriteCondition.Match(etag), cancellationToken).ConfigureAwait(false);
            if (written.ETag != null)
            {
                Accept(next, written.ETag);
                return true;
            }
            if (written.Refused != null) Accept(written.Refused);
            return false;
        }

        /// <summary>
        /// A conditional write, and when S3 refuses it, what is there instead. A refusal that shows our own bytes is
        /// our write: its answer was lost and the SDK sent it again, which the first one's success made fail.
        /// </summary>
        private async Task<(string? ETag, StateObject? Refused)> WriteAsync(string key, byte[] body, WriteCondition condition, CancellationToken cancellationToken)
        {
            var etag = await _objects.PutAsync(key, body, condition, cancellationToken).ConfigureAwait(false);
            if (etag != null) return (etag, null);
            var current = await _objects.GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (current != null && current.Body.AsSpan().SequenceEqual(body)) return (current.ETag, null);
            return (null, current);
        }

        private void Accept(StateObject read)
        {
            BatchDocumentState state;
            try
            {
                var record = BatchRecord.Parse(Encoding.UTF8.GetString(read.Body).Trim());
                state = record.ToDocumentState();
            }
            catch (Exception e) when (e is JsonException || e is FormatException || e is ArgumentException)
            {
                throw new BatchJournalException($"{Uri(read.Key)} is not a document record of a batch ({e.Message}). Remove it (its document is then discovered anew), or give this batch another -StateUri.", e);
            }
            Accept(state, read.ETag);
        }

        private void Accept(BatchDocumentState state, string etag)
        {
            lock (_gate)
            {
                _state.Put(state);
                _etags[state.Token] = etag;
                _readAt[state.Token] = ++_sequence;
            }
        }

        private BatchRecord ReadBatchRecord(StateObject read)
        {
            try
            {
                var record = BatchRecord.Parse(Encoding.UTF8.GetString(read.Body).Trim());
                if (record.Type == BatchRecordType.Batch && record.Options != null) return record;
                throw new FormatException("it holds no batch options");
            }
            catch (Exception e) when (e is JsonException || e is FormatException || e is ArgumentException)
            {
                throw new BatchJournalException($"{Uri(read.Key)} is not a batch record ({e.Message}); it is not the state of a batch. Give this batch another -StateUri.", e);
            }
        }

        /// <summary>Reads the batch's options record, if the batch has begun (a reader's view).</summary>
        internal async Task<string?> ReadOptionsAsync(CancellationToken cancellationToken)
        {
            var existing = await _objects.GetAsync(_objects.Prefix.Key + BatchKey, cancellationToken).ConfigureAwait(false);
            if (existing is null) return null;
            var options = ReadBatchRecord(existing).Options!;
            lock (_gate) _state.SetOptions(options);
            return options;
        }

        private string Uri(string key) => S3Location.Of(_objects.Prefix.Bucket, key).ToString();

        private static string NameOf(string key)
        {
            var name = key.Substring(key.LastIndexOf('/') + 1);
            return name.EndsWith(".json", StringComparison.Ordinal) ? name.Substring(0, name.Length - 5) : name;
        }

        private static string TokenOf(string key) => NameOf(key);

        /// <summary>ETags compared as S3 means them: a PUT's answer and a listing may differ only in the quotes around them.</summary>
        internal static bool SameETag(string a, string b) => string.Equals(a.Trim('"'), b.Trim('"'), StringComparison.Ordinal);

        private static TimeSpan Quarter(TimeSpan lease) => TimeSpan.FromTicks(lease.Ticks / 4);

        /// <summary>Runs <paramref name="action"/> on every item, a few at a time (S3 answers each call in tens of milliseconds).</summary>
        private static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> action, CancellationToken cancellationToken)
        {
            var queue = new System.Collections.Concurrent.ConcurrentQueue<T>(items);
            return Task.WhenAll(Enumerable.Range(0, Math.Min(ParallelReads, queue.Count)).Select(async _ =>
            {
                while (queue.TryDequeue(out var item))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await action(item).ConfigureAwait(false);
                }
            }));
        }

        private sealed class HostView
        {
            public HostView(BatchHostRecord record, string etag, DateTimeOffset lastModified)
            {
                Record = record;
                ETag = etag;
                LastModified = lastModified;
            }

            public BatchHostRecord Record { get; }
            public string ETag { get; }
            public DateTimeOffset LastModified { get; set; }
        }
    }
}
