using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Building
{
    /// <summary>
    /// TABLE -> CHILD cells (sorted by row then column: Textract's CHILD order is not guaranteed), MERGED_CELL ->
    /// merged cells (text = covered cells' text in Textract's order), TABLE_TITLE / TABLE_FOOTER -> title and footers.
    /// </summary>
    internal sealed class TableBuilder
    {
        private readonly BlockStore _store;
        private readonly ContentText _content;
        private readonly TextractDocumentOrigin _origin;
        private readonly int _indexBase;

        /// <param name="indexBase">Tables before these (pages read earlier): the first is number indexBase + 1.</param>
        public TableBuilder(BlockStore store, ContentText content, TextractDocumentOrigin origin, int indexBase = 0)
        {
            _indexBase = indexBase;
            _store = store;
            _content = content;
            _origin = origin;
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        public List<TextractTable> Build()
        {
            IReadOnlyList<int> tableBlocks = _store.OfType(BlockTypes.Table);
            var tables = new List<TextractTable>(tableBlocks.Count);
            foreach (int t in tableBlocks)
            {
                ref readonly BlockRecord table = ref _store[t];
                tables.Add(new TextractTable(_origin, _store.IdOf(t), table.Page, BlockFacts.Confidence(table), BlockFacts.BoundingBox(table),
                    _indexBase + tables.Count + 1, TableType(table), Title(t), Footers(t), Cells(t), MergedCells(t)));
            }
            return tables;
        }

        private static string TableType(in BlockRecord table)
        {
            if (BlockFacts.HasEntityType(table, EntityTypes.StructuredTable)) return "Structured";
            if (BlockFacts.HasEntityType(table, EntityTypes.SemiStructuredTable)) return "SemiStructured";
            return "Unknown";
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        private TextractCell[] Cells(int tableIndex)
        {
            var cells = new List<TextractCell>();
            foreach (int c in _store.Related(tableIndex, RelationshipTypes.Child))
            {
                if (_store[c].BlockType != BlockTypes.Cell) continue;
                cells.Add(BuildCell(c));
            }
            TextractCell[] sorted = cells.ToArray();
            if (InGridOrder(sorted)) return sorted; // Textract's usual order: nothing to sort
            // Array.Sort is not stable; sorting arrival positions, with the position breaking ties, keeps Textract's
            // order among cells at the same place.
            var order = new int[sorted.Length];
            for (int i = 0; i < order.Length; i++) order[i] = i;
            Array.Sort(order, (a, b) =>
            {
                int byRow = sorted[a].Row.CompareTo(sorted[b].Row);
                if (byRow != 0) return byRow;
                int byColumn = sorted[a].Column.CompareTo(sorted[b].Column);
                return byColumn != 0 ? byColumn : a.CompareTo(b);
            });
            var result = new TextractCell[sorted.Length];
            for (int i = 0; i < order.Length; i++) result[i] = sorted[order[i]];
            return result;
        }

        private static bool InGridOrder(TextractCell[] cells)
        {
            for (int i = 1; i < cells.Length; i++)
            {
                TextractCell before = cells[i - 1], cell = cells[i];
                if (before.Row > cell.Row || (before.Row == cell.Row && before.Column > cell.Column)) return false;
            }
            return true;
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        private TextractCell BuildCell(int c)
        {
            ref readonly BlockRecord cell = ref _store[c];
            ContentSummary content = _content.Of(c);
            return new TextractCell(_origin, _store.LazyIdOf(c), cell.Page, BlockFacts.Confidence(cell), BlockFacts.BoundingBox(cell),
                cell.RowIndex, cell.ColumnIndex, BlockFacts.Span(cell.RowSpan), BlockFacts.Span(cell.ColumnSpan),
                content.Text, cell.EntityTypes, content.SelectionStatus);
        }

        private TextractMergedCell[] MergedCells(int tableIndex)
        {
            var merged = new List<TextractMergedCell>();
            foreach (int m in _store.Related(tableIndex, RelationshipTypes.MergedCell))
            {
                ref readonly BlockRecord block = ref _store[m];
                if (block.BlockType != BlockTypes.MergedCell) continue;
                var texts = new List<string>();
                var cellIds = new List<string>();
                foreach (int c in _store.Related(m, RelationshipTypes.Child))
                {
                    cellIds.Add(_store.IdOf(c));
                    string text = _content.Of(c).Text;
                    if (text.Length > 0) texts.Add(text);
                }
                merged.Add(new TextractMergedCell(_origin, _store.IdOf(m), block.Page, BlockFacts.Confidence(block), BlockFacts.BoundingBox(block),
                    block.RowIndex, block.ColumnIndex, BlockFacts.Span(block.RowSpan), BlockFacts.Span(block.ColumnSpan),
                    string.Join(" ", texts), cellIds.ToArray()));
            }
            return merged.ToArray();
        }

        private string? Title(int tableIndex)
        {
            var titles = new List<string>();
            foreach (int title in _store.Related(tableIndex, RelationshipTypes.TableTitle))
            {
                string text = _content.Of(title).Text;
                if (text.Length > 0) titles.Add(text);
            }
            return titles.Count == 0 ? null : string.Join(" ", titles);
        }

        private string[] Footers(int tableIndex)
        {
            var footers = new List<string>();
            foreach (int footer in _store.Related(tableIndex, RelationshipTypes.TableFooter))
            {
                footers.Add(_content.Of(footer).Text);
            }
            return footers.ToArray();
        }
    }
}
