using System;
using System.Collections.Generic;
using System.Linq;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// A TABLE with its cells (sorted by row, then column, whatever order Textract gave them), merged cells, title and
    /// footers. A table joined from parts on consecutive pages (see <see cref="DocumentReadOptions.MergeContinuedTables"/>)
    /// keeps the first part's Id, Page and BoundingBox and lists every page in <see cref="Pages"/>.
    /// </summary>
    public sealed class TextractTable : TextractElement
    {
        internal TextractTable(TextractDocumentOrigin origin, string id, int page, double? confidence, TextractBoundingBox? boundingBox,
            int index, string type, string? title, IReadOnlyList<string> footers,
            IReadOnlyList<TextractCell> cells, IReadOnlyList<TextractMergedCell> mergedCells,
            IReadOnlyList<int>? pages = null, IReadOnlyList<string>? partIds = null)
            : base(origin, id, page, confidence, boundingBox)
        {
            Index = index;
            Type = type;
            Title = title;
            // Readable lists: as text (Export-Csv) they read "Total: 10; Page 2", "12 cells", not .NET type names.
            Footers = new ReadableList<string>(footers.ToArray(), "; ");
            Cells = new CountedList<TextractCell>(cells, "cell", "cells");
            MergedCells = new ReadableList<TextractMergedCell>(mergedCells.ToArray(), "; ");
            Pages = new ReadableList<int>((pages ?? new[] { page }).ToArray());
            PartIds = new ReadableList<string>((partIds ?? new[] { id }).ToArray());
            RowCount = GridExtent(cells, mergedCells, rows: true);
            ColumnCount = GridExtent(cells, mergedCells, rows: false);
            HeaderRowCount = CountLeadingHeaderRows(cells);
        }

        /// <summary>1-based position of the table in document order.</summary>
        public int Index { get; internal set; }

        public int RowCount { get; }
        public int ColumnCount { get; }

        /// <summary>Structured, SemiStructured or Unknown (from the TABLE block's EntityTypes).</summary>
        public string Type { get; }

        /// <summary>The text of the table's TABLE_TITLE block(s), or null.</summary>
        public string? Title { get; }

        /// <summary>The text of each TABLE_FOOTER block.</summary>
        public IReadOnlyList<string> Footers { get; }

        public IReadOnlyList<TextractCell> Cells { get; }
        public IReadOnlyList<TextractMergedCell> MergedCells { get; }

        /// <summary>
        /// How many leading rows hold COLUMN_HEADER cells (0 when Textract marked no header): a row counts when any
        /// of its cells is a column header, as textractor reads it.
        /// </summary>
        public int HeaderRowCount { get; }

        /// <summary>The pages the table spans (one unless joined from continued parts).</summary>
        public IReadOnlyList<int> Pages { get; }

        /// <summary>The ids of the TABLE blocks this table was made from (one unless joined).</summary>
        public IReadOnlyList<string> PartIds { get; }

        /// <summary>
        /// The table's text as a grid: [row - 1][column - 1], empty strings where no cell is.
        /// </summary>
        public string[][] GetGrid(MergedCellMode mode = MergedCellMode.Repeat) => TableGrid.Build(this, mode);

        /// <summary>
        /// The column names rows use. They come from the rows Textract marked COLUMN_HEADER (several header rows are
        /// flattened into one name per column, the texts joined by a space); a table without such rows has generic
        /// names Column1, Column2, ... unless <paramref name="firstRowAsHeader"/> says its first row names the columns.
        /// Blank names become "Column{n}", repeated names "Name_2", "Name_3".
        /// </summary>
        public IReadOnlyList<string> GetColumnNames(bool firstRowAsHeader = false) =>
            ColumnNamer.Name(TableGrid.Build(this, MergedCellMode.Repeat), NameRowCount(firstRowAsHeader));

        /// <summary>
        /// The rows below the header rows (see <see cref="GetColumnNames"/>), each as column name -> text, ready for
        /// Export-Csv. A table without COLUMN_HEADER rows gives every row, unless <paramref name="firstRowAsHeader"/>.
        /// </summary>
        public IReadOnlyList<TextractTableRow> GetRows(MergedCellMode mode = MergedCellMode.Repeat, bool firstRowAsHeader = false)
        {
            int nameRows = NameRowCount(firstRowAsHeader);
            string[] names = ColumnNamer.Name(TableGrid.Build(this, MergedCellMode.Repeat), nameRows);
            string[][] grid = TableGrid.Build(this, mode);
            var rows = new List<TextractTableRow>(Math.Max(0, grid.Length - nameRows));
            for (int r = nameRows; r < grid.Length; r++)
            {
                rows.Add(new TextractTableRow(Origin, Index, Page, r + 1, new OrderedStringMap(names, grid[r])));
            }
            return rows;
        }

        /// <summary>Rows that name the columns: the COLUMN_HEADER rows; without them, the first row when asked, else none.</summary>
        private int NameRowCount(bool firstRowAsHeader) =>
            HeaderRowCount > 0 ? HeaderRowCount : firstRowAsHeader ? Math.Min(1, RowCount) : 0;

        private static int GridExtent(IReadOnlyList<TextractCell> cells, IReadOnlyList<TextractMergedCell> merged, bool rows)
        {
            int extent = 0;
            foreach (TextractCell cell in cells)
            {
                extent = Math.Max(extent, rows ? cell.Row + cell.RowSpan - 1 : cell.Column + cell.ColumnSpan - 1);
            }
            foreach (TextractMergedCell cell in merged)
            {
                extent = Math.Max(extent, rows ? cell.Row + cell.RowSpan - 1 : cell.Column + cell.ColumnSpan - 1);
            }
            return extent;
        }

        private static int CountLeadingHeaderRows(IReadOnlyList<TextractCell> sortedCells)
        {
            var headerRows = new HashSet<int>();
            foreach (TextractCell cell in sortedCells)
            {
                if (cell.IsColumnHeader) headerRows.Add(cell.Row);
            }
            int count = 0;
            while (headerRows.Contains(count + 1)) count++;
            return count;
        }

        public override string ToString() => $"Table {Index} (page {Page}, {RowCount}x{ColumnCount}{(Title == null ? "" : ", " + Title)})";
    }
}
