using System.Collections.Generic;

namespace TextractTools.Engine.Document.ReadingOrder
{
    /// <summary>
    /// A page's blocks in reading order. With LAYOUT blocks, Textract's layout order exactly: each top-level layout
    /// block in turn with its lines (a line two blocks claim goes with the first), then, as one last block, any line
    /// no layout block claims. Without them, the order <see cref="GeometricReadingOrder"/> finds.
    /// </summary>
    internal static class PageReadingOrder
    {
        public static List<ReadingBlock> FromLayout(IReadOnlyList<TextractLine> pageLines, IReadOnlyList<TextractLayoutBlock> pageLayout,
            IReadOnlyDictionary<string, List<TextractLayoutBlock>> childrenOf)
        {
            var blocks = new List<ReadingBlock>();
            var claimed = new HashSet<TextractLine>();
            foreach (TextractLayoutBlock layout in pageLayout)
            {
                if (layout.ParentId != null) continue; // a list item: its list's block holds its lines
                List<TextractLine> lines = Unclaimed(layout.Lines, claimed);
                ReadingBlockKind kind = ReadingBlock.KindOf(layout.Type);
                IReadOnlyList<IReadOnlyList<TextractLine>>? items = kind == ReadingBlockKind.List ? ListItems(layout, lines, childrenOf) : null;
                blocks.Add(new ReadingBlock(kind, lines, layout, items));
            }
            List<TextractLine> rest = Unclaimed(pageLines, claimed);
            if (rest.Count > 0) blocks.Add(new ReadingBlock(ReadingBlockKind.Text, rest));
            return blocks;
        }

        public static List<ReadingBlock> FromGeometry(int pageNumber, IReadOnlyList<TextractLine> pageLines, LineClaims claims)
        {
            var shape = new PageShape();
            var indexOf = new Dictionary<TextractLine, int>(pageLines.Count);
            foreach (TextractLine line in pageLines)
            {
                var words = new List<Box>(line.Words.Count);
                foreach (TextractWord word in line.Words)
                {
                    Box? box = Box.Of(word.BoundingBox);
                    if (box.HasValue) words.Add(box.Value);
                }
                indexOf[line] = shape.AddLine(Box.Of(line.BoundingBox), line.Words.Count > 0 ? line.Words.Count : WordsIn(line.Text),
                    words, ListMarkers.Opens(line.Text));
            }
            AddGroups(shape, pageNumber, pageLines, indexOf, claims);

            Arrangement arrangement = GeometricReadingOrder.Arrange(shape);
            var blocks = new List<ReadingBlock>();
            var current = new List<TextractLine>();
            for (int i = 0; i < arrangement.Order.Length; i++)
            {
                if (arrangement.BlockStarts[i] && current.Count > 0)
                {
                    blocks.Add(new ReadingBlock(KindOf(current, claims), current));
                    current = new List<TextractLine>();
                }
                current.Add(pageLines[arrangement.Order[i]]);
            }
            if (current.Count > 0) blocks.Add(new ReadingBlock(KindOf(current, claims), current));
            return blocks;
        }

        private static void AddGroups(PageShape shape, int pageNumber, IReadOnlyList<TextractLine> pageLines,
            Dictionary<TextractLine, int> indexOf, LineClaims claims)
        {
            var tablesDone = new HashSet<TextractTable>();
            var fieldsDone = new HashSet<TextractKeyValue>();
            foreach (TextractLine line in pageLines)
            {
                TextractTable? table = claims.TableOf(line);
                if (table != null && tablesDone.Add(table))
                {
                    // A table joined from parts on several pages has the first part's box only.
                    Box? extent = table.Page == pageNumber ? Box.Of(table.BoundingBox) : null;
                    shape.AddGroup(LinesOnPage(claims.LinesOf(table), indexOf), extent, isTable: true);
                }
                foreach (TextractKeyValue field in claims.FieldsOf(line))
                {
                    if (!fieldsDone.Add(field)) continue;
                    Box? key = Box.Of(field.BoundingBox), value = Box.Of(field.ValueBoundingBox);
                    Box? extent = key.HasValue && value.HasValue ? key.Value.Union(value.Value) : key ?? value;
                    shape.AddGroup(LinesOnPage(claims.LinesOf(field), indexOf), extent, isTable: false);
                }
            }
        }

        private static IEnumerable<int> LinesOnPage(IReadOnlyList<TextractLine> lines, Dictionary<TextractLine, int> indexOf)
        {
            foreach (TextractLine line in lines)
            {
                if (indexOf.TryGetValue(line, out int index)) yield return index;
            }
        }

        private static ReadingBlockKind KindOf(List<TextractLine> lines, LineClaims claims)
        {
            bool allTable = true, allFields = true;
            foreach (TextractLine line in lines)
            {
                allTable &= claims.TableOf(line) != null;
                allFields &= claims.FieldsOf(line).Count > 0;
            }
            return allTable ? ReadingBlockKind.Table : allFields ? ReadingBlockKind.KeyValue : ReadingBlockKind.Text;
        }

        private static IReadOnlyList<IReadOnlyList<TextractLine>> ListItems(TextractLayoutBlock list, List<TextractLine> lines,
            IReadOnlyDictionary<string, List<TextractLayoutBlock>> childrenOf)
        {
            var items = new List<IReadOnlyList<TextractLine>>();
            var inItem = new HashSet<TextractLine>();
            var listLines = new HashSet<TextractLine>(lines);
            if (childrenOf.TryGetValue(list.Id, out List<TextractLayoutBlock>? children))
            {
                foreach (TextractLayoutBlock child in children)
                {
                    var item = new List<TextractLine>();
                    foreach (TextractLine line in child.Lines)
                    {
                        if (listLines.Contains(line) && inItem.Add(line)) item.Add(line);
                    }
                    if (item.Count > 0) items.Add(item);
                }
            }
            // Lines directly under the list, outside any item: one item each, so none is lost.
            foreach (TextractLine line in lines)
            {
                if (inItem.Add(line)) items.Add(new[] { line });
            }
            return items;
        }

        private static List<TextractLine> Unclaimed(IReadOnlyList<TextractLine> lines, HashSet<TextractLine> claimed)
        {
            var result = new List<TextractLine>(lines.Count);
            foreach (TextractLine line in lines)
            {
                if (claimed.Add(line)) result.Add(line);
            }
            return result;
        }

        private static int WordsIn(string text) => text.Split((char[]?)null, System.StringSplitOptions.RemoveEmptyEntries).Length;
    }
}
