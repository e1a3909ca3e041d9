using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Document;
using TextractTools.Engine.Formats;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Output;

namespace TextractTools.Engine.Batch
{
    /// <summary>
    /// Puts a finished job's output into a folder named after the document ({OutputFolder}/invoice-0142.pdf/): the raw
    /// pages as 1.json, 2.json ... (a lending job's in detailedResponse/ and summaryResponse/, as in the bucket; any of
    /// them reads back with Get-TextractOutput -Path), job.json saying which document and job it is, and the
    /// deliverables asked for (<see cref="Deliverables"/>). A document whose content another one of the batch shares
    /// (its <see cref="BatchDocument.Aliases"/>) gets a folder of its own made from the same job.
    /// Everything is written into a hidden temporary folder, the pages checked to be complete and flushed to disk, and
    /// only then renamed into place: a folder in place is a whole delivery, so a rerun after a crash either finds it
    /// (and only records it) or writes it again from scratch.
    /// </summary>
    internal sealed class OutputDelivery
    {
        private const string PageExtension = ".json";

        private readonly JobOutputReader? _reader;
        private readonly string _folder;
        private readonly TimeSpan _settleTime;
        private readonly IReadOnlyCollection<BatchDeliverable> _deliverables;

        /// <param name="reader">Reads a job's output; null for a delivery that only copies folders already in place (aliases).</param>
        public OutputDelivery(JobOutputReader? reader, BatchOptions options)
        {
            _reader = reader;
            _folder = options.OutputFolder;
            _settleTime = options.OutputSettleTime;
            _deliverables = options.Deliverables;
        }

        /// <summary>
        /// The document's folder: its file name (invoice-0142.pdf). When a folder of that name holds another
        /// document's delivery (two documents of the same name from different folders or prefixes), the name gets a
        /// short mark of the document's full name (invoice-0142-3fa2c1.pdf).
        /// </summary>
        public string FolderFor(BatchDocument document)
        {
            string name = OutputFiles.DocumentName(document.DisplayName);
            string plain = Path.Combine(_folder, name);
            if (!Directory.Exists(plain) || Deliverables.DocumentOf(plain) is not { } owner || owner == document.DisplayName) return plain;
            int dot = name.LastIndexOf('.');
            string mark = "-" + OutputFiles.Distinguisher(document.DisplayName);
            return Path.Combine(_folder, dot > 0 ? name.Substring(0, dot) + mark + name.Substring(dot) : name + mark);
        }

        /// <summary>
        /// Returns the document's delivered folder (which may exist already from a run that died before recording
        /// it); the folders of its aliases are delivered too.
        /// </summary>
        public Task<string> DeliverAsync(BatchDocument document, TextractJob job, CancellationToken cancellationToken) =>
            Task.FromResult(Deliver(document, job, cancellationToken));

        private string Deliver(BatchDocument document, TextractJob job, CancellationToken cancellationToken)
        {
            var primary = FolderFor(document);
            var missingAliases = document.Aliases.Select(a => (Document: a, Folder: FolderFor(a))).Where(a => !Directory.Exists(a.Folder)).ToList();
            if (Directory.Exists(primary) && missingAliases.Count == 0) return primary;

            Directory.CreateDirectory(_folder);
            // A complete delivery of this job to copy the aliases' folders from: the one in place, or a new one.
            string source = primary;
            if (!Directory.Exists(primary))
            {
                source = PartialOf(primary);
                Write(source, document, job, cancellationToken);
            }
            foreach (var (alias, folder) in missingAliases)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var partial = PartialOf(folder);
                CopyFolder(source, partial);
                Deliverables.WriteJobFile(partial, alias, document, job);
                Directory.Move(partial, folder);
            }
            if (source != primary) Directory.Move(source, primary);
            return primary;
        }

        /// <summary>
        /// The aliases of documents delivered in an earlier run whose folders are missing (a file with the same content
        /// added since, or its folder deleted): their folders are copied from the delivered one, no output read. A
        /// rerun skips delivered documents, so this is the only way such a name gets its deliverables.
        /// </summary>
        public static IReadOnlyList<TextractBatchItem> DeliverMissingAliases(IEnumerable<BatchDocument> documents, BatchState state, BatchOptions options)
        {
            var delivery = new OutputDelivery(null, options);
            var items = new List<TextractBatchItem>();
            foreach (var document in documents.Where(d => d.Aliases.Count > 0))
            {
                var request = JobTemplate.Request(options, document.Location, null, document.ETag);
                var done = state.Find(request.ClientRequestToken!);
                if (done == null || done.Stage != BatchStage.Delivered || done.OutputFolder == null || !Directory.Exists(done.OutputFolder)) continue;
                var job = JobTemplate.Job(options, request, done.JobId!);
                job.Status = done.Status ?? BatchStatus.Succeeded;
                job.Pages = done.Pages;
                foreach (var alias in document.Aliases)
                {
                    var folder = delivery.FolderFor(alias);
                    if (Directory.Exists(folder)) continue;
                    var partial = delivery.PartialOf(folder);
                    CopyFolder(done.OutputFolder, partial);
                    Deliverables.WriteJobFile(partial, alias, document, job);
                    Directory.Move(partial, folder);
                    items.Add(new TextractBatchItem
                    {
                        Document = alias.DisplayName, S3Uri = document.Uri, JobId = job.JobId, Status = job.Status, StatusMessage = done.Message,
                        Pages = job.Pages, OutputFolder = folder, Delivered = true,
                    });
                }
            }
            return items;
        }

        private string PartialOf(string final)
        {
            var partial = Path.Combine(_folder, "." + Path.GetFileName(final) + ".partial");
            if (Directory.Exists(partial)) Directory.Delete(partial, true);
            return partial;
        }

        /// <summary>Reads the job's output into <paramref name="partial"/>: pages, job.json, deliverables.</summary>
        private void Write(string partial, BatchDocument document, TextractJob job, CancellationToken cancellationToken)
        {
            // Read on this worker thread: the page sources block on their calls one page at a time.
            var settings = new OutputReadSettings { SettleTime = _settleTime };
            var kind = TextractOutputKinds.Of(job.Kind);
            var lending = kind == TextractOutputKind.Lending;
            var origin = new TextractDocumentOrigin(job.Document, job.JobId);
            var reader = _reader ?? throw new InvalidOperationException("This delivery only copies folders in place; it has no output reader.");
            var pages = reader.ReadPages(job, OutputSourceChoice.Auto, settings, cancellationToken);
            var pagesFolder = lending ? TextractOutputReader.SavedLendingFolder(partial, summary: false) : partial;
            var read = TextractOutputReader.Read(RawPageArchive.SaveAlong(pages, pagesFolder, durable: true, cancellationToken, PageExtension), kind, origin);
            OutputCompleteness.Check(read, job, job.OutputLocation ?? "the Get API");
            if (lending)
            {
                var summary = reader.ReadSummary(job, OutputSourceChoice.Auto, settings, cancellationToken);
                TextractOutputReader.Read(RawPageArchive.SaveAlong(summary, TextractOutputReader.SavedLendingFolder(partial, summary: true), durable: true, cancellationToken, PageExtension),
                    TextractOutputKind.LendingSummary, origin);
            }
            Deliverables.WriteJobFile(partial, document, document, job);
            Deliverables.Write(read, partial, _deliverables);
        }

        private static void CopyFolder(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            foreach (var folder in Directory.GetDirectories(from)) CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
