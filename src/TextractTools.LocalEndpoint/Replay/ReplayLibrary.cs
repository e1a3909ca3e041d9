using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Samples;

namespace TextractTools.LocalEndpoint.Replay
{
    /// <summary>
    /// Where the local endpoint's Textract answers come from. It has no OCR: it replays what Amazon Textract once
    /// answered for the very same bytes.
    /// <para>
    /// Matching: a document is known by the SHA-256 of its bytes. Recordings come from (1) the project's own sample
    /// (<see cref="ProjectSample"/>, skipped while it cannot be generated), (2) each replay folder, laid out as
    /// <c>documents/&lt;name&gt;</c> beside <c>responses/&lt;name&gt;.&lt;anything&gt;.json</c> (the richest response
    /// of each kind wins when there are several), and (3) <see cref="AddRecording"/> at run time (the latest call of
    /// each kind wins). A response's kind is recognised from its content (<see cref="RecordingReader"/>): blocks
    /// (text detection and analysis), expense, lending, lending summary; one document may have several kinds.
    /// </para>
    /// <para>
    /// A document with no blocks recording: a PDF with a text layer is answered with its words as PAGE/LINE/WORD
    /// blocks (see <see cref="PdfTextLayer"/>), and analysis features then find no structure. Any other document
    /// (images, scanned PDFs) makes the job FAILED with a StatusMessage naming its SHA-256 and how to add a recording.
    /// Expense and lending jobs need a recording of their kind: without one they end FAILED the same way (nothing
    /// honest can be made up from a text layer for them).
    /// </para>
    /// The same text, for users, is in REPLAY.md beside the project file.
    /// </summary>
    public sealed class ReplayLibrary
    {
        private readonly ConcurrentDictionary<string, DocumentRecordings> _recordings = new(StringComparer.Ordinal);

        // Text layers are cached so that polling many jobs on one PDF parses it once.
        private readonly ConcurrentDictionary<string, Recording?> _textLayers = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<string> _problems = new();

        /// <param name="replayFolders">folders of recordings; a folder that does not exist is an error (a mistyped --replay).</param>
        /// <param name="includeProjectSample">whether to load the project's own sample document and its recordings.</param>
        public ReplayLibrary(IEnumerable<string>? replayFolders = null, bool includeProjectSample = true)
        {
            if (includeProjectSample) AddProjectSample();
            foreach (var folder in replayFolders ?? Array.Empty<string>()) AddFolder(folder);
        }

        public static ReplayLibrary FromOptions(EndpointOptions options) => new(options.ReplayFolders);

        /// <summary>How many documents have a recording (of any kind).</summary>
        public int Count => _recordings.Count;

        /// <summary>Recordings that could not be loaded, each with its reason (for the endpoint's startup log).</summary>
        public IReadOnlyList<string> Problems => _problems.ToArray();

        public static string Sha256Hex(byte[] document) => Convert.ToHexString(SHA256.HashData(document)).ToLowerInvariant();

        /// <summary>Whether the document has a recording of any kind.</summary>
        public bool HasRecording(byte[] document) => _recordings.ContainsKey(Sha256Hex(document));

        /// <summary>
        /// Adds (or replaces) a recording for a document. Its kind is recognised from its content: a blocks answer
        /// (text detection, analysis), an expense, a lending or a lending summary answer. Recordings of the document's
        /// other kinds stay.
        /// </summary>
        /// <exception cref="FormatException">the response is not a Textract answer the endpoint replays.</exception>
        public void AddRecording(byte[] document, string responseJson)
        {
            if (document is null) throw new ArgumentNullException(nameof(document));
            if (responseJson is null) throw new ArgumentNullException(nameof(responseJson));
            Store(Sha256Hex(document), RecordingReader.ReadAny(responseJson, "a recording added at run time"));
        }

        /// <summary>Loads a folder laid out like textract-samples; returns how many documents got a recording.</summary>
        /// <exception cref="DirectoryNotFoundException">the folder or its documents/ folder does not exist.</exception>
        public int AddFolder(string folder)
        {
            var documents = Path.Combine(folder, "documents");
            var responses = Path.Combine(folder, "responses");
            if (!Directory.Exists(documents))
                throw new DirectoryNotFoundException($"The replay folder '{folder}' has no documents/ folder.");
            if (!Directory.Exists(responses))
            {
                _problems.Enqueue($"The replay folder '{folder}' has no responses/ folder.");
                return 0;
            }

            var responseFiles = Directory.GetFiles(responses, "*.json");
            var added = 0;
            foreach (var documentPath in Directory.GetFiles(documents).OrderBy(p => p, StringComparer.Ordinal))
            {
                var prefix = Path.GetFileName(documentPath) + ".";
                var candidates = responseFiles
                    .Where(r => Path.GetFileName(r).StartsWith(prefix, StringComparison.Ordinal))
                    .OrderBy(r => r, StringComparer.Ordinal)
                    .Select(TryReadFile)
                    .Where(r => r is not null)
                    .ToList();
                if (candidates.Count == 0)
                {
                    _problems.Enqueue($"{documentPath} has no usable responses/{prefix}*.json.");
                    continue;
                }
                // Several recordings of one kind (say text detection and analysis): the one with the most blocks (or
                // expense documents, or lending results) holds the others' too, so it can serve every operation.
                var sha = Sha256Hex(File.ReadAllBytes(documentPath));
                foreach (var richest in candidates.GroupBy(r => DocumentRecordings.KindOf(r!)).Select(g => g.OrderByDescending(r => DocumentRecordings.SizeOf(r!)).First()!))
                    Store(sha, richest);
                added++;
            }
            return added;
        }

        /// <summary>The blocks to serve for a text detection or analysis job, or the reason it fails.</summary>
        internal ReplayAnswer<Recording> Answer(byte[] document, bool isPdf)
        {
            var sha = Sha256Hex(document);
            if (Find(sha).Blocks is { } recording) return ReplayAnswer.Found(recording);
            if (isPdf && _textLayers.GetOrAdd(sha, _ => PdfTextLayer.TryRead(document, sha)) is { } textLayer)
                return ReplayAnswer.Found(textLayer);
            return ReplayAnswer.Failed<Recording>(
                $"The local endpoint has no recording for this document (SHA-256 {sha}) and it has no text layer to read. " +
                HowToAdd("a DetectDocumentText, AnalyzeDocument or Get* answer", "analysis"));
        }

        /// <summary>The ExpenseDocuments to serve for an expense job, or the reason it fails.</summary>
        internal ReplayAnswer<ExpenseRecording> AnswerExpense(byte[] document)
        {
            var sha = Sha256Hex(document);
            return Find(sha).Expense is { } recording
                ? ReplayAnswer.Found(recording)
                : ReplayAnswer.Failed<ExpenseRecording>(
                    $"The local endpoint has no expense recording for this document (SHA-256 {sha}); it cannot make up invoice fields. " +
                    HowToAdd("a GetExpenseAnalysis or AnalyzeExpense answer", "expense"));
        }

        /// <summary>The Results (and recorded summary, if any) to serve for a lending job, or the reason it fails.</summary>
        internal ReplayAnswer<LendingReplay> AnswerLending(byte[] document)
        {
            var sha = Sha256Hex(document);
            var recordings = Find(sha);
            return recordings.Lending is { } lending
                ? ReplayAnswer.Found(new LendingReplay(lending, recordings.LendingSummary))
                : ReplayAnswer.Failed<LendingReplay>(
                    $"The local endpoint has no lending recording for this document (SHA-256 {sha}); it cannot make up page classifications. " +
                    HowToAdd("a GetLendingAnalysis answer (and optionally its GetLendingAnalysisSummary answer in a second file)", "lending"));
        }

        private static string HowToAdd(string what, string nameHint) =>
            $"To replay a real Textract answer, put the document in <folder>/documents/ and {what} in " +
            $"<folder>/responses/<document file name>.<anything>.json (e.g. <document file name>.{nameHint}.json; the content says the kind), " +
            "then start the endpoint with --replay <folder>.";

        private DocumentRecordings Find(string sha) => _recordings.TryGetValue(sha, out var found) ? found : DocumentRecordings.None;

        private void Store(string sha, object recording) =>
            _recordings.AddOrUpdate(sha, _ => DocumentRecordings.None.With(recording), (_, existing) => existing.With(recording));

        private object? TryReadFile(string path)
        {
            try
            {
                return RecordingReader.ReadAny(File.ReadAllText(path), path);
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                _problems.Enqueue(e.Message);
                return null;
            }
        }

        private void AddProjectSample()
        {
            try
            {
                var sha = Sha256Hex(ProjectSample.CreatePdf());
                Store(sha, RecordingReader.ReadAny(ProjectSample.CreateAnalysisJson(), ProjectSample.AnalysisFileName));
                Store(sha, RecordingReader.ReadAny(ProjectSample.CreateExpenseJson(), ProjectSample.ExpenseFileName));
                Store(sha, RecordingReader.ReadAny(ProjectSample.CreateLendingJson(), ProjectSample.LendingFileName));
            }
            catch (Exception e)
            {
                // The sample is generated by code that may be unfinished (NotImplementedException) or broken; whatever
                // it throws, the endpoint still serves every other recording.
                _problems.Enqueue($"The project sample {ProjectSample.FileName} is not available: {e.Message}");
            }
        }
    }
}
