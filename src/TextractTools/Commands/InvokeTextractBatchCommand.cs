using System;
using TextractTools.Engine;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TextractTools.Engine.Api;
using TextractTools.Engine.Batch;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Session;
using TextractTools.Engine.Validation;

namespace TextractTools.Commands
{
    /// <summary>What Invoke-TextractBatch -Deliver writes into each document's folder (the engine's BatchDeliverable, value for value).</summary>
    public enum TextractDeliverable
    {
        /// <summary>text.txt: the text in reading order.</summary>
        Text,

        /// <summary>tables/page{p}_table{n}[_{title}].csv, one CSV per table (expense and lending output: line-items.csv).</summary>
        Tables,

        /// <summary>key-values.csv (expense output: summary-fields.csv; lending output: lending-fields.csv).</summary>
        KeyValues,

        /// <summary>document.md: the document as Markdown (output with blocks: text detection, document analysis).</summary>
        Markdown,

        /// <summary>document.html: the document as an HTML page (output with blocks).</summary>
        Html,
    }

    /// <summary>
    /// Processes a folder of files or an S3 prefix of documents as one resumable batch: starts a Textract job for
    /// each (at most -ThrottleLimit at once), waits, and delivers each finished job's raw output to -OutputFolder,
    /// recording every step in the batch's state so that a rerun after a crash or Ctrl+C goes on where the last run
    /// stopped: no document started twice, none forgotten, every output delivered once. The state is a journal file
    /// of this machine (-StateFile) or an S3 prefix that any number of hosts running the same command share
    /// (-StateUri); the batch runs the same way on either.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "TextractBatch", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = PathSet)]
    [OutputType(typeof(TextractBatchItem))]
    public sealed class InvokeTextractBatchCommand : JobOptionsCmdletBase
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string S3UriSet = "S3Uri";

        private readonly List<string> _files = new List<string>();
        private readonly List<string> _s3Uris = new List<string>();
        private S3Location? _stateUri;

        /// <summary>Local documents (wildcards allowed), uploaded to -UploadUri before their jobs start.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Local documents, taken literally; FileInfo objects from Get-ChildItem bind here.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>s3://bucket/key of documents, or s3://bucket/prefix/ (ending with /) for every document under it.</summary>
        [Parameter(Mandatory = true, ParameterSetName = S3UriSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Uri")]
        [ArgumentCompleter(typeof(Completers.S3UriCompleter))]
        public string[] S3Uri { get; set; } = Array.Empty<string>();

        /// <summary>s3://bucket/prefix/ where local documents are uploaded (under a name derived from their content).</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
        [ArgumentCompleter(typeof(Completers.S3UriCompleter))]
        public string UploadUri { get; set; } = "";

        /// <summary>The journal of the batch (JSON lines); give the same file to every run of the same batch.</summary>
        [Parameter]
        public string? StateFile { get; set; }

        /// <summary>s3://bucket/prefix/ holding the state of a batch that several hosts work together (instead of -StateFile).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completers.S3UriCompleter))]
        public string? StateUri { get; set; }

        /// <summary>How long this host's claims in a -StateUri batch last without a heartbeat (renewed every quarter of it).</summary>
        [Parameter]
        [ValidateRange(2, 3600)]
        public int LeaseSec { get; set; } = 60;

        /// <summary>
        /// Each finished document goes into a folder named after it, {OutputFolder}/{file name}/: its raw output pages
        /// (1.json, 2.json ...), job.json, and what -Deliver asks for.
        /// </summary>
        [Parameter(Mandatory = true)]
        public string OutputFolder { get; set; } = "";

        /// <summary>What each document's folder holds besides its raw pages: Text, Tables (one CSV per table), KeyValues (CSV).</summary>
        [Parameter]
        public TextractDeliverable[] Deliver { get; set; } = Array.Empty<TextractDeliverable>();

        /// <summary>The most jobs of this batch running at once.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int ThrottleLimit { get; set; } = 10;

        /// <summary>Stop after this many seconds (jobs keep running; the next run resumes). 0: no limit.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int TimeoutSec { get; set; }

        [Parameter]
        [ValidateRange(0.05, 3600)]
        public double PollIntervalSec { get; set; } = 1;

        [Parameter]
        [ValidateRange(0.05, 3600)]
        public double MaxPollIntervalSec { get; set; } = 30;

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case PathSet:
                case LiteralPathSet:
                    foreach (var file in LocalFiles.Resolve(this, ParameterSetName == PathSet ? Path : LiteralPath, ParameterSetName == LiteralPathSet))
                        if (IsReadableDocument(file)) _files.Add(file);
                    break;
                case S3UriSet:
                    _s3Uris.AddRange(S3Uri);
                    break;
            }
        }

        protected override void EndProcessing()
        {
            // Bad input is refused before any AWS call.
            BatchOptions options;
            try
            {
                options = BuildOptions();
                options.Describe();
                foreach (var uri in _s3Uris) S3Location.Parse(uri, nameof(S3Uri));
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, null));
                return;
            }

            Engine.Session.AwsSession session;
            List<BatchDocument> documents;
            try
            {
                session = GetSession();
                options.Region = session.Region;
                options.EndpointUrl = session.EndpointUrl;
                // Validation only: what the region decides (a key or topic of another region), before the listing's first call.
                StartRequestValidator.ValidateOptions(options.Job, session.Region);
                documents = CollectDocuments(session, options);
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                if (StopToken.IsCancellationRequested && e is OperationCanceledException) return;
                ThrowTerminatingError(ErrorRecords.From(e, null));
                return;
            }

            var what = options.Job.Summary();
            if (!ShouldProcess($"{documents.Count} document(s), and any left unfinished in {StateDescription}",
                    $"Start Textract {what}, at most {ThrottleLimit} at once, and deliver the output to {options.OutputFolder}"))
                return;

            BatchStore store;
            if (_stateUri != null)
            {
                var shared = session.CreateSharedBatchStore(_stateUri, options.Job.KmsKeyId, TimeSpan.FromSeconds(LeaseSec));
                shared.Warning = message => Bridge.Post(() => WriteWarning(message));
                WriteVerbose($"This run is host {shared.HostId} of the batch in {_stateUri} (lease {LeaseSec} s).");
                store = shared;
            }
            else
            {
                try
                {
                    store = BatchJournal.Open(StateFilePath);
                }
                catch (BatchJournalLockedException e)
                {
                    ThrowTerminatingError(ErrorRecords.Make(e, "TextractBatchStateFileInUse", ErrorCategory.ResourceBusy, StateFilePath,
                        "Another run of this batch is going on; wait for it to end (or stop it) and run the command again."));
                    return;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    ThrowTerminatingError(ErrorRecords.Make(e, "TextractBatchStateFileUnreadable", ErrorCategory.ReadError, StateFilePath,
                        "Check the -StateFile path and its permissions; a damaged journal names the line to repair."));
                    return;
                }
            }

            using (store)
            {
                Run(session, store, options, documents);
            }
        }

        private string StateDescription => _stateUri != null ? "the shared state " + _stateUri : "the state file " + StateFilePath;

        private string StateFilePath => SessionState.Path.GetUnresolvedProviderPathFromPSPath(StateFile ?? "");

        private void Run(Engine.Session.AwsSession session, BatchStore store, BatchOptions options, List<BatchDocument> documents)
        {
            var progress = new ProgressRecord(2, "Textract batch", "Starting");
            var runner = session.CreateBatchRunner(store, options);
            runner.ItemCompleted = (item, error) => Bridge.Post(() => Emit(item, error));
            runner.ItemDeferred = (state, error) => Bridge.Post(() => ReportDeferred(state, error));
            runner.ProgressChanged = p => Bridge.Post(() => ShowProgress(progress, p));
            runner.Verbose = PostVerbose;
            BatchRunResult result;
            try
            {
                result = RunAsync(ct => runner.RunAsync(documents, ct));
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                // Ctrl+C: everything done so far is in the batch's state; the next run goes on from there.
                return;
            }
            catch (BatchJournalException e)
            {
                ThrowTerminatingError(ErrorRecords.Make(e, "TextractBatchStateMismatch", ErrorCategory.InvalidOperation, store.Location,
                    $"Run the batch with the options it was begun with, or give another -{(_stateUri != null ? nameof(StateUri) : nameof(StateFile))}."));
                return;
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ThrowTerminatingError(ErrorRecords.From(e, store.Location));
                return;
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }

            WriteVerbose($"{result.PollCount} status calls; state in {store.Location}.");
            if (!result.TimedOut) return;
            foreach (var state in result.Unfinished)
            {
                var error = new TimeoutException($"{state.Source ?? state.Document} is not delivered yet after {TimeoutSec} s ({state.Stage}" +
                                                 (state.JobId is null ? "" : $", job {state.JobId}") + "). Its job keeps running in Textract.");
                WriteError(ErrorRecords.Make(error, "TextractBatchTimeout", ErrorCategory.OperationTimeout, state.Source ?? state.Document,
                    "Run the same command again later: it resumes from the batch's state without starting any document twice."));
            }
        }

        private void Emit(TextractBatchItem item, Exception? error)
        {
            if (error != null)
            {
                var record = item.Status == BatchStatus.Failed
                    ? ErrorRecords.Make(error, "TextractJobFailed", ErrorCategory.InvalidResult, item,
                        "Read the service's message: an unsupported or damaged document, or missing permissions on the input, output bucket or KMS key, are the usual causes.")
                    : ErrorRecords.From(error, item);
                WriteError(record);
            }
            else if (item.Status == BatchStatus.PartialSuccess)
            {
                WriteWarning($"Textract job {item.JobId} for {item.Document} finished with PARTIAL_SUCCESS: {item.StatusMessage}. The output lacks those pages.");
            }
            WriteObject(item);
        }

        private void ReportDeferred(BatchDocumentState state, Exception error)
        {
            var record = ErrorRecords.From(error, state.Source ?? state.Document);
            record.ErrorDetails = new ErrorDetails($"{state.Source ?? state.Document}: {error.Message}")
            {
                RecommendedAction = "The document stays in the batch's state; run the same command again to resume it once the cause is fixed (in a shared batch, another host may take it meanwhile).",
            };
            WriteError(record);
        }

        private void ShowProgress(ProgressRecord progress, BatchProgress p)
        {
            progress.StatusDescription = $"{p.Delivered} of {p.Discovered} delivered; {p.Started} started, {p.Running} running, {p.Finished} finished, {p.Failed} failed" +
                                         (p.HeldByOthers > 0 ? $"; {p.HeldByOthers} held by other hosts" : "") +
                                         (p.Held ? "; new starts held (concurrent-job limit)" : "");
            progress.PercentComplete = p.Discovered == 0 ? 100 : Math.Min(100, (int)(100.0 * (p.Delivered + p.Failed) / p.Discovered));
            progress.CurrentOperation = p.LastEvent;
            WriteProgress(progress);
        }

        private BatchOptions BuildOptions()
        {
            var spec = NewJobOptions();
            var folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutputFolder);
            // Validation only: a folder that cannot be made or written is found now, not after the jobs ran.
            LocalFolder.RequireWritable(folder, nameof(OutputFolder));
            ChooseState();
            return new BatchOptions
            {
                Job = spec,
                UploadLocation = ParameterSetName == S3UriSet ? null : S3Location.Parse(UploadUri, nameof(UploadUri)),
                ThrottleLimit = ThrottleLimit,
                OutputFolder = folder,
                Deliverables = Deliver.Select(d => (BatchDeliverable)(int)d).Distinct().ToArray(),
                PollSchedule = PollSchedule.FromSeconds(PollIntervalSec, MaxPollIntervalSec),
                Timeout = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null,
            };
        }

        /// <summary>-StateFile (this machine's journal) or -StateUri (shared by hosts): exactly one of them.</summary>
        private void ChooseState()
        {
            var file = !string.IsNullOrEmpty(StateFile);
            var uri = !string.IsNullOrEmpty(StateUri);
            if (file == uri)
                throw new ArgumentException(file
                    ? "Give -StateFile or -StateUri, not both: a batch's state is either a journal on this machine or an S3 prefix its hosts share."
                    : "Give -StateFile (a journal file on this machine) or -StateUri (an s3://bucket/prefix/ that several hosts share) to keep the batch's state.",
                    file ? nameof(StateUri) : nameof(StateFile));
            if (MyInvocation.BoundParameters.ContainsKey(nameof(LeaseSec)) && !uri)
                throw new ArgumentException("-LeaseSec is the lease of a host in a shared batch; give it with -StateUri.", nameof(LeaseSec));
            if (uri)
            {
                _stateUri = S3Location.Parse(StateUri, nameof(StateUri)).AsFolder();
                return;
            }
            if (Directory.Exists(StateFilePath))
                throw new ArgumentException($"-StateFile '{StateFilePath}' is a folder; give a file path such as {System.IO.Path.Combine(StateFilePath, "batch.jsonl")}.", nameof(StateFile));
        }

        /// <summary>Validation only: a local file Textract could not read is refused (one error each) and left out of the batch.</summary>
        private bool IsReadableDocument(string file)
        {
            try
            {
                LocalDocument.Check(file, ParameterSetName == PathSet ? nameof(Path) : nameof(LiteralPath));
                return true;
            }
            catch (Exception e) when (e is ArgumentException || e is IOException || e is UnauthorizedAccessException)
            {
                WriteError(ErrorRecords.From(e, file));
                return false;
            }
        }

        /// <summary>Local files (hashed to learn their upload key) and S3 documents (prefixes listed).</summary>
        private List<BatchDocument> CollectDocuments(Engine.Session.AwsSession session, BatchOptions options)
        {
            var documents = new List<BatchDocument>();
            foreach (var file in _files) documents.Add(BatchDocument.FromLocalFile(file, options.UploadLocation!));
            foreach (var uri in _s3Uris)
            {
                var parsed = S3Location.Parse(uri, nameof(S3Uri));
                if (!parsed.IsFolder)
                {
                    documents.Add(BatchDocument.FromS3(parsed));
                    continue;
                }
                var listed = RunAsync(ct => session.CreateDocumentLister().ListAsync(parsed, skipped => PostVerbose($"Skipping {skipped}: not a PDF, TIFF, JPEG or PNG document."), ct));
                WriteVerbose($"{listed.Count} document(s) under {parsed}");
                if (listed.Count == 0)
                    WriteWarning($"No documents under {parsed}: nothing there ends in .pdf, .tif, .tiff, .jpg, .jpeg or .png (keys are case-sensitive; a prefix names a folder with its trailing /).");
                documents.AddRange(listed);
            }
            return documents;
        }
    }
}
