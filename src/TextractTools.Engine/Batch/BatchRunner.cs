using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.S3;
using TextractTools.Engine.Api;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Output;
using TextractTools.Engine.Session;

namespace TextractTools.Engine.Batch
{
    /// <summary>
    /// Runs a batch to the end, or as far as it gets, so that the next run can go on from there. Every step is
    /// recorded in the journal before the step after it relies on it:
    /// <list type="bullet">
    /// <item>Discovered (with the ClientRequestToken) before the upload and the Start: a rerun starts it again with
    /// the same token, and Textract answers with the job it already started, if any, instead of a second one;</item>
    /// <item>Started (with the JobId) before waiting: a rerun waits for that job;</item>
    /// <item>Finished before delivering: a rerun delivers it;</item>
    /// <item>Delivered after the output folder is in place: a rerun skips it.</item>
    /// </list>
    /// At most <see cref="BatchOptions.ThrottleLimit"/> jobs run at once; a Start refused with LimitExceededException
    /// (the account's concurrent-job quota) holds new starts until a running job ends, and the batch goes on.
    /// </summary>
    public sealed class BatchRunner
    {
        // A throttled or failing Start (other than the job limit, which holds until a job ends) is tried this often.
        private const int MaxStartAttempts = 6;

        private readonly ITextractApi _textract;
        private readonly IAmazonS3 _s3;
        private readonly BatchJournal _journal;
        private readonly BatchOptions _options;
        private readonly BatchState _state;
        private readonly OutputDelivery _delivery;
        private readonly JobWaiter _waiter;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;
        private readonly Func<DateTimeOffset> _now;

        private readonly Queue<Work> _toStart = new Queue<Work>();
        private readonly List<Work> _running = new List<Work>();
        private readonly Queue<Work> _toDeliver = new Queue<Work>();
        private readonly List<BatchDocumentState> _leftForNextRun = new List<BatchDocumentState>();
        private DateTimeOffset _startNotBefore = DateTimeOffset.MinValue;
        private int _startRetries;
        private bool _held;

        internal BatchRunner(ITextractApi textract, IAmazonS3 s3, BatchJournal journal, BatchOptions options,
            Func<TimeSpan, CancellationToken, Task>? delay = null, Func<DateTimeOffset>? now = null)
        {
            if (options.ThrottleLimit < 1) throw new ArgumentOutOfRangeException(nameof(options), "ThrottleLimit must be at least 1.");
            _textract = textract;
            _s3 = s3;
            _journal = journal;
            _options = options;
            _state = BatchState.From(journal.Records);
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

        /// <summary>The journal's state, as it stands.</summary>
        public BatchState State => _state;

        /// <summary>
        /// Refuses a journal begun with other options (see <see cref="BatchOptions.Describe"/>), or records this run's
        /// options in a new one. Call before any AWS work.
        /// </summary>
        public void BeginOrCheckOptions()
        {
            var described = _options.Describe();
            if (_state.Options is null)
            {
                Record(new BatchRecord { Type = BatchRecordType.Batch, Options = described });
                return;
            }
            if (!string.Equals(_state.Options, described, StringComparison.Ordinal))
                throw new BatchJournalException(
                    $"The state file {_journal.Path} belongs to a batch begun with other options ({_state.Options}); this run asks for ({described}). " +
                    "Finish that batch with its own options, or give this batch another -StateFile.");
        }

        /// <summary>
        /// Adds the documents not yet in the journal, then resumes everything unfinished in it (these documents and
        /// those of earlier runs) until all is delivered, the timeout passes, or <paramref name="cancellationToken"/>
        /// is cancelled (which throws, leaving the journal resumable).
        /// </summary>
        public async Task<BatchRunResult> RunAsync(IReadOnlyList<BatchDocument> documents, CancellationToken cancellationToken)
        {
            BeginOrCheckOptions();
            var deadline = _options.Timeout.HasValue ? _now() + _options.Timeout.Value : DateTimeOffset.MaxValue;
            Plan(Discover(documents));
            Report(null);

            var timedOut = false;
            while (_toStart.Count > 0 || _running.Count > 0 || _toDeliver.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var now = _now();
                if (now >= deadline)
                {
                    timedOut = true;
                    break;
                }
                if (_toDeliver.Count > 0)
                {
                    await DeliverAsync(_toDeliver.Dequeue(), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                var mayStart = _toStart.Count > 0 && _running.Count < _options.ThrottleLimit;
                if (mayStart && now >= _startNotBefore)
                {
                    await StartAsync(_toStart.Peek(), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var wakeAt = deadline;
                var next = _running.OrderBy(w => w.DueAt).FirstOrDefault();
                if (next != null && next.DueAt < wakeAt) wakeAt = next.DueAt;
                if (mayStart && _startNotBefore < wakeAt) wakeAt = _startNotBefore;
                if (wakeAt > now)
                {
                    if (wakeAt == DateTimeOffset.MaxValue) break;
                    await _delay(wakeAt - now, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (next != null && next.DueAt <= now) await PollAsync(next, cancellationToken).ConfigureAwait(false);
            }

            _leftForNextRun.AddRange(_toStart.Concat(_running).Concat(_toDeliver).Select(w => w.State));
            Report(null);
            return new BatchRunResult(_leftForNextRun.Distinct().ToList(), _waiter.PollCount, timedOut);
        }

        private List<Work> Discover(IReadOnlyList<BatchDocument> documents)
        {
            var work = new List<Work>();
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
                    // Not journaled: no run can start it as it stands.
                    ItemCompleted?.Invoke(Item(document, null, BatchStatus.FailedToStart, e.Message), e);
                    continue;
                }
                var token = request.ClientRequestToken!;
                if (!seen.Add(token)) continue;
                var state = _state.Find(token);
                if (state is null)
                {
                    Record(new BatchRecord { Type = BatchRecordType.Discovered, Token = token, Document = document.Uri, Source = document.LocalPath });
                    state = _state.Find(token)!;
                }
                work.Add(new Work(state, document, request));
            }

            // What earlier runs left unfinished is resumed whether or not this run was given it again: none forgotten.
            foreach (var state in _state.Documents)
            {
                if (state.IsDone || seen.Contains(state.Token)) continue;
                try
                {
                    var document = BatchDocument.FromJournal(state);
                    work.Add(new Work(state, document, JobTemplate.Request(_options, document.Location, state.Token)));
                }
                catch (ArgumentException e)
                {
                    ItemDeferred?.Invoke(state, e);
                    _leftForNextRun.Add(state);
                }
            }
            return work;
        }

        private void Plan(List<Work> work)
        {
            foreach (var w in work)
            {
                switch (w.State.Stage)
                {
                    case BatchStage.Discovered:
                        _toStart.Enqueue(w);
                        break;
                    case BatchStage.Started:
                        w.Job = JobTemplate.Job(_options, w.Request, w.State.JobId!);
                        w.DueAt = _now();
                        _running.Add(w);
                        break;
                    case BatchStage.Finished when w.State.FailedToStart:
                        _toStart.Enqueue(w);
                        break;
                    case BatchStage.Finished when !w.State.IsDone:
                        w.Job = JobTemplate.Job(_options, w.Request, w.State.JobId!);
                        w.Job.Status = w.State.Status!;
                        w.Job.StatusMessage = w.State.Message;
                        w.Job.Pages = w.State.Pages;
                        _toDeliver.Enqueue(w);
                        break;
                }
            }
            Verbose?.Invoke($"Batch: {_toStart.Count} to start, {_running.Count} running, {_toDeliver.Count} to deliver, " +
                            $"{_state.Count(s => s.IsDone)} done in earlier runs.");
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
                Verbose?.Invoke($"Textract's concurrent-job limit is reached with {_running.Count} job(s) of this batch running; new starts wait.");
                Report("Holding new starts (LimitExceededException)");
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
                Record(new BatchRecord { Type = BatchRecordType.Finished, Token = work.State.Token, Status = BatchStatus.FailedToStart, Message = e.Message });
                ItemCompleted?.Invoke(Item(work.Document, null, BatchStatus.FailedToStart, e.Message), e);
                Report("Could not start " + work.Document);
                return;
            }

            _toStart.Dequeue();
            _held = false;
            _startRetries = 0;
            Record(new BatchRecord { Type = BatchRecordType.Started, Token = work.State.Token, JobId = job.JobId });
            work.Job = job;
            work.DueAt = _now() + _options.PollSchedule.DelayBefore(0);
            _running.Add(work);
            Verbose?.Invoke($"Started job {job.JobId} for {work.Document}");
            Report("Started " + work.Document);
        }

        /// <summary>
        /// Uploads a local document (once per content: an object already there is not sent again). A file gone since
        /// an earlier run discovered it is not fatal: its upload may have happened, and Textract says if it did not.
        /// </summary>
        private async Task UploadIfLocalAsync(Work work, CancellationToken cancellationToken)
        {
            var path = work.Document.LocalPath;
            if (path is null || !File.Exists(path)) return;
            if (_options.UploadLocation is null)
                throw new ArgumentException($"{path} is a local document; give -UploadUri to say where to upload it.", "UploadUri");
            var uploader = new DocumentUploader(_s3);
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
                // The job stays Started in the journal: a later run asks again.
                _running.Remove(work);
                _leftForNextRun.Add(work.State);
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
            Record(new BatchRecord { Type = BatchRecordType.Finished, Token = work.State.Token, JobId = job.JobId, Status = job.Status, Message = message, Pages = job.Pages });
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
                // Stays Finished in the journal: a later run delivers it.
                _leftForNextRun.Add(work.State);
                var item = Item(work.Document, job, job.Status, e.Message);
                ItemCompleted?.Invoke(item, e);
                return;
            }
            Record(new BatchRecord { Type = BatchRecordType.Delivered, Token = work.State.Token, JobId = job.JobId, Path = folder });
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

        private void Record(BatchRecord record)
        {
            _journal.Append(record);
            _state.Apply(record);
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
            ProgressChanged(new BatchProgress
            {
                Discovered = _state.Documents.Count,
                Started = _state.Count(s => s.Stage >= BatchStage.Started && !s.FailedToStart),
                Running = _running.Count,
                Finished = _state.Count(s => s.Stage >= BatchStage.Finished && !s.FailedToStart),
                Delivered = _state.Count(s => s.Stage == BatchStage.Delivered),
                Failed = _state.Count(s => s.Status == BatchStatus.Failed || s.FailedToStart),
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
}
