using System;
using System.Collections.Generic;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Building
{
    /// <summary>
    /// Reads block output one Textract page at a time: each page becomes a document of its own (a
    /// <see cref="DocumentSlice"/>) as soon as the blocks of a later page arrive, so only one page's blocks are held
    /// however long the output. Textract writes a job's blocks in page order; output whose blocks go back to a page
    /// already handed out cannot be read this way and is refused with a message that says so (never read short).
    /// With <see cref="DocumentReadOptions.MergeContinuedTables"/>, a page that holds a table is kept with the next
    /// page, so that a table continued there is joined: a run of pages with tables is built together with the page
    /// after it.
    /// Tables and layout blocks keep the Index they have in the whole document; Textract's warnings come with the
    /// first page that follows them, the reader's end-of-output checks (pages without a PAGE block) with the last.
    /// </summary>
    internal sealed class PageByPageReader
    {
        private readonly TextractDocumentOrigin _origin;
        private readonly DocumentReadOptions _options;
        private readonly AnswerSummary _summary = new AnswerSummary();
        private readonly HashSet<int> _pagesWithPageBlock = new HashSet<int>();
        private readonly BatchIdMap _idMap = new BatchIdMap();
        private readonly HashSet<string> _reportedBlockTypes = new HashSet<string>(StringComparer.Ordinal);
        private int _warningsReported;
        private int _tableIndexBase;
        private int _layoutIndexBase;
        // Pages already handed out end at _lastPageDone; the store holds pages after it, up to _lastPage.
        private int _lastPageDone;
        private BlockStore? _store;
        private int _lastPage;
        private bool _lastPageHasTable;

        private PageByPageReader(TextractDocumentOrigin origin, DocumentReadOptions options)
        {
            _origin = origin;
            _options = options;
        }

        public static IEnumerable<TextractDocument> Read(IEnumerable<RawOutputPage> pages, TextractDocumentOrigin origin, DocumentReadOptions options) =>
            new PageByPageReader(origin, options).ReadAll(ParseOneByOne(pages));

        /// <summary>The same from pages parsed already, in order (a saved file's pieces parsed on several threads); each batch is done with when the next is asked for.</summary>
        public static IEnumerable<TextractDocument> Read(IEnumerable<PageBatch> parsedPages, TextractDocumentOrigin origin, DocumentReadOptions options) =>
            new PageByPageReader(origin, options).ReadAll(parsedPages);

        private static IEnumerable<PageBatch> ParseOneByOne(IEnumerable<RawOutputPage> pages)
        {
            var parser = new OutputJsonParser();
            var batch = new PageBatch();
            int ordinal = 0;
            foreach (RawOutputPage raw in pages)
            {
                if (raw == null) throw new ArgumentException("The sequence of output pages holds a null page.", nameof(pages));
                parser.ParseInto(raw, ordinal++, batch);
                yield return batch;
            }
        }

        private IEnumerable<TextractDocument> ReadAll(IEnumerable<PageBatch> batches)
        {
            bool anyAnswer = false, anyDocument = false;
            foreach (PageBatch batch in batches)
            {
                foreach (AnswerInfo answer in batch.Answers)
                {
                    anyAnswer = true;
                    _summary.Add(answer); // a FAILED or unfinished job stops the read here
                }
                _summary.Finish();

                // The batch's blocks in runs of one page each.
                for (int start = 0, end; start < batch.Count; start = end)
                {
                    int page = batch[start].Page;
                    for (end = start + 1; end < batch.Count && batch[end].Page == page;) end++;
                    if (_store != null && page > _lastPage && !(_options.MergeContinuedTables && _lastPageHasTable))
                    {
                        yield return Build(final: false);
                        anyDocument = true;
                    }
                    Append(batch, start, end, page);
                }
                batch.ThrowIfFailed();
            }
            if (!anyAnswer) throw new TextractOutputException("No output pages were given to read.");
            // The last pages (or, for output with no blocks, an empty document that carries the status and warnings).
            if (_store != null || !anyDocument || (_summary.PageCount ?? 0) > _lastPageDone
                || _warningsReported < _summary.Warnings.Count || FinalWarnings().Count > 0)
            {
                yield return Build(final: true);
            }
        }

        private void Append(PageBatch batch, int start, int end, int page)
        {
            if (page <= _lastPageDone)
            {
                throw new TextractOutputException(
                    $"{batch.Source}: blocks of page {page} come after those of page {Math.Max(_lastPage, _lastPageDone)}, and page {page} has already been returned: " +
                    "this output is not in page order (or holds an output page twice), so it cannot be read page by page. " +
                    "Read the whole document (-As Document) instead.", batch.Source);
            }
            // A new store's first page is past every page handed out, so past _lastPage too: the page starts below.
            _store ??= new BlockStore(idShards: 1, _idMap);
            if (page > _lastPage)
            {
                _lastPage = page;
                _lastPageHasTable = false;
            }
            for (int b = start; b < end; b++)
            {
                string type = batch[b].BlockType;
                if (string.Equals(type, BlockTypes.Page, StringComparison.Ordinal)) _pagesWithPageBlock.Add(page);
                else if (page == _lastPage && string.Equals(type, BlockTypes.Table, StringComparison.Ordinal)) _lastPageHasTable = true;
            }
            _store.Append(batch, _options.Lenient, start, end - start);
        }

        private TextractDocument Build(bool final)
        {
            BlockStore store = _store ?? new BlockStore(idShards: 1);
            // From the page after those handed out: a page between them that has no blocks is a page of this slice, as
            // it is of the whole document; the last slice runs to the last page the output describes.
            int firstPage = _lastPageDone + 1;
            int lastPage = Math.Max(_store == null ? 0 : _lastPage, final ? _summary.PageCount ?? 0 : 0);
            var newWarnings = _summary.Warnings.GetRange(_warningsReported, _summary.Warnings.Count - _warningsReported);
            _warningsReported = _summary.Warnings.Count;
            var slice = new DocumentSlice(firstPage, lastPage, _tableIndexBase, _layoutIndexBase,
                final ? FinalWarnings() : new List<TextractDocumentWarning>(), _reportedBlockTypes);
            TextractDocument document = DocumentBuilder.Build(store, _options, _origin, _summary, newWarnings, slice);
            _tableIndexBase += document.Tables.Count;
            _layoutIndexBase += document.Layout.Count;
            _lastPageDone = Math.Max(_lastPageDone, lastPage);
            _store = null;
            return document;
        }

        /// <summary>As for a whole document: pages the output describes without a PAGE block, when other pages have one.</summary>
        private List<TextractDocumentWarning> FinalWarnings()
        {
            var warnings = new List<TextractDocumentWarning>();
            int pageCount = Math.Max(_summary.PageCount ?? 0, Math.Max(_lastPageDone, _lastPage));
            List<int> missing = PageBuilder.PagesWithoutPageBlock(pageCount, _pagesWithPageBlock);
            if (missing.Count > 0) warnings.Add(DocumentBuilder.MissingPagesWarning(pageCount, missing));
            return warnings;
        }
    }
}
