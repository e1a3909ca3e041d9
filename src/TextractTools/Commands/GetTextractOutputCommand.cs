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
    /// <summary>What Get-TextractOutput returns.</summary>
    public enum TextractOutputShape
    {
        Document, Page, Line, Word, KeyValue, Table, TableRow, Cell, Query, Signature, Layout, Text, Block,
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
    /// Reads the output of Textract jobs (from the Get* API, from the output bucket, or from saved JSON) and returns it
    /// as pipeline-friendly objects: the document, or its lines, words, key-values, tables, table rows, cells, query
    /// answers, signatures, layout blocks or text.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TextractOutput", DefaultParameterSetName = JobSet)]
    [OutputType(typeof(TextractDocument), typeof(TextractPage), typeof(TextractLine), typeof(TextractWord), typeof(TextractKeyValue),
        typeof(TextractTable), typeof(PSObject), typeof(TextractCell), typeof(TextractQueryResult), typeof(TextractSignature),
        typeof(TextractLayoutBlock), typeof(string), typeof(TextractBlock))]
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
            try
            {
                var session = GetSession(job.Region, job.EndpointUrl);
                var settings = ReadSettings(session);
                var reader = session.CreateJobOutputReader();
                var document = RunAsync(ct => System.Threading.Tasks.Task.FromResult(
                    Read(reader.ReadPages(job, (OutputSourceChoice)(int)Source, settings, ct), job.JobId)));
                OutputCompleteness.Check(document, job, job.OutputLocation ?? "the Get API");
                Emit(document);
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
                var document = RunAsync(ct => System.Threading.Tasks.Task.FromResult(
                    Read(reader.ReadPages(location, settings, ct), JobIdOf(location))));
                Emit(document);
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
                var document = Directory.Exists(full)
                    ? TextractDocumentReader.ReadFolder(full, ReadOptions())
                    : TextractDocumentReader.ReadFile(full, ReadOptions());
                Emit(document);
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ReportError(e, path);
            }
        }

        private DocumentReadOptions ReadOptions() => new DocumentReadOptions { MergeContinuedTables = MergeContinuedTables };

        private TextractDocument Read(IEnumerable<RawOutputPage> pages, string? jobId)
        {
            if (_saveToFolder != null) pages = RawPageArchive.SaveAlong(pages, _saveToFolder);
            var document = TextractDocumentReader.Read(pages, ReadOptions());
            if (jobId != null) document.JobId = jobId;
            return document;
        }

        private void Emit(TextractDocument document)
        {
            foreach (var warning in document.Warnings) WriteWarning(warning.ToString());
            switch (As)
            {
                case TextractOutputShape.Document: WriteObject(document); break;
                case TextractOutputShape.Text: WriteObject(document.Text); break;
                case TextractOutputShape.Page: WriteAll(document.Pages.Where(p => PageWanted(p.Page))); break;
                case TextractOutputShape.Line: WriteAll(Filter(document.Lines)); break;
                case TextractOutputShape.Word: WriteAll(Filter(document.Words)); break;
                case TextractOutputShape.KeyValue: WriteAll(Filter(document.KeyValues)); break;
                case TextractOutputShape.Table: WriteAll(Tables(document)); break;
                case TextractOutputShape.Cell: WriteAll(Filter(Tables(document).SelectMany(t => t.Cells))); break;
                case TextractOutputShape.TableRow:
                    foreach (var table in Tables(document))
                        foreach (var row in table.GetRows(MergedCells))
                            WriteObject(TableRowObject.From(row));
                    break;
                case TextractOutputShape.Query: WriteAll(Filter(document.Queries)); break;
                case TextractOutputShape.Signature: WriteAll(Filter(document.Signatures)); break;
                case TextractOutputShape.Layout: WriteAll(Filter(document.Layout)); break;
                case TextractOutputShape.Block: WriteAll(document.Blocks.Where(b => PageWanted(b.Page) && ConfidenceWanted(b.Confidence))); break;
            }
        }

        private IEnumerable<TextractTable> Tables(TextractDocument document) =>
            document.Tables.Where(t => Wanted(t) && (TableIndex.Length == 0 || TableIndex.Contains(t.Index)));

        // Not a generic method constrained to TextractElement: the runtime loads such constraints with the class, and
        // the class must load without the engine (see MergedCells).
        private IEnumerable<TextractElement> Filter(IEnumerable<TextractElement> items) => items.Where(Wanted);

        private bool Wanted(TextractElement element) => PageWanted(element.Page) && ConfidenceWanted(element.Confidence);

        private bool PageWanted(int page) => Page.Length == 0 || Page.Contains(page);

        private bool ConfidenceWanted(double? confidence) => MinConfidence <= 0 || (confidence ?? 0) >= MinConfidence;

        private void WriteAll<T>(IEnumerable<T> items)
        {
            foreach (var item in items)
            {
                if (StopToken.IsCancellationRequested) return;
                WriteObject(item);
            }
        }
    }
}
