using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Building
{
    /// <summary>
    /// Turns a filled <see cref="BlockStore"/> into a <see cref="TextractDocument"/>: checks the answers and the
    /// relationships, then lets one builder per kind of object do its part.
    /// </summary>
    internal static class DocumentBuilder
    {
        private const int MaxIdsNamed = 5;

        public static TextractDocument Build(BlockStore store, DocumentReadOptions options, TextractDocumentOrigin origin)
        {
            AnswerSummary summary = AnswerSummary.Of(store.Answers);
            return Build(store, options, origin, summary, summary.Warnings, DocumentSlice.Whole);
        }

        /// <summary>
        /// Builds the document, or one slice of it (<see cref="DocumentSlice"/>: the pages of <paramref name="store"/>
        /// when the output is read page by page). <paramref name="answerWarnings"/>: the answers' warnings this build
        /// reports (a slice reports those not reported before).
        /// </summary>
        public static TextractDocument Build(BlockStore store, DocumentReadOptions options, TextractDocumentOrigin origin, AnswerSummary summary,
            IReadOnlyList<TextractDocumentWarning> answerWarnings, DocumentSlice slice)
        {
            var warnings = new List<TextractDocumentWarning>(answerWarnings);
            warnings.AddRange(store.Warnings);

            List<KeyValuePair<int, string>> missing = store.Seal();
            if (missing.Count > 0) ReportMissingBlocks(store, missing, options.Lenient, warnings);
            ReportUnknownBlockTypes(store, warnings, slice.ReportedBlockTypes);

            var parts = new DocumentParts
            {
                JobStatus = summary.JobStatus,
                StatusMessage = summary.StatusMessage,
                ModelVersion = summary.ModelVersion,
            };
            // Fields, tables, queries and signatures need nothing the lines and layout need, nor the other way round:
            // on a machine with more than one core they are built meanwhile on another thread (not worth it for a slice).
            List<TextractTable> tables = null!;
            void BuildContainers()
            {
                var content = new ContentText(store);
                parts.KeyValues = new KeyValueBuilder(store, content, origin).Build();
                tables = new TableBuilder(store, content, origin, slice.TableIndexBase).Build();
                parts.Queries = new QueryBuilder(store, origin).Build();
                parts.Signatures = SignatureBuilder.Build(store, origin);
            }
            Task? containers = Environment.ProcessorCount > 1 && slice.IsWhole ? Task.Run(BuildContainers) : null;

            var lineBuilder = new LineBuilder(store, origin);
            var wordOfBlock = new TextractWord?[store.Count];
            var lineOfBlock = new TextractLine?[store.Count];
            parts.Words = lineBuilder.BuildWords(wordOfBlock);
            parts.Lines = lineBuilder.BuildLines(wordOfBlock, lineOfBlock);
            var layoutBuilder = new LayoutBuilder(store, lineOfBlock, origin, slice.LayoutIndexBase);
            parts.Layout = layoutBuilder.Build();

            if (containers == null) BuildContainers();
            else containers.GetAwaiter().GetResult(); // rethrows the builder's own exception, not an AggregateException
            parts.Tables = options.MergeContinuedTables
                ? new TableMerger(parts.Lines, layoutBuilder.PageFurnitureLines()).Merge(tables, slice.TableIndexBase)
                : tables;

            int highestPage = PageBuilder.HighestPage(store);
            int pageCount = Math.Max(summary.PageCount ?? 0, highestPage);
            parts.PageCount = pageCount;
            // A slice holds its own pages only; the whole document every page the output describes.
            int firstPage = slice.IsWhole ? 1 : slice.FirstPage;
            int lastPage = slice.IsWhole ? pageCount : Math.Max(highestPage, slice.LastPage);
            // Reading order, claims of lines by tables and fields: made when the text (or a rendering) is first asked for.
            parts.Content = new Lazy<DocumentContent>(() => ContentBuilder.Build(store, parts, firstPage, lastPage));
            var pageBuilder = new PageBuilder(store, parts.Content, origin);
            parts.Pages = pageBuilder.Build(firstPage, lastPage, parts);
            // Read page by page, the reader reports missing pages once it has seen them all (DocumentSlice.FinalWarnings).
            List<int> pagesWithoutBlock = slice.IsWhole ? pageBuilder.PagesWithoutPageBlock(pageCount) : new List<int>();
            if (pagesWithoutBlock.Count > 0) warnings.Add(MissingPagesWarning(pageCount, pagesWithoutBlock));
            warnings.AddRange(slice.FinalWarnings);
            parts.Warnings = warnings;
            parts.Blocks = new BlocksView(store, origin);
            return new TextractDocument(origin, parts);
        }

        /// <summary>Pages the output describes that have no PAGE block, when other pages have one (a sign of missing output).</summary>
        public static TextractDocumentWarning MissingPagesWarning(int pageCount, IReadOnlyList<int> pagesWithoutBlock) =>
            new TextractDocumentWarning(ReaderWarningCodes.MissingPages,
                $"The output describes {pageCount} page(s) but has no PAGE block for page(s) {string.Join(", ", pagesWithoutBlock)}: " +
                "part of the output may be missing.", pagesWithoutBlock.ToArray());

        private static void ReportMissingBlocks(BlockStore store, List<KeyValuePair<int, string>> missing, bool lenient,
            List<TextractDocumentWarning> warnings)
        {
            // One report per output page, naming a few of the dangling ids: enough to find them, short enough to read.
            foreach (IGrouping<int, KeyValuePair<int, string>> bySource in missing.GroupBy(m => store[m.Key].SourceIndex))
            {
                string source = store.Sources[bySource.Key];
                var named = bySource.Take(MaxIdsNamed)
                    .Select(m => $"{store[m.Key].BlockType} {store.IdOf(m.Key)} (page {store[m.Key].Page}) -> {m.Value}");
                int count = bySource.Count();
                int[] pages = bySource.Select(m => store[m.Key].Page).Distinct().OrderBy(p => p).ToArray();
                string message = $"{source}: {count} relationship(s) point to blocks that are in none of the output pages read: " +
                                 string.Join("; ", named) + (count > MaxIdsNamed ? $"; and {count - MaxIdsNamed} more" : "") +
                                 ". Is an output page missing?";
                if (!lenient) throw new TextractOutputException(message, source);
                warnings.Add(new TextractDocumentWarning(ReaderWarningCodes.MissingBlock, message, pages, source));
            }
        }

        private static void ReportUnknownBlockTypes(BlockStore store, List<TextractDocumentWarning> warnings, HashSet<string> reported)
        {
            foreach (string type in store.BlockTypesPresent)
            {
                if (BlockTypes.Known.Contains(type) || !reported.Add(type)) continue;
                IReadOnlyList<int> blocks = store.OfType(type);
                int[] pages = blocks.Select(b => store[b].Page).Distinct().ToArray();
                warnings.Add(new TextractDocumentWarning(ReaderWarningCodes.UnknownBlockType,
                    $"{blocks.Count} block(s) of type {type}, which this version does not know (first: {store.IdOf(blocks[0])}), " +
                    "are kept in Blocks only.", pages, store.Sources[store[blocks[0]].SourceIndex]));
            }
        }
    }
}
