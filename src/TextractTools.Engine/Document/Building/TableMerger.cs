using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document.Building
{
    /// <summary>
    /// Joins a table continued on the next page into one table. Two consecutive tables are one when the second is the
    /// first table on the page after the first one's (last) page, they have the same column count or the same header
    /// row, their left edges and widths are within <see cref="PositionTolerance"/>, and no line stands between the
    /// first table and the bottom of its page nor between the top of the next page and the second table (lines
    /// that layout calls page header, footer or page number do not count). A header row the continuation repeats is
    /// dropped. Tables are renumbered afterwards.
    /// </summary>
    internal sealed class TableMerger
    {
        /// <summary>Fraction of the page width by which left edges and widths of the two parts may differ.</summary>
        public const double PositionTolerance = 0.05;

        private readonly Dictionary<int, List<TextractLine>> _linesOfPage = new Dictionary<int, List<TextractLine>>();
        private readonly HashSet<TextractLine> _pageFurniture;

        public TableMerger(IReadOnlyList<TextractLine> lines, HashSet<TextractLine>? pageFurniture = null)
        {
            foreach (TextractLine line in lines)
            {
                if (!_linesOfPage.TryGetValue(line.Page, out List<TextractLine>? pageLines))
                {
                    pageLines = new List<TextractLine>();
                    _linesOfPage.Add(line.Page, pageLines);
                }
                pageLines.Add(line);
            }
            _pageFurniture = pageFurniture ?? new HashSet<TextractLine>();
        }

        /// <param name="indexBase">Tables before these (pages read earlier): the first is renumbered indexBase + 1.</param>
        public List<TextractTable> Merge(IReadOnlyList<TextractTable> tables, int indexBase = 0)
        {
            var result = new List<TextractTable>();
            TextractTable? current = null;
            TextractTable? lastPart = null;
            foreach (TextractTable table in tables)
            {
                if (current != null && lastPart != null && Continues(current, lastPart, table))
                {
                    current = Join(current, table);
                }
                else
                {
                    if (current != null) result.Add(current);
                    current = table;
                }
                lastPart = table;
            }
            if (current != null) result.Add(current);
            for (int i = 0; i < result.Count; i++) result[i].Index = indexBase + i + 1;
            return result;
        }

        private bool Continues(TextractTable joined, TextractTable lastPart, TextractTable next)
        {
            if (next.Page != lastPart.Page + 1) return false;
            if (lastPart.BoundingBox is not { } above || next.BoundingBox is not { } below) return false;
            if (Math.Abs(above.Left - below.Left) > PositionTolerance || Math.Abs(above.Width - below.Width) > PositionTolerance) return false;
            bool sameShape = joined.ColumnCount == next.ColumnCount || RepeatsHeader(joined, next);
            if (!sameShape) return false;
            return NothingBelow(lastPart.Page, above) && NothingAbove(next.Page, below);
        }

        private bool NothingBelow(int page, TextractBoundingBox table) =>
            !AnyLine(page, line => line.Top + line.Height / 2 > table.Bottom);

        private bool NothingAbove(int page, TextractBoundingBox table) =>
            !AnyLine(page, line => line.Top + line.Height / 2 < table.Top);

        private bool AnyLine(int page, Func<TextractBoundingBox, bool> outside)
        {
            if (!_linesOfPage.TryGetValue(page, out List<TextractLine>? lines)) return false;
            foreach (TextractLine line in lines)
            {
                if (line.BoundingBox != null && !_pageFurniture.Contains(line) && outside(line.BoundingBox)) return true;
            }
            return false;
        }

        /// <summary>True when the continuation starts with the same header text as the table it continues.</summary>
        private static bool RepeatsHeader(TextractTable first, TextractTable next) =>
            first.RowCount > 0 && next.RowCount > 0 && HeaderCount(first) > 0 && RepeatedHeaderRows(first, next) > 0;

        private static int HeaderCount(TextractTable table) => table.HeaderRowCount > 0 ? table.HeaderRowCount : Math.Min(1, table.RowCount);

        /// <summary>How many leading rows of <paramref name="next"/> repeat <paramref name="first"/>'s header rows.</summary>
        private static int RepeatedHeaderRows(TextractTable first, TextractTable next)
        {
            int headerRows = HeaderCount(first);
            if (next.RowCount < headerRows) return 0;
            string[][] firstGrid = first.GetGrid();
            string[][] nextGrid = next.GetGrid();
            for (int r = 0; r < headerRows; r++)
            {
                if (!SameRow(firstGrid[r], nextGrid[r])) return 0;
            }
            return headerRows;
        }

        private static bool SameRow(string[] a, string[] b)
        {
            if (a.Length != b.Length) return false;
            bool anyText = false;
            for (int i = 0; i < a.Length; i++)
            {
                if (!string.Equals(a[i].Trim(), b[i].Trim(), StringComparison.OrdinalIgnoreCase)) return false;
                anyText |= a[i].Trim().Length > 0;
            }
            return anyText;
        }

        private static TextractTable Join(TextractTable first, TextractTable next)
        {
            int dropped = RepeatedHeaderRows(first, next);
            int offset = first.RowCount - dropped;
            var cells = new List<TextractCell>(first.Cells);
            foreach (TextractCell cell in next.Cells)
            {
                if (cell.Row > dropped) cells.Add(cell.ShiftedDown(offset));
            }
            var merged = new List<TextractMergedCell>(first.MergedCells);
            foreach (TextractMergedCell cell in next.MergedCells)
            {
                if (cell.Row > dropped) merged.Add(cell.ShiftedDown(offset));
            }
            var footers = new List<string>(first.Footers);
            footers.AddRange(next.Footers);
            var pages = new List<int>(first.Pages) { next.Page };
            var partIds = new List<string>(first.PartIds) { next.Id };
            return new TextractTable(first.Origin, first.Id, first.Page, first.Confidence, first.BoundingBox, first.Index, first.Type,
                first.Title ?? next.Title, footers, cells, merged, pages, partIds);
        }
    }
}
