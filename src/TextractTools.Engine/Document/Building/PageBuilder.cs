using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Building
{
    /// <summary>
    /// One <see cref="TextractPage"/> per page number from the first to the last page built (1 to the page count for a
    /// whole document), with what the other builders found on it; its reading-order text comes from the document's content when first asked for.
    /// </summary>
    internal sealed class PageBuilder
    {
        private readonly BlockStore _store;
        private readonly Lazy<DocumentContent> _content;
        private readonly TextractDocumentOrigin _origin;

        public PageBuilder(BlockStore store, Lazy<DocumentContent> content, TextractDocumentOrigin origin)
        {
            _store = store;
            _content = content;
            _origin = origin;
        }

        public static int HighestPage(BlockStore store)
        {
            IReadOnlyList<int> order = store.DocumentOrder;
            return order.Count == 0 ? 0 : store[order[order.Count - 1]].Page;
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        public List<TextractPage> Build(int firstPage, int pageCount, DocumentParts parts)
        {
            // Indexed by page - firstPage: a slice of a long document read by page holds its own pages only.
            int count = Math.Max(0, pageCount - firstPage + 1);
            var counts = new PageCounts[count];
            foreach (TextractLine line in parts.Lines) counts[line.Page - firstPage].Lines++;
            foreach (TextractWord word in parts.Words) counts[word.Page - firstPage].Words++;
            foreach (TextractKeyValue field in parts.KeyValues) counts[field.Page - firstPage].KeyValues++;
            foreach (TextractTable table in parts.Tables) counts[table.Page - firstPage].Tables++;
            foreach (TextractQueryResult result in parts.Queries) counts[result.Page - firstPage].QueryResults++;
            foreach (TextractSignature signature in parts.Signatures) counts[signature.Page - firstPage].Signatures++;
            foreach (TextractLayoutBlock block in parts.Layout) counts[block.Page - firstPage].LayoutBlocks++;

            var pageBlocks = new int[count];
            for (int i = 0; i < count; i++) pageBlocks[i] = -1;
            foreach (int b in _store.OfType(BlockTypes.Page))
            {
                int index = _store[b].Page - firstPage;
                if (pageBlocks[index] < 0) pageBlocks[index] = b;
            }

            var pages = new List<TextractPage>(count);
            for (int i = 0; i < count; i++)
            {
                int p = firstPage + i, b = pageBlocks[i];
                pages.Add(b < 0
                    ? new TextractPage(_origin, string.Empty, p, null, null, counts[i], _content)
                    : new TextractPage(_origin, _store.IdOf(b), p, BlockFacts.Confidence(_store[b]), BlockFacts.BoundingBox(_store[b]), counts[i], _content));
            }
            return pages;
        }

        /// <summary>Page numbers that have no PAGE block, when some pages have one (a sign of missing output).</summary>
        public List<int> PagesWithoutPageBlock(int pageCount)
        {
            var present = new HashSet<int>();
            foreach (int b in _store.OfType(BlockTypes.Page)) present.Add(_store[b].Page);
            return PagesWithoutPageBlock(pageCount, present);
        }

        /// <summary>The same from the pages seen to have a PAGE block (the page-by-page reader keeps them as it goes).</summary>
        public static List<int> PagesWithoutPageBlock(int pageCount, HashSet<int> present)
        {
            var missing = new List<int>();
            if (present.Count == 0) return missing;
            for (int p = 1; p <= pageCount; p++)
            {
                if (!present.Contains(p)) missing.Add(p);
            }
            return missing;
        }
    }
}
