using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3;
using TextractTools.Engine.Api;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Output;
using TextractTools.Engine.Session;

namespace TextractTools.Engine.Batch
{
    /// <summary>
    /// Runs a batch to the end, or as far as it gets, so that the next run can go on from there. Every step is
    /// recorded in the batch's state (<see cref="BatchStore"/>) before the step after it relies on it:
    /// <list type="bullet">
    /// <item>Discovered (with the ClientRequestToken) before the upload and the Start: a rerun starts it again with
    /// the same token, and Textract answers with the job it already started, if any, instead of a second one;</item>
    /// <item>Started (with the JobId) before waiting: a rerun waits for that job;</item>
    /// <item>Finished before delivering: a rerun delivers it;</item>
    /// <item>Delivered after the output folder is in place: a rerun skips it.</item>
    /// </list>
    /// A document is claimed before it is worked; this host holds at most <see cref="BatchOptions.ThrottleLimit"/>
    /// documents at once (so at most that many of its jobs run), and other hosts of a shared batch take the rest.
    /// In a local journal every claim succeeds. In a shared batch a claim or a step that another host got to first is
    /// refused, and this host leaves that document alone; the run lasts until every document of the batch is done
    /// (waiting for what other hosts hold, and taking over what hosts that died held), or the timeout.
    /// A Start refused with LimitExceededException (the account's concurrent-job quota) holds new starts until a
    /// running job ends, and the batch goes on.
    /// </summary>
    public sealed class BatchRunner
    {
        // A throttled or failing Start (other than the job limit, which holds until a job ends) is tried this often.
        private const int MaxStartAttempts = 6;
        private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(5);

        private readonly ITextractApi _textract;
        private readonly IAmazonS3 _s3;
        private readonly BatchStore _store;
        private readonly BatchOptions _options;
        private readonly OutputDelivery _delivery;
        private readonly JobWaiter _waiter;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;
        private readonly Func<DateTimeOffset> _now;

        // Documents with work left that this host does not hold, in the order it would take them.
        private List<Work> _pending = new List<Work>();
        private readonly Queue<Work> _toStart = new Queue<Work>();
        private readonly List<Work> _running = new List<Work>();
        private readonly Queue<Work> _toDeliver = new Queue<Work>();
        private readonly Dictionary<string, Work> _work = new Dictionary<string, Work>(StringComparer.Ordinal);
        // Documents this host leaves alone for the rest of the run (given back after a failure, or failed to start).
        private readonly HashSet<string> _settled = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<BatchDocumentState> _leftForNextRun = new List<BatchDocumentState>();
        private HashSet<string> _retryFailedToStart = new HashSet<string>(StringComparer.Ordinal);
        private DateTimeOffset _nextRefreshAt = DateTimeOffset.MaxValue;
        private DateTimeOffset _startNotBefore = DateTimeOffset.MinValue;
        private int _startRetries;
        private bool _held;

        internal BatchRunner(ITextractApi textract, IAmazonS3 s3, BatchStore store, BatchOptions options,
            Func<TimeSpan, CancellationToken, Task>? delay = null, Func<DateTimeOffset>? now = null)
        {
            if (options.ThrottleLimit < 1) throw new ArgumentOutOfRangeException(nameof(options), "ThrottleLimit must be at least 1.");
            _textract = textract;
            _s3 = s3;
            _store = store;
            _options = options;
            _delivery = new OutputDelivery(new JobOutputReader(textract, s3), options);
            _waiter = new JobWaiter(_ => textract, options.PollSchedule);
            _delay = delay ?? ((d, ct) => Task.Delay(d, ct));
            _now = now ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>A document was delivered or failed in this run; the exception says why it failed (null when delivered).</summary>
        public Action<TextractBatchItem, Exception?>? ItemCompleted { get; set; }

        /// <summary>Work left for a later run (a job that cannot be polled, output that cannot be read now).</summary>
        public Action<BatchDocumentState, Exception>? ItemDeferred { get; set; }

        public Action<BatchProgress>? ProgressChanged { get; set; }
        public Action<string>? Verbose { get; set; }

        /// <summary>The batch's state, as it stands.</summary>
        public BatchState State => _store.State;

        private int Holding => _toStart.Count + _running.Count + _toDeliver.Count;

        /// <summary>
        /// Begins the batch or checks this run's options against it (a batch begun with other options is refused with
        /// BatchJournalException before any AWS work), adds the documents it does not know yet, then works everything
        /// unfinished in it (these documents and those of earlier runs, or of other hosts) until all is delivered, the
        /// timeout passes, or <paramref name="cancellationToken"/> is cancelled (which throws, leaving the state resumable).
        /// </summary>
        public async Task<BatchRunResult> RunAsync(IReadOnlyList<BatchDocument> documents, CancellationToken cancellationToken)
        {
            try
            {
                await _store.BeginAsync(_options.Describe(), cancellationToken).ConfigureAwait(false);
                return await RunBegunAsync(documents, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await LeaveAsync().ConfigureAwait(false);
            }
        }

        private async Task<BatchRunResult> RunBegunAsync(IReadOnlyList<BatchDocument> given, CancellationToken cancellationToken)
        {
            // Documents with the same content are one Textract job (one paid job); the other names are its aliases and
            // get folders of their own from it. The state (begun above) says which name an earlier run started.
            var documents = BatchDocument.CombineIdenticalContent(given, State, _options);
            foreach (var document in documents)
                foreach (var alias in document.Aliases)
                    Verbose?.Invoke($"{alias.DisplayName} has the same content as {document.DisplayName}: one Textract job for both, a folder for each.");
            var deadline = _options.Timeout.HasValue ? _now() + _options.Timeout.Value : DateTimeOffset.MaxValue;
            // What failed to start before this run is tried once more; what fails during it waits for the next run.
            _retryFailedToStart = new HashSet<string>(State.Documents.Where(d => d.FailedToStart).Select(d => d.Token), StringComparer.Ordinal);
            await DiscoverAsync(documents, cancellationToken).ConfigureAwait(false);
            ScheduleRefresh();
            Report(null);

            var timedOut = false;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var now = _now();
                if (now >= deadline)
                {
                    timedOut = true;
                    break;
                }
                if (now >= _nextRefreshAt)
                {
                    await RefreshAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (_toDeliver.Count > 0)
                {
                    await DeliverAsync(_toDeliver.Dequeue(), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (Holding < _options.ThrottleLimit && NextToClaim() is { } candidate)
                {
                    await ClaimAsync(candidate, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                var mayStart = _toStart.Count > 0 && _running.Count < _options.ThrottleLimit;
                if (mayStart && now >= _startNotBefore)
                {
                    await StartAsync(_toStart.Peek(), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                // Done when this host holds nothing and nothing is left that it could take, now or once another host leaves.
                if (Holding == 0 && !_pending.Any(IsOpen)) break;

                var wakeAt = deadline;
                var next = _running.OrderBy(w => w.DueAt).FirstOrDefault();
                if (next != null && next.DueAt < wakeAt) wakeAt = next.DueAt;
                if (mayStart && _startNotBefore < wakeAt) wakeAt = _startNotBefore;
                if (_nextRefreshAt < wakeAt) wakeAt = _nextRefreshAt;
                if (wakeAt > now)
                {
                    if (wakeAt == DateTimeOffset.MaxValue) break;
                    await _delay(wakeAt - now, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (next != null && next.DueAt <= now) await PollAsync(next, cancellationToken).ConfigureAwait(false);
            }

            _leftForNextRun.AddRange(_toStart.Concat(_running).Concat(_toDeliver)
                .Concat(_pending.Where(w => IsOpen(w) && !_store.IsHeldByOther(w.State))).Select(w => w.State));
            // Names whose content an earlier run (or another host on this machine) delivered under another name get their folders now.
            foreach (var item in OutputDelivery.DeliverMissingAliases(documents, State, _options)) ItemCompleted?.Invoke(item, null);
            Report(null);
            return new BatchRunResult(_leftForNextRun.Distinct().ToList(), _waiter.PollCount, timedOut);
        }

        /// <summary>True while the document has work left that this host may still do in this run.</summary>
        private bool IsOpen(Work work) => !_settled.Contains(work.State.Token) && NeedsWork(work.State);

        private bool NeedsWork(BatchDocumentState state) =>
            !state.IsDone && (!state.FailedToStart || _retryFailedToStart.Contains(state.Token));

        private async Task DiscoverAsync(IReadOnlyList<BatchDocument> documents, CancellationToken cancellationToken)
        {
            var given = new List<(BatchDocument Document, StartJobRequest Request)>();
            var added = new List<BatchRecord>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var document in documents)
            {
                StartJobRequest request;
                try
                {
                    request = JobTemplate.Request(_options, document.Location, null, document.ETag);
                }
                catch (ArgumentException e)
                {
                    // Not recorded: no run can start it as it stands.
                    ItemCompleted?.Invoke(Item(document, null, BatchStatus.FailedToStart, e.Message), e);
                    continue;
                }
                var token = request.ClientRequestToken!;
                if (!seen.Add(token)) continue;
                if (State.Find(token) is null) added.Add(new BatchRecord { Type = BatchRecordType.Discovered, Token = token, Document = document.Uri, Source = document.LocalPath });
                given.Add((document, request));
            }
            await _store.AddAsync(added, cancellationToken).ConfigureAwait(false);

            foreach (var (document, request) in given)
            {
                var state = State.Find(request.ClientRequestToken!);
                if (state is null)
                {
                    // A shared store that could not create the record: another host's next refresh, or the next run, adds it.
                    ItemDeferred?.Invoke(new BatchDocumentState(request.ClientRequestToken!, document.Uri, document.LocalPath),
                        new IOException($"{document} could not be added to {_store.Description}; the next run adds it."));
                    continue;
                }
                if (NeedsWork(state)) Track(new Work(state, document, request));
            }
            // What earlier runs (or other hosts) left unfinished is worked whether or not this run was given it: none forgotten.
            TrackStateDocuments();
            Verbose?.Invoke($"Batch: {_pending.Count(IsOpen)} document(s) with work left, {State.Count(s => s.IsDone)} done already, in {_store.Description}.");
        }

        /// <summary>Tracks the documents of the state that need work and have none yet (earlier runs', other hosts').</summary>
        private void TrackStateDocuments()
        {
            var added = false;
            foreach (var state in State.Documents)
            {
                if (_work.ContainsKey(state.Token) || _settled.Contains(state.Token) || !NeedsWork(state)) continue;
                try
                {
                    var document = BatchDocument.FromJournal(state);
                    Track(new Work(state, document, JobTemplate.Request(_options, document.Location, state.Token)));
                    added = true;
                }
                catch (ArgumentException e)
                {
                    _settled.Add(state.Token);
                    ItemDeferred?.Invoke(state, e);
                    _leftForNextRun.Add(state);
                }
            }
            if (added) SortPending();
        }

        private void Track(Work work)
        {
            _work[work.State.Token] = work;
            _pending.Add(work);
        }

        /// <summary>Documents furthest along first (their jobs exist already), then in the order they were found.</summary>
        private void SortPending() => _pending = _pending.OrderByDescending(w => w.State.Stage == BatchStage.Finished && !w.State.FailedToStart ? 2 : w.State.Stage == BatchStage.Started ? 1 : 0).ToList();

        private Work? NextToClaim()
        {
            foreach (var work in _pending)
                if (IsOpen(work) && !_store.IsHeldByOther(work.State)) return work;
            return null;
        }

        private async Task ClaimAsync(Work work, CancellationToken cancellationToken)
        {
            if (!await _store.ClaimAsync(work.State, cancellationToken).ConfigureAwait(false))
            {
                // Another host got there first; the store now knows its claim.
                Verbose?.Invoke($"{work.Document} is held by {work.State.Owner ?? "another host"}.");
                return;
            }
            _pending.Remove(work);
            var state = work.State;
            switch (state.Stage)
            {
                case BatchStage.Discovered:
                case BatchStage.Finished when state.FailedToStart:
                    work.StartAttempts = 0;
                    _toStart.Enqueue(work);
                    break;
                case BatchStage.Started:
                    work.Job = JobTemplate.Job(_options, work.Request, state.JobId!);
                    work.DueAt = _now();
                    work.PollAttempts = 0;
                    _running.Add(work);
                    if (state.Host != null && state.Host != _store.HostIdOrNull) Verbose?.Invoke($"Took over job {state.JobId} for {work.Document} from {state.Host}.");
                    break;
                case BatchStage.Finished:
                    work.Job = JobTemplate.Job(_options, work.Request, state.JobId!);
                    work.Job.Status = state.Status!;
                    work.Job.StatusMessage = state.Message;
                    work.Job.Pages = state.Pages;
                    _toDeliver.Enqueue(work);
                    break;
                default:
                    // Done in between by another host: nothing to give back.
                    break;
            }
        }

        /// <summary>Reads other hosts' changes: documents lost to them, new ones to take, ones they finished.</summary>
        private async Task RefreshAsync(CancellationToken cancellationToken)
        {
            await _store.RefreshAsync(cancellationToken).ConfigureAwait(false);
            ScheduleRefresh();
            foreach (var lost in _toStart.Concat(_running).Concat(_toDeliver).Where(w => !_store.IsHeldByThisHost(w.State)).ToList()) Lose(lost);
            TrackStateDocuments();
            _pending.RemoveAll(w => !IsOpen(w));
            Report(null);
        }

        private void ScheduleRefresh() => _nextRefreshAt = _store.RefreshInterval is { } interval ? _now() + interval : DateTimeOffset.MaxValue;

        /// <summary>Another host holds the document now: this host stops working it (it may take it again if that host goes).</summary>
        private void Lose(Work work)
        {
            RemoveHeld(work);
            if (IsOpen(work)) _pending.Add(work);
            Verbose?.Invoke($"{work.Document} is {(work.State.Owner is null ? "no longer held by this host" : "now held by " + work.State.Owner)}; leaving it.");
        }

        private void RemoveHeld(Work work)
        {
            _running.Remove(work);
            Remove(_toStart, work);
            Remove(_toDeliver, work);
        }

        private static void Remove(Queue<Work> queue, Work work)
        {
            if (!queue.Contains(work)) return;
            var rest = queue.Where(w => w != work).ToList();
            queue.Clear();
            foreach (var w in rest) queue.Enqueue(w);
        }

        /// <summary>Gives a document back for the rest of this run (others may take it; the next run tries again).</summary>
        private async Task GiveBackAsync(Work work, CancellationToken cancellationToken)
        {
            RemoveHeld(work);
            _settled.Add(work.State.Token);
            _leftForNextRun.Add(work.State);
            await _store.ReleaseAsync(work.State, cancellationToken).ConfigureAwait(false);
        }

        private async Task StartAsync(Work work, CancellationToken cancellationToken)
        {
            TextractJob job;
            try
            {
                await UploadIfLocalAsync(work, cancellationToken).ConfigureAwait(false);
                job = await new JobStarter(_textract, _now).StartAsync(work.Request, _options.Region, _options.EndpointUrl, cancellationToken).ConfigureAwait(false);
            }
            catch (LimitExceededException)
            {
                // The account's concurrent-job quota: wait for one of ours to end (or, if none runs, for others' to).
                _held = true;
                _startNotBefore = _now() + _options.PollSchedule.DelayBefore(Math.Min(_startRetries++, 8));
                Verbose?.Invoke($"Textract's concurrent-job limit is reached with {_running.Count} job(s) of this host running; new starts wait.");
                Report("Holding new starts (LimitExceededException)");
                return;
            }
            catch (DocumentUnavailableException e)
            {
                // Another host (or a later run) that can read the file does it.
                await GiveBackAsync(work, cancellationToken).ConfigureAwait(false);
                ItemDeferred?.Invoke(work.State, e);
                return;
            }
            catch (Exception e) when (AwsFailures.IsRetryable(e, cancellationToken) && ++work.StartAttempts < MaxStartAttempts)
            {
                _startNotBefore = _now() + _options.PollSchedule.DelayBefore(work.StartAttempts);
                Verbose?.Invoke($"Starting {work.Document} failed ({e.Message}); trying again.");
                return;
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                _toStart.Dequeue();
                _settled.Add(work.State.Token);
                await _store.RecordAsync(new BatchRecord { Type = BatchRecordType.Finished, Token = work.State.Token, Status = BatchStatus.FailedToStart, Message = e.Message }, cancellationToken).ConfigureAwait(false);
                ItemCompleted?.Invoke(Item(work.Document, null, BatchStatus.FailedToStart, e.Message), e);
                Report("Could not start " + work.Document);
                return;
            }

            _toStart.Dequeue();
            _held = false;
            _startRetries = 0;
            work.Job = job;
            if (!await _store.RecordAsync(new BatchRecord { Type = BatchRecordType.Started, Token = work.State.Token, JobId = job.JobId }, cancellationToken).ConfigureAwait(false))
            {
                // Another host took the document over meanwhile; it started it with the same token, so the same job.
                Lose(work);
                return;
            }
            work.DueAt = _now() + _options.PollSchedule.DelayBefore(0);
            work.PollAttempts = 0;
            _running.Add(work);
            Verbose?.Invoke($"Started job {job.JobId} for {work.Document}");
            Report("Started " + work.Document);
        }

        /// <summary>
        /// Uploads a local document (once per content: an object already there is not sent again). A file this host
        /// cannot read is no failure when its upload exists already (an earlier run, or another host, sent it);
        /// otherwise the document is left for a host, or a run, that can read the file.
        /// </summary>
        private async Task UploadIfLocalAsync(Work work, CancellationToken cancellationToken)
        {
            var path = work.Document.LocalPath;
            if (path is null) return;
            var uploader = new DocumentUploader(_s3);
            if (!File.Exists(path))
            {
                if (await uploader.IsUploadedAsync(work.Document.Location, null, cancellationToken).ConfigureAwait(false)) return;
                throw new DocumentUnavailableException(
                    $"{path} cannot be read here and was never uploaded to {work.Document.Uri}; it stays in the batch for a host, or a later run, that can read it.");
            }
            if (_options.UploadLocation is null)
                throw new ArgumentException($"{path} is a local document; give -UploadUri to say where to upload it.", "UploadUri");
            var (location, uploaded) = await uploader.UploadAsync(path, _options.UploadLocation, _options.Job.KmsKeyId, cancellationToken).ConfigureAwait(false);
            if (location.Key != work.Document.Location.Key)
                throw new InvalidOperationException($"{path} changed after it joined the batch as {work.Document.Uri}; give it again to process its new content as a new document.");
            if (uploaded) Verbose?.Invoke($"Uploaded {path} to {location}");
        }

        private async Task PollAsync(Work work, CancellationToken cancellationToken)
        {
            var job = work.Job!;
            try
            {
                await _waiter.PollAsync(job, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (AwsFailures.IsRetryable(e, cancellationToken))
            {
                work.DueAt = _now() + _options.PollSchedule.DelayBefore(++work.PollAttempts);
                return;
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                // The job stays Started in the state: a later run (or another host) asks again.
                await GiveBackAsync(work, cancellationToken).ConfigureAwait(false);
                ItemDeferred?.Invoke(work.State, e);
                return;
            }
            if (!job.IsFinished)
            {
                work.DueAt = _now() + _options.PollSchedule.DelayBefore(++work.PollAttempts);
                return;
            }

            _running.Remove(work);
            if (_held)
            {
                // A slot of the account's quota is free again.
                _held = false;
                _startRetries = 0;
                _startNotBefore = _now();
            }
            var message = job.StatusMessage ?? (job.Warnings.Count > 0 ? string.Join("; ", job.Warnings) : null);
            if (!await _store.RecordAsync(new BatchRecord { Type = BatchRecordType.Finished, Token = work.State.Token, JobId = job.JobId, Status = job.Status, Message = message, Pages = job.Pages }, cancellationToken).ConfigureAwait(false))
            {
                Lose(work);
                return;
            }
            if (job.Status == BatchStatus.Failed)
            {
                var failure = new InvalidOperationException($"Textract job {job.JobId} for {work.Document} FAILED: {job.StatusMessage ?? "no message from the service"}");
                ItemCompleted?.Invoke(Item(work.Document, job, job.Status, job.StatusMessage), failure);
                Report("Failed " + work.Document);
                return;
            }
            _toDeliver.Enqueue(work);
            Report("Finished " + work.Document);
        }

        private async Task DeliverAsync(Work work, CancellationToken cancellationToken)
        {
            var job = work.Job!;
            string folder;
            try
            {
                folder = await _delivery.DeliverAsync(work.Document, job, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                // Stays Finished in the state: a later run (or another host) delivers it.
                await GiveBackAsync(work, cancellationToken).ConfigureAwait(false);
                var item = Item(work.Document, job, job.Status, e.Message);
                ItemCompleted?.Invoke(item, e);
                return;
            }
            if (!await _store.RecordAsync(new BatchRecord { Type = BatchRecordType.Delivered, Token = work.State.Token, JobId = job.JobId, Path = folder }, cancellationToken).ConfigureAwait(false))
                Verbose?.Invoke($"{work.Document} was delivered to {folder}, but another host had taken it over meanwhile and delivers it too.");
            var delivered = Item(work.Document, job, job.Status, work.State.Message);
            delivered.OutputFolder = folder;
            delivered.Delivered = true;
            ItemCompleted?.Invoke(delivered, null);
            // Documents with the same content were delivered from the same job, each into its own folder.
            foreach (var alias in work.Document.Aliases)
            {
                var same = Item(alias, job, job.Status, work.State.Message);
                same.S3Uri = work.Document.Uri;
                same.OutputFolder = _delivery.FolderFor(alias);
                same.Delivered = true;
                ItemCompleted?.Invoke(same, null);
            }
            Report("Delivered " + work.Document);
        }

        /// <summary>Ends this host's part in the batch, even after a failure or Ctrl+C: what it holds becomes free for others.</summary>
        private async Task LeaveAsync()
        {
            using var timeout = new CancellationTokenSource(LeaveTimeout);
            try
            {
                await _store.LeaveAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Its claims then lapse with its lease.
                Verbose?.Invoke($"Could not leave {_store.Description} ({e.Message}); other hosts take over its documents once its lease expires.");
            }
        }

        private static TextractBatchItem Item(BatchDocument document, TextractJob? job, string status, string? message) => new TextractBatchItem
        {
            Document = document.DisplayName,
            S3Uri = document.Uri,
            JobId = job?.JobId,
            Status = status,
            StatusMessage = message,
            Pages = job?.Pages,
        };

        private void Report(string? lastEvent)
        {
            if (ProgressChanged is null) return;
            var state = State;
            ProgressChanged(new BatchProgress
            {
                Discovered = state.Documents.Count,
                Started = state.Count(s => s.Stage >= BatchStage.Started && !s.FailedToStart),
                Running = _running.Count,
                Finished = state.Count(s => s.Stage >= BatchStage.Finished && !s.FailedToStart),
                Delivered = state.Count(s => s.Stage == BatchStage.Delivered),
                Failed = state.Count(s => s.Status == BatchStatus.Failed || s.FailedToStart),
                HeldByOthers = state.Count(_store.IsHeldByOther),
                Held = _held,
                LastEvent = lastEvent,
            });
        }

        private sealed class Work
        {
            public Work(BatchDocumentState state, BatchDocument document, StartJobRequest request)
            {
                State = state;
                Document = document;
                Request = request;
            }

            public BatchDocumentState State { get; }
            public BatchDocument Document { get; }
            public StartJobRequest Request { get; }
            public TextractJob? Job { get; set; }
            public DateTimeOffset DueAt { get; set; }
            public int PollAttempts { get; set; }
            public int StartAttempts { get; set; }
        }
    }

    /// <summary>A local document this host cannot read and whose upload does not exist: left for a host that can read it.</summary>
    public sealed class DocumentUnavailableException : IOException
    {
        public DocumentUnavailableException(string message) : base(message) { }
    }
}
