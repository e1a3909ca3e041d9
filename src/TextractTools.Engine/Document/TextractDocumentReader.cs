using System;
using System.Collections.Generic;
using TextractTools.Engine.Document.Building;
using TextractTools.Engine.Document.Files;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// Reads Textract output (text detection or document analysis) into a <see cref="TextractDocument"/>. Pages are
    /// parsed one at a time as the sequence yields them, so the caller may stream them from the API or S3.
    /// </summary>
    public static class TextractDocumentReader
    {
        /// <summary>
        /// Reads every output page of one job (or one synchronous answer) into a document.
        /// </summary>
        /// <param name="origin">
        /// Where the output came from: every object of the document refers to it for its Document and JobId (a new,
        /// empty one when null; the caller may fill it in later through <see cref="TextractDocument.Origin"/>).
        /// </param>
        /// <exception cref="TextractOutputException">
        /// Malformed or truncated JSON, a FAILED or unfinished job, expense output, or (unless
        /// <see cref="DocumentReadOptions.Lenient"/>) a relationship to a block none of the pages hold.
        /// </exception>
        public static TextractDocument Read(IEnumerable<RawOutputPage> pages, TextractDocumentOrigin? origin = null, DocumentReadOptions? options = null)
        {
            if (pages == null) throw new ArgumentNullException(nameof(pages));
            options ??= new DocumentReadOptions();
            var store = new BlockStore();
            // One page at a time, on this thread: a caller may hand out pages that share one buffer.
            var parser = new OutputJsonParser(store, options.Lenient);
            foreach (RawOutputPage page in pages)
            {
                if (page == null) throw new ArgumentException("The sequence of output pages holds a null page.", nameof(pages));
                parser.Parse(page);
            }
            return Build(store, options, origin);
        }

        /// <summary>
        /// Reads block output one Textract page at a time: yields a document per page as soon as the page is complete
        /// (with <see cref="DocumentReadOptions.MergeContinuedTables"/>, consecutive pages with tables together), so
        /// that only one page's blocks are held however long the output. Each document's lists hold its own page's
        /// objects, which have the Document, JobId, Page and Index they have in the whole document; its PageCount is
        /// the whole document's as far as known. Textract's warnings come with the first document after them, the
        /// end-of-output checks with the last.
        /// </summary>
        /// <exception cref="TextractOutputException">
        /// As for <see cref="Read"/>, raised when the page that holds the problem is reached (pages before it have been
        /// yielded); also for output whose blocks are not in page order.
        /// </exception>
        public static IEnumerable<TextractDocument> ReadByPage(IEnumerable<RawOutputPage> pages, TextractDocumentOrigin origin, DocumentReadOptions? options = null)
        {
            if (pages == null) throw new ArgumentNullException(nameof(pages));
            if (origin == null) throw new ArgumentNullException(nameof(origin));
            return PageByPageReader.Read(pages, origin, options ?? new DocumentReadOptions());
        }

        /// <summary>
        /// Reads a saved answer, or a saved JSON array of answers (a file holding no answer, such as [], is named in
        /// the error); the origin's Document is the path unless given. The file is read as a stream, cut into pieces
        /// of at most 1,000 blocks (and about 256 KB) that are parsed on several threads when the machine has more
        /// than one core; the document is the same as parsed whole.
        /// </summary>
        public static TextractDocument ReadFile(string path, TextractDocumentOrigin? origin = null, DocumentReadOptions? options = null) =>
            ReadFile(path, origin, options, ParallelPageParser.DefaultWorkers);

        /// <summary>As <see cref="ReadFile(string, TextractDocumentOrigin?, DocumentReadOptions?)"/> with a given number of parsing threads (1: none but the caller's).</summary>
        internal static TextractDocument ReadFile(string path, TextractDocumentOrigin? origin, DocumentReadOptions? options, int workers)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            var buffers = new PieceBuffers();
            using (IEnumerator<RawOutputPage> pieces = SavedOutputFile.ReadPieces(path, buffers).GetEnumerator())
            {
                return ReadPieces(path, pieces, buffers, origin, options, workers);
            }
        }

        /// <summary>
        /// Reads the pieces of the saved file at <paramref name="path"/> (<see cref="SavedOutputFile"/>), some of which
        /// the caller may have taken already (<paramref name="pieces"/> then yields them first).
        /// </summary>
        internal static TextractDocument ReadPieces(string path, IEnumerator<RawOutputPage> pieces, PieceBuffers buffers,
            TextractDocumentOrigin? origin, DocumentReadOptions? options, int workers)
        {
            options ??= new DocumentReadOptions();
            var store = new BlockStore();
            ParallelPageParser.ReadPiecesInto(store, pieces, buffers, options.Lenient, workers);
            if (store.Answers.Count == 0) throw SavedOutputFile.NoAnswer(path);
            return Build(store, options, origin ?? new TextractDocumentOrigin(path));
        }

        /// <summary>
        /// Reads a folder of numbered output objects as Textract writes them to S3 (1, 2, ..., 10 in numeric order;
        /// .s3_access_check and other names skipped). The objects are parsed on several threads when the machine has
        /// more than one core, a few objects ahead at most; the document is the same as read one object at a time.
        /// The origin's Document is the path unless given.
        /// </summary>
        public static TextractDocument ReadFolder(string path, TextractDocumentOrigin? origin = null, DocumentReadOptions? options = null) =>
            ReadFolder(path, origin, options, ParallelPageParser.DefaultWorkers);

        /// <summary>As <see cref="ReadFolder(string, TextractDocumentOrigin?, DocumentReadOptions?)"/> with a given number of parsing threads (1: none but the caller's).</summary>
        internal static TextractDocument ReadFolder(string path, TextractDocumentOrigin? origin, DocumentReadOptions? options, int workers)
        {
            options ??= new DocumentReadOptions();
            IReadOnlyList<string> files = NumberedOutputFolder.ListFiles(path);
            var store = new BlockStore();
            ParallelPageParser.ReadFolderInto(store, files, options.Lenient, workers);
            return Build(store, options, origin ?? new TextractDocumentOrigin(path));
        }

        /// <summary>The pages of such a folder, in order, read one at a time (for callers that stream them elsewhere).</summary>
        public static IEnumerable<RawOutputPage> EnumerateFolder(string path) => NumberedOutputFolder.ReadPages(path);

        private static TextractDocument Build(BlockStore store, DocumentReadOptions options, TextractDocumentOrigin? origin)
        {
            if (store.Answers.Count == 0) throw new TextractOutputException("No output pages were given to read.");
            return DocumentBuilder.Build(store, options, origin ?? new TextractDocumentOrigin());
        }
    }
}
