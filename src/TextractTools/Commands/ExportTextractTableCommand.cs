using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using TextractTools.Engine.Document;
using TextractTools.Engine.Formats;
using TextractTools.Engine.Jobs;

namespace TextractTools.Commands
{
    /// <summary>
    /// Writes every table it is given into a folder, one CSV file per table, named after the document, the page, the
    /// table's number and its title (invoice-0142_page1_table2_Line-items.csv), and returns the files it wrote. Takes
    /// tables (Get-TextractOutput -As Table), documents (Get-TextractOutput), finished jobs (also saved with
    /// Export-Clixml), s3:// output locations and saved output (files, folders, Get-ChildItem) from the pipeline.
    /// </summary>
    [Cmdlet(VerbsData.Export, "TextractTable", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportTextractTableCommand : OutputReadingCmdletBase
    {
        private string _folder = "";

        // Which document each file-name stem of the folder stands for, in this run and earlier ones (made on the first write).
        private DocumentStems? _stems;

        /// <summary>The folder the CSV files go into (made when missing).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        public string Path { get; set; } = "";

        /// <summary>
        /// Tables, documents, jobs, s3:// output locations, or saved output (a path, or a file or folder from
        /// Get-ChildItem).
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

        /// <summary>
        /// A table whose cells Textract did not mark COLUMN_HEADER takes its column names from its first row (which is
        /// then no data row). Without it such a table's CSV has the header Column1, Column2, ... and every row as data.
        /// </summary>
        [Parameter]
        public SwitchParameter FirstRowAsHeader { get; set; }

        /// <summary>Join tables continued on the next page into one (for jobs and saved output read here).</summary>
        [Parameter]
        public SwitchParameter MergeContinuedTables { get; set; }

        private protected override DocumentReadOptions ReadOptions => new DocumentReadOptions { MergeContinuedTables = MergeContinuedTables };

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // Refused before anything is read or written: a folder that is a file, or not on the file system.
            string folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out ProviderInfo provider, out _);
            if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
            {
                ThrowTerminatingError(ErrorRecords.Make(new ArgumentException($"-Path '{Path}' is on the {provider.Name} drive; the tables are written to a folder on the file system.", nameof(Path)),
                    "PathNotFileSystem", ErrorCategory.InvalidArgument, Path, "Give a folder on a file system drive, for example -Path ./tables."));
            }
            for (string? existing = folder; !string.IsNullOrEmpty(existing); existing = System.IO.Path.GetDirectoryName(existing))
            {
                if (Directory.Exists(existing)) break;
                if (File.Exists(existing))
                {
                    string what = existing == folder ? $"-Path '{folder}' is a file" : $"-Path '{folder}' lies under '{existing}', which is a file";
                    ThrowTerminatingError(ErrorRecords.Make(new ArgumentException(what + ": the tables are written as files into a folder.", nameof(Path)),
                        "PathIsFile", ErrorCategory.InvalidArgument, Path, "Give a folder (it is made when missing), for example -Path ./tables."));
                }
            }
            _folder = folder;
        }

        protected override void ProcessRecord()
        {
            foreach (PSObject? item in InputObject)
            {
                if (item is null) continue;
                if (StopToken.IsCancellationRequested) return;
                Export(item);
            }
        }

        private void Export(PSObject item)
        {
            switch (item.BaseObject)
            {
                case TextractTable table:
                    Write(table);
                    return;
                case TextractDocument document:
                    WriteAll(document);
                    return;
                case FileSystemInfo file:
                    WriteAll(ReadSavedOutput(file.FullName, summary: false)?.Blocks);
                    return;
                case string text when text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase):
                    WriteAll(ReadS3Output(text, summary: false)?.Blocks);
                    return;
                case string path:
                    foreach (string resolved in SavedOutputPaths(path)) WriteAll(ReadSavedOutput(resolved, summary: false)?.Blocks);
                    return;
            }
            TextractJob? job = JobObjects.From(item);
            if (job != null)
            {
                WriteAll(ReadJobOutput(job, summary: false)?.Blocks);
                return;
            }
            var error = new ArgumentException(
                $"Export-TextractTable cannot export a {item.BaseObject.GetType().Name} ('{item}'): it takes tables (Get-TextractOutput -As Table), " +
                "documents (Get-TextractOutput), jobs, s3:// output locations and saved output (paths, files, folders).", nameof(InputObject));
            WriteError(ErrorRecords.Make(error, "InputNotTables", ErrorCategory.InvalidArgument, item,
                "Pipe tables or what holds them: Get-TextractOutput -As Table | Export-TextractTable -Path ./tables. Table rows (-As TableRow) go to Export-Csv."));
        }

        /// <summary>A path as given, wildcards expanded (a path that does not exist is passed on: the read says so).</summary>
        private IEnumerable<string> SavedOutputPaths(string path)
        {
            Collection<string>? resolved = null;
            try
            {
                resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out _);
            }
            catch (ItemNotFoundException)
            {
            }
            return resolved == null || resolved.Count == 0 ? new[] { path } : (IEnumerable<string>)resolved;
        }

        private void WriteAll(TextractDocument? document)
        {
            if (document == null) return;
            if (document.Tables.Count == 0)
            {
                WriteWarning(new OutputShapes(TextractOutputShape.Table, new int[0], 0, new int[0], MergedCellMode.Repeat, new string[0], false).WhyEmpty(document));
                return;
            }
            foreach (TextractTable table in document.Tables)
            {
                if (StopToken.IsCancellationRequested) return;
                Write(table);
            }
        }

        private void Write(TextractTable table)
        {
            string source = OutputFiles.DocumentName(table.Document);
            string path;
            try
            {
                _stems ??= DocumentStems.Load(_folder);
                path = System.IO.Path.Combine(_folder, OutputFiles.DocumentStem(table.Document) + "_" + OutputFiles.TableFileName(table));
                if (!ShouldProcess(path, $"Write table {table.Index} (page {table.Page}, {table.RowCount}x{table.ColumnCount}) of {source}")) return;
                path = System.IO.Path.Combine(_folder, _stems.StemOf(table.Document) + "_" + OutputFiles.TableFileName(table));
                TableCsv.WriteFile(table, path, MergedCellMode.Repeat, FirstRowAsHeader);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                ReportError(e, table);
                return;
            }
            foreach (PSObject file in InvokeProvider.Item.Get(new[] { path }, force: true, literalPath: true)) WriteObject(file);
        }

        /// <summary>Only tables of text detection and document analysis: expense and lending output have line items instead.</summary>
        private protected override bool Accepts(TextractOutputKind kind, object target)
        {
            if (kind == TextractOutputKind.Blocks || kind == TextractOutputKind.StatusOnly) return true;
            var error = new ArgumentException($"{target} holds {TextractOutputKinds.Describe(kind)}, which has no tables for Export-TextractTable.", nameof(InputObject));
            WriteError(ErrorRecords.Make(error, "OutputHasNoTables", ErrorCategory.InvalidArgument, target,
                "For invoices and receipts, write their line items with Get-TextractOutput -As LineItem | Export-Csv."));
            return false;
        }
    }
}
