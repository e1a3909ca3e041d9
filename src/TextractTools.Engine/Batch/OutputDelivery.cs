using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Document;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Output;

namespace TextractTools.Engine.Batch
{
    /// <summary>
    /// Puts a finished job's raw output pages (1..n JSON, as Get-TextractOutput -SaveTo keeps them) into
    /// {folder}/{document name}.{JobId}. The pages are written to a hidden temporary folder, checked to be complete,
    /// flushed to disk and only then renamed into place: the final folder exists whole or not at all, so a rerun
    /// after a crash either finds it (and only records it) or writes it again from scratch.
    /// </summary>
    internal sealed class OutputDelivery
    {
        private readonly JobOutputReader _reader;
        private readonly string _folder;
        private readonly TimeSpan _settleTime;

        public OutputDelivery(JobOutputReader reader, string folder, TimeSpan settleTime)
        {
            _reader = reader;
            _folder = folder;
            _settleTime = settleTime;
        }

        public string FolderFor(BatchDocument document, string jobId) =>
            Path.Combine(_folder, SafeName(Path.GetFileName(document.Location.Key)) + "." + jobId);

        /// <summary>Returns the delivered folder (which may exist already from a run that died before recording it).</summary>
        public Task<string> DeliverAsync(BatchDocument document, TextractJob job, CancellationToken cancellationToken)
        {
            var final = FolderFor(document, job.JobId);
            if (Directory.Exists(final)) return Task.FromResult(final);

            Directory.CreateDirectory(_folder);
            var partial = Path.Combine(_folder, "." + Path.GetFileName(final) + ".partial");
            if (Directory.Exists(partial)) Directory.Delete(partial, true);

            // Read on this worker thread: the page sources block on their calls one page at a time. A lending job's
            // pages and summary are kept as its output folder in the bucket holds them (detailedResponse/, summaryResponse/).
            var settings = new OutputReadSettings { SettleTime = _settleTime };
            var kind = TextractOutputKinds.Of(job.Kind);
            var lending = kind == TextractOutputKind.Lending;
            var origin = new TextractDocumentOrigin(job.Document, job.JobId);
            var pages = _reader.ReadPages(job, OutputSourceChoice.Auto, settings, cancellationToken);
            var pagesFolder = lending ? TextractOutputReader.SavedLendingFolder(partial, summary: false) : partial;
            var read = TextractOutputReader.Read(RawPageArchive.SaveAlong(pages, pagesFolder, durable: true, cancellationToken), kind, origin);
            OutputCompleteness.Check(read, job, job.OutputLocation ?? "the Get API");
            if (lending)
            {
                var summary = _reader.ReadSummary(job, OutputSourceChoice.Auto, settings, cancellationToken);
                TextractOutputReader.Read(RawPageArchive.SaveAlong(summary, TextractOutputReader.SavedLendingFolder(partial, summary: true), durable: true, cancellationToken),
                    TextractOutputKind.LendingSummary, origin);
            }
            Directory.Move(partial, final);
            return Task.FromResult(final);
        }

        private static string SafeName(string name)
        {
            var invalid = Path.GetInvalidFileNameChars();
            var safe = new string(name.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
            return safe.Length == 0 || safe.StartsWith(".", StringComparison.Ordinal) ? "document" + safe : safe;
        }
    }
}
