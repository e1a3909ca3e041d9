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
    public sealed class GetTextractOutputCommand : OutputReadingCmdletBase
    {
        private const string JobSet = "Job";
        private const string JobIdSet = "JobId";
        private const string PathSet = "Path";
        private const string S3UriSet = "S3Uri";

        /// <summary>Jobs: from Start-TextractAnalysis or Wait-TextractJob, or saved with Export-Clixml and read back with Import-Clixml.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = JobSet, ValueFromPipeline = true)]
        [JobObjectTransformation]
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
        /// With -As TableRow: a table whose cells Textract did not mark COLUMN_HEADER takes its column names from its
        /// first row (which is then no data row). Without it such a table has the names Column1, Column2, ... and every
        /// row is data.
        /// </summary>
        [Parameter]
        public SwitchParameter FirstRowAsHeader { get; set; }

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

        private protected override OutputSourceChoice SourceChoice => (OutputSourceChoice)(int)Source;
        private protected override string? ExpectedKmsKey => ExpectedKmsKeyId;
        private protected override string? SaveToFolder => _saveToFolder;
        private protected override DocumentReadOptions ReadOptions => new DocumentReadOptions { MergeContinuedTables = MergeContinuedTables };

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
            var summary = As == TextractOutputShape.LendingSummary;
            // With -SaveTo the whole output is read, so that the folder is complete even when the pipeline stops early.
            var byPage = Shapes.ReadsByPage && SaveTo == null;
            switch (ParameterSetName)
            {
                case JobSet:
                    foreach (var job in Job.Where(j => j != null))
                    {
                        if (!Emit(consume => ReadJobOutput(job, summary, byPage, consume))) return;
                    }
                    break;
                case JobIdSet:
                    foreach (var id in JobId)
                    {
                        var job = JobOf(id);
                        if (!Emit(consume => job != null && ReadJobOutput(job, summary, byPage, consume))) return;
                    }
                    break;
                case PathSet:
                    foreach (var path in Path)
                    {
                        if (!Emit(consume => ReadSavedOutput(path, summary, byPage, consume))) return;
                    }
                    break;
                case S3UriSet:
                    foreach (var uri in S3Uri)
                    {
                        if (!Emit(consume => ReadS3Output(uri, summary, byPage, consume))) return;
                    }
                    break;
            }
        }

        /// <summary>Writes what one read hands out (<see cref="Emission"/>); false when the command is stopping.</summary>
        private bool Emit(Func<Action<TextractOutput>, bool> read)
        {
            var emission = new Emission(this);
            if (read(emission.Add)) emission.End();
            return !StopToken.IsCancellationRequested;
        }

        private OutputShapes Shapes => new OutputShapes(As, Page, MinConfidence, TableIndex, MergedCells, Exclude, PageBreak, FirstRowAsHeader);

        /// <summary>False (after an error record saying what the output holds and which -As values fit it) when -As does not fit the output.</summary>
        private protected override bool Accepts(TextractOutputKind kind, object target)
        {
            if (Shapes.Fits(kind, out var why)) return true;
            WriteError(ErrorRecords.Make(new ArgumentException(why, nameof(As)), "ShapeNotInOutput", ErrorCategory.InvalidArgument, target,
                "Ask for a shape this kind of output has (the message lists them), or read the output of another job."));
            return false;
        }

        /// <summary>
        /// The objects asked for from one output, written as its parts arrive (one Textract page at a time when the
        /// shape allows, else the whole output in one part); an empty answer gets a warning that says why. Text is
        /// written once, whole, and carries its Document and JobId.
        /// </summary>
        private sealed class Emission
        {
            private readonly GetTextractOutputCommand _command;
            private readonly OutputShapes _shapes;
            private int _emitted;
            private TextractOutput? _first;
            private BlockTally? _tally;
            private List<string>? _texts;

            public Emission(GetTextractOutputCommand command)
            {
                _command = command;
                _shapes = command.Shapes;
            }

            public void Add(TextractOutput part)
            {
                _first ??= part;
                foreach (var warning in part.Warnings) _command.WriteWarning(warning.ToString());
                if (part.Blocks != null)
                {
                    var tally = _shapes.Tally(part.Blocks);
                    if (_tally == null) _tally = tally;
                    else _tally.Add(tally);
                }
                foreach (var item in _shapes.Select(part))
                {
                    if (_command.StopToken.IsCancellationRequested) return;
                    if (item is string text && part.Blocks != null && _command.As == TextractOutputShape.Text) (_texts ??= new List<string>()).Add(text);
                    else _command.WriteObject(item is string other ? WithOrigin(other, part.Origin) : item);
                    _emitted++;
                }
            }

            /// <summary>After the last part: the text, or the warning that nothing came out.</summary>
            public void End()
            {
                if (_first == null) return;
                if (_texts != null) _command.WriteObject(WithOrigin(TextractDocument.JoinText(_texts), _first.Origin));
                if (_emitted == 0) _command.WriteWarning(_tally != null ? _shapes.WhyEmpty(_tally) : _shapes.WhyEmpty(_first));
            }
        }

        /// <summary>The text as a string that also says where it came from ($text.Document), for Group-Object and Where-Object.</summary>
        private static PSObject WithOrigin(string text, TextractDocumentOrigin origin)
        {
            var result = new PSObject(text);
            result.Properties.Add(new PSNoteProperty("Document", origin.Document));
            result.Properties.Add(new PSNoteProperty("JobId", origin.JobId));
            return result;
        }
    }
}
