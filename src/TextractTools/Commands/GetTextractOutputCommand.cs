using System;
using TextractTools.Engine;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TextractTools.Engine.Document;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Output;
using TextractTools.Engine.Session;

namespace TextractTools.Commands
{
    /// <summary>What Get-TextractOutput returns (which shapes fit which kind of output: OutputShapes).</summary>
    public enum TextractOutputShape
    {
        Document, Page, Line, Word, KeyValue, Table, TableRow, Cell, Query, Signature, Layout, Text, Block,
        ExpenseDocument, ExpenseField, LineItem, LendingPage, LendingField, LendingSummary, IdentityDocument,
        Markdown, Html,
    }

    /// <summary>Where Get-TextractOutput reads a job's output from (the engine's OutputSourceChoice, value for value).</summary>
    public enum TextractOutputSource
    {
        /// <summary>The output bucket when the job has an OutputConfig (no 7-day limit), else the Get* API.</summary>
        Auto,
        Api,
        S3,
    }

    /// <summary>
    /// Reads the output of Textract jobs of every kind (from the Get* API, from the output bucket, or from saved JSON)
    /// and returns it as pipeline-friendly objects: the document, or its lines, words, key-values, tables, table rows,
    /// cells, query answers, signatures, layout blocks or text; expense documents, fields and line items; lending pages,
    /// fields and the lending summary.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TextractOutput", DefaultParameterSetName = JobSet)]
    [OutputType(typeof(TextractDocument), typeof(TextractPage), typeof(TextractLine), typeof(TextractWord), typeof(TextractKeyValue),
        typeof(TextractTable), typeof(PSObject), typeof(TextractCell), typeof(TextractQueryResult), typeof(TextractSignature),
        typeof(TextractLayoutBlock), typeof(string), typeof(TextractBlock), typeof(TextractExpenseOutput), typeof(TextractExpenseDocument),
        typeof(TextractExpenseField), typeof(TextractLendingOutput), typeof(TextractLendingPage), typeof(TextractLendingField),
        typeof(TextractLendingSummary), typeof(TextractIdentityDocument))]
    public sealed class GetTextractOutputCommand : TextractCmdletBase
    {
        private const string JobSet = "Job";
        private const string JobIdSet = "JobId";
        private const string PathSet = "Path";
        private const string S3UriSet = "S3Uri";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = JobSet, ValueFromPipeline = true)]
        public TextractJob[] Job { get; set; } = Array.Empty<TextractJob>();

        [Parameter(Mandatory = true, ParameterSetName = JobIdSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.JobIdCompleter))]
        public string[] JobId { get; set; } = Array.Empty<string>();

        /// <summary>Saved output: a JSON file (one answer or an array of answers) or a folder of numbered output objects.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "FullName")]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>s3://bucket/prefix/JobId/: output of a job started elsewhere, read straight from the bucket.</summary>
        [Parameter(Mandatory = true, ParameterSetName = S3UriSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("OutputLocation")]
        [ArgumentCompleter(typeof(Completers.S3UriCompleter))]
        public string[] S3Uri { get; set; } = Array.Empty<string>();

        [Parameter]
        public TextractOutputShape As { get; set; } = TextractOutputShape.Document;

        [Parameter(ParameterSetName = JobSet)]
        [Parameter(ParameterSetName = JobIdSet)]
        public TextractOutputSource Source { get; set; } = TextractOutputSource.Auto;

        /// <summary>Only these pages (1-based).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int[] Page { get; set; } = Array.Empty<int>();

        /// <summary>Only objects with at least this confidence (0-100).</summary>
        [Parameter]
        [ValidateRange(0, 100)]
        public double MinConfidence { get; set; }

        /// <summary>With -As TableRow or Cell: only the table with this Index (1-based, document order).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int[] TableIndex { get; set; } = Array.Empty<int>();

        /// <summary>With -As TableRow: put a merged cell's text in every position it covers (Repeat) or the first only.</summary>
        [Parameter]
        public MergedCellMode MergedCells
        {
            get => (MergedCellMode)_mergedCells;
            set => _mergedCells = (int)value;
        }

        // An int, not the engine's enum: PowerShell lists this assembly's public types before the module's initializer
        // has taught the runtime where the engine lives, and a field of an engine value type would load the engine
        // right then (Loading/EngineResolver). tests/Pester/Module.Tests.ps1 lists the public types without the engine.
        private int _mergedCells = (int)MergedCellMode.Repeat;

        /// <summary>
        /// With -As Text, Markdown or Html: content to leave out: PageHeader, PageFooter, PageNumber (the page furniture
        /// Textract's layout marks, or the reading order finds), KeyValue, Table.
        /// </summary>
        [Parameter]
        [ValidateSet("PageHeader", "PageFooter", "PageNumber", "KeyValue", "Table", IgnoreCase = true)]
        public string[] Exclude { get; set; } = Array.Empty<string>();

        /// <summary>With -As Text, Markdown or Html: mark where each page ends (a form feed, a horizontal rule, a page break when printed).</summary>
        [Parameter]
        public SwitchParameter PageBreak { get; set; }

        /// <summary>Join tables continued on the next page into one.</summary>
        [Parameter]
        public SwitchParameter MergeContinuedTables { get; set; }

        /// <summary>Refuse output objects that are not SSE-KMS encrypted under this key (S3 sources).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completers.KmsAliasCompleter))]
        public string? ExpectedKmsKeyId { get; set; }

        /// <summary>Keep the raw output pages (JSON, numbered 1..n) in this folder.</summary>
        [Parameter]
        public string? SaveTo { get; set; }

        private string? _saveToFolder;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // Validation only: a malformed -ExpectedKmsKeyId stops the command before any read (its region is checked per job).
            try { GivenKmsKeyId(nameof(ExpectedKmsKeyId), ExpectedKmsKeyId, region: null); }
            catch (ArgumentException e) { ThrowTerminatingError(ErrorRecords.From(e, e.ParamName)); }
            // Resolved here, on the pipeline thread: the pages stream past on a worker thread.
            if (SaveTo != null) _saveToFolder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(SaveTo);
        }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case JobSet:
                    foreach (var job in Job.Where(j => j != null)) ReadJob(job);
                    break;
                case JobIdSet:
                    foreach (var id in JobId)
                    {
                        TextractJob? job = null;
                        try
                        {
                            Engine.Validation.TextractIdentifiers.ValidateJobId(id); // validation only: no call for an id Textract cannot have given
                            job = JobInput.Known(id) ?? ResolveJob(id);
                        }
                        catch (Exception e) when (!(e is PipelineStoppedException)) { if (!ReportError(e, id)) return; }
                        if (job != null) ReadJob(job);
                    }
                    break;
                case PathSet:
                    foreach (var path in Path) ReadSaved(path);
                    break;
                case S3UriSet:
                    foreach (var uri in S3Uri) ReadS3(uri);
                    break;
            }
        }

        private void ReadJob(TextractJob job)
        {
            if (!job.IsFinished)
            {
                var error = new InvalidOperationException($"Textract job {job.JobId} is {job.Status}: its output is not complete yet.");
                WriteError(ErrorRecords.Make(error, "TextractJobNotFinished", ErrorCategory.ResourceBusy, job,
                    "Pipe the job through Wait-TextractJob first: Start-TextractAnalysis ... | Wait-TextractJob | Get-TextractOutput."));
                return;
            }
            if (job.Status == "FAILED")
            {
                var error = new InvalidOperationException($"Textract job {job.JobId} FAILED: {job.StatusMessage}. It has no output.");
                WriteError(ErrorRecords.Make(error, "TextractJobFailed", ErrorCategory.InvalidResult, job, "Read the service's message, fix the cause and start the job again."));
                return;
            }
            if (Source == TextractOutputSource.S3 && job.OutputLocation == null)
            {
                var error = new ArgumentException($"Job {job.JobId} has no OutputConfig, so its output is not in a bucket; use -Source Api.");
                WriteError(ErrorRecords.Make(error, "NoOutputLocation", ErrorCategory.InvalidArgument, job, "Use -Source Api or -Source Auto."));
                return;
            }
            var kind = TextractOutputKinds.Of(job.Kind);
            if (!ShapeFits(kind, job)) return;
            try
            {
                var session = GetSession(job.Region, job.EndpointUrl);
                var settings = ReadSettings(session);
                var reader = session.CreateJobOutputReader();
                var source = (OutputSourceChoice)(int)Source;
                var summary = As == TextractOutputShape.LendingSummary;
                var origin = new TextractDocumentOrigin(job.Document, job.JobId);
                var output = RunAsync(ct => System.Threading.Tasks.Task.FromResult(summary
                    ? Read(reader.ReadSummary(job, source, settings, ct), TextractOutputKind.LendingSummary, origin, lending: true)
                    : Read(reader.ReadPages(job, source, settings, ct), kind, origin, lending: kind == TextractOutputKind.Lending)));
                if (!summary) OutputCompleteness.Check(output, job, job.OutputLocation ?? "the Get API");
                Emit(output, job);
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ReportError(e, job);
            }
        }

        private void ReadS3(string uri)
        {
            try
            {
                var location = S3Location.Parse(uri, nameof(S3Uri));
                var session = GetSession();
                var settings = ReadSettings(session);
                var reader = session.CreateJobOutputReader();
                var summary = As == TextractOutputShape.LendingSummary;
                var origin = new TextractDocumentOrigin(location.ToString(), JobIdOf(location));
                var output = RunAsync(ct => System.Threading.Tasks.Task.FromResult(summary
                    ? Read(reader.ReadSummary(location, settings, ct), TextractOutputKind.LendingSummary, origin, lending: true)
                    : Read(reader.ReadPages(location, settings, ct), null, origin, lending: false)));
                if (ShapeFits(output.Kind, uri)) Emit(output, uri);
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ReportError(e, uri);
            }
        }

        /// <summary>Warnings and verbose messages of the read (through the bridge: the pages are read on a worker thread), and -ExpectedKmsKeyId.</summary>
        private OutputReadSettings ReadSettings(AwsSession session) => new OutputReadSettings
        {
            ExpectedKmsKeyArn = GivenKmsKeyId(nameof(ExpectedKmsKeyId), ExpectedKmsKeyId, session.Region) is { } expected
                ? RunAsync(ct => session.ResolveKmsKeyArnAsync(expected, ct))
                : null,
            Warning = message => Bridge.Post(() => WriteWarning(message)),
            Verbose = PostVerbose,
        };

        private static string? JobIdOf(S3Location location)
        {
            var parts = location.Key.TrimEnd('/').Split('/');
            return parts.Length == 0 ? null : parts[parts.Length - 1];
        }

        private void ReadSaved(string path)
        {
            try
            {
                var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                var output = TextractOutputReader.ReadPath(full, As == TextractOutputShape.LendingSummary, ReadOptions());
                if (ShapeFits(output.Kind, path)) Emit(output, path);
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ReportError(e, path);
            }
        }

        private DocumentReadOptions ReadOptions() => new DocumentReadOptions { MergeContinuedTables = MergeContinuedTables };

        /// <summary>Reads the pages (and keeps them in -SaveTo: a lending job's as its output folder in the bucket holds them).</summary>
        private TextractOutput Read(IEnumerable<RawOutputPage> pages, TextractOutputKind? kind, TextractDocumentOrigin origin, bool lending)
        {
            if (_saveToFolder != null)
            {
                pages = RawPageArchive.SaveAlong(pages, lending ? TextractOutputReader.SavedLendingFolder(_saveToFolder, kind == TextractOutputKind.LendingSummary) : _saveToFolder);
            }
            return TextractOutputReader.Read(pages, kind, origin, ReadOptions());
        }

        private OutputShapes Shapes => new OutputShapes(As, Page, MinConfidence, TableIndex, MergedCells, Exclude, PageBreak);

        /// <summary>False (after an error record saying what the output holds and which -As values fit it) when -As does not fit the output.</summary>
        private bool ShapeFits(TextractOutputKind kind, object target)
        {
            if (Shapes.Fits(kind, out var why)) return true;
            WriteError(ErrorRecords.Make(new ArgumentException(why, nameof(As)), "ShapeNotInOutput", ErrorCategory.InvalidArgument, target,
                "Ask for a shape this kind of output has (the message lists them), or read the output of another job."));
            return false;
        }

        private void Emit(TextractOutput output, object target)
        {
            foreach (var warning in output.Warnings) WriteWarning(warning.ToString());
            foreach (var item in Shapes.Select(output))
            {
                if (StopToken.IsCancellationRequested) return;
                WriteObject(item);
            }
        }
    }
}
