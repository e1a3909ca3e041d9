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
    }

    /// <summary>
    /// Processes a folder of files or an S3 prefix of documents as one resumable batch: starts a Textract job for
    /// each (at most -ThrottleLimit at once), waits, and delivers each finished job's raw output to -OutputFolder,
    /// recording every step in the -StateFile journal so that a rerun after a crash or Ctrl+C goes on where the
    /// last run stopped: no document started twice, none forgotten, every output delivered once.
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
        [Parameter(Mandatory = true)]
        public string StateFile { get; set; } = "";

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
            if (!ShouldProcess($"{documents.Count} document(s), and any left unfinished in the state file {StateFilePath}",
                    $"Start Textract {what}, at most {ThrottleLimit} at once, and deliver the output to {options.OutputFolder}"))
                return;

            BatchJournal journal;
            try
            {
                journal = BatchJournal.Open(StateFilePath);
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

            using (journal)
            {
                Run(session, journal, options, CombineIdenticalContent(documents, journal, options));
            }
        }

        private string StateFilePath => SessionState.Path.GetUnresolvedProviderPathFromPSPath(StateFile);

        private void Run(Engine.Session.AwsSession session, BatchJournal journal, BatchOptions options, List<BatchDocument> documents)
        {
            var progress = new ProgressRecord(2, "Textract batch", "Starting");
            var runner = session.CreateBatchRunner(journal, options);
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
                // Ctrl+C: everything done so far is in the journal; the next run goes on from there.
                return;
            }
            catch (BatchJournalException e)
            {
                ThrowTerminatingError(ErrorRecords.Make(e, "TextractBatchStateMismatch", ErrorCategory.InvalidOperation, StateFilePath,
                    "Run the batch with the options it was begun with, or give another -StateFile."));
                return;
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ThrowTerminatingError(ErrorRecords.From(e, StateFilePath));
                return;
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }

            // Names whose content an earlier run delivered under another name get their folders now.
            try
            {
                foreach (var item in BatchDeliveries.DeliverMissingAliases(documents, runner.State, options)) Emit(item, null);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                WriteError(ErrorRecords.From(e, options.OutputFolder));
            }
            WriteVerbose($"{result.PollCount} status calls; state in {journal.Path}.");
            if (!result.TimedOut) return;
            foreach (var state in result.Unfinished)
            {
                var error = new TimeoutException($"{state.Source ?? state.Document} is not delivered yet after {TimeoutSec} s ({state.Stage}" +
                                                 (state.JobId is null ? "" : $", job {state.JobId}") + "). Its job keeps running in Textract.");
                WriteError(ErrorRecords.Make(error, "TextractBatchTimeout", ErrorCategory.OperationTimeout, state.Source ?? state.Document,
                    "Run the same command again later: it resumes from the state file without starting any document twice."));
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
                RecommendedAction = "The document stays in the state file; run the same command again to resume it once the cause is fixed.",
            };
            WriteError(record);
        }

        private void ShowProgress(ProgressRecord progress, BatchProgress p)
        {
            progress.StatusDescription = $"{p.Delivered} of {p.Discovered} delivered; {p.Started} started, {p.Running} running, {p.Finished} finished, {p.Failed} failed" +
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
            if (Directory.Exists(StateFilePath))
                throw new ArgumentException($"-StateFile '{StateFilePath}' is a folder; give a file path such as {System.IO.Path.Combine(StateFilePath, "batch.jsonl")}.", nameof(StateFile));
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

        /// <summary>
        /// Documents with the same content become one (one paid job), the others its aliases, which get their own
        /// folders from that job.
        /// </summary>
        private List<BatchDocument> CombineIdenticalContent(List<BatchDocument> documents, BatchJournal journal, BatchOptions options)
        {
            var combined = BatchDocument.CombineIdenticalContent(documents, BatchState.From(journal.Records), options).ToList();
            foreach (var document in combined)
            {
                foreach (var alias in document.Aliases)
                    WriteVerbose($"{alias.DisplayName} has the same content as {document.DisplayName}: one Textract job for both, a folder for each.");
            }
            return combined;
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
