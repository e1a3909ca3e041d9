using System;
using System.Collections.Generic;
using TextractTools.Engine.Document;

namespace TextractTools.Engine.Formats
{
    /// <summary>
    /// A table as the renderers print it: its text as a grid (a merged cell's text in every position it covers, cells
    /// below the confidence floor empty), the column names its COLUMN_HEADER rows give (several header rows flattened
    /// into one name per column, as the table rows' column names are), and the same grid as spans for formats that can
    /// merge cells (every position covered exactly once).
    /// </summary>
    internal sealed class TableView
    {
        public const string Selected = "SELECTED";
        public const string NotSelected = "NOT_SELECTED";

        private TableView(TextractTable table, string[][] grid, IReadOnlyList<string> headerNames, IReadOnlyList<TableSpan> spans)
        {
            Index = table.Index;
            Title = table.Title;
            Footers = table.Footers;
            RowCount = grid.Length;
            ColumnCount = grid.Length == 0 ? 0 : grid[0].Length;
            HeaderRowCount = Math.Min(table.HeaderRowCount, RowCount);
            Grid = grid;
            HeaderNames = headerNames;
            Spans = spans;
            foreach (TextractCell cell in table.Cells) HasCheckboxes |= cell.SelectionStatus != null;
            foreach (TableSpan span in spans) HeaderSpansBody |= span.Row <= HeaderRowCount && span.Row + span.RowSpan - 1 > HeaderRowCount;
        }

        public int Index { get; }
        public string? Title { get; }
        public IReadOnlyList<string> Footers { get; }
        public int RowCount { get; }
        public int ColumnCount { get; }

        /// <summary>Leading rows of COLUMN_HEADER cells (0: the table has no header; every row is data).</summary>
        public int HeaderRowCount { get; }

        /// <summary>[row - 1][column - 1], merged cells' text repeated.</summary>
        public string[][] Grid { get; }

        /// <summary>One name per column from the header rows ("" where a column has none, and for every column of a table without header).</summary>
        public IReadOnlyList<string> HeaderNames { get; }

        public IReadOnlyList<TableSpan> Spans { get; }

        /// <summary>True when a span reaches from the header rows into the data rows (then no separate header section).</summary>
        public bool HeaderSpansBody { get; }

        /// <summary>True when cells hold checkboxes: their SELECTED / NOT_SELECTED words are checkbox marks.</summary>
        public bool HasCheckboxes { get; }

        public static TableView Of(TextractTable table, DocumentRenderOptions options)
        {
            string[][] grid = table.RowCount == 0 || table.ColumnCount == 0
                ? new string[0][]
                : TableGrid.Build(table, MergedCellMode.Repeat,
                    cell => options.Confident(cell.Confidence) ? cell.Text : string.Empty,
                    merged => options.Confident(merged.Confidence) ? merged.Text : string.Empty);
            int columns = grid.Length == 0 ? 0 : grid[0].Length;
            int headerRows = Math.Min(table.HeaderRowCount, grid.Length);
            var names = new string[columns];
            for (int c = 0; c < columns; c++) names[c] = headerRows > 0 ? ColumnNamer.JoinHeaderTexts(grid, headerRows, c) : string.Empty;
            return new TableView(table, grid, names, BuildSpans(table, grid, headerRows));
        }

        private static List<TableSpan> BuildSpans(TextractTable table, string[][] grid, int headerRows)
        {
            int rows = grid.Length, columns = rows == 0 ? 0 : grid[0].Length;
            var owner = new bool[rows, columns];
            var header = new bool[rows, columns];
            foreach (TextractCell cell in table.Cells)
            {
                if (cell.IsColumnHeader) Mark(header, cell.Row, cell.Column, cell.RowSpan, cell.ColumnSpan);
            }
            var spans = new List<TableSpan>();
            // Merged cells first, then cells that span by themselves; a span that overlaps one already placed, or
            // leaves the grid, is not trusted and its positions show as single cells.
            foreach (TextractMergedCell merged in table.MergedCells) TryPlace(merged.Row, merged.Column, merged.RowSpan, merged.ColumnSpan);
            foreach (TextractCell cell in table.Cells)
            {
                if (cell.RowSpan > 1 || cell.ColumnSpan > 1) TryPlace(cell.Row, cell.Column, cell.RowSpan, cell.ColumnSpan);
            }
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    if (!owner[r, c]) Place(r + 1, c + 1, 1, 1);
                }
            }
            spans.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Column.CompareTo(b.Column));
            return spans;

            void TryPlace(int row, int column, int rowSpan, int columnSpan)
            {
                if (row < 1 || column < 1 || rowSpan < 1 || columnSpan < 1 || row + rowSpan - 1 > rows || column + columnSpan - 1 > columns) return;
                for (int r = row - 1; r < row - 1 + rowSpan; r++)
                {
                    for (int c = column - 1; c < column - 1 + columnSpan; c++)
                    {
                        if (owner[r, c]) return;
                    }
                }
                Place(row, column, rowSpan, columnSpan);
            }

            void Place(int row, int column, int rowSpan, int columnSpan)
            {
                bool isHeader = row <= headerRows;
                for (int r = row - 1; r < row - 1 + rowSpan; r++)
                {
                    for (int c = column - 1; c < column - 1 + columnSpan; c++)
                    {
                        owner[r, c] = true;
                        isHeader |= header[r, c];
                    }
                }
                spans.Add(new TableSpan(row, column, rowSpan, columnSpan, grid[row - 1][column - 1], isHeader));
            }
        }

        private static void Mark(bool[,] flags, int row, int column, int rowSpan, int columnSpan)
        {
            for (int r = row - 1; r < row - 1 + rowSpan && r < flags.GetLength(0); r++)
            {
                for (int c = column - 1; c < column - 1 + columnSpan && c < flags.GetLength(1); c++)
                {
                    if (r >= 0 && c >= 0) flags[r, c] = true;
                }
            }
        }
    }

    /// <summary>A cell as a format with row and column spans prints it: at its top-left position, covering the rest.</summary>
    internal sealed class TableSpan
    {
        public TableSpan(int row, int column, int rowSpan, int columnSpan, string text, bool isHeader)
        {
            Row = row;
            Column = column;
            RowSpan = rowSpan;
            ColumnSpan = columnSpan;
            Text = text;
            IsHeader = isHeader;
        }

        public int Row { get; }
        public int Column { get; }
        public int RowSpan { get; }
        public int ColumnSpan { get; }
        public string Text { get; }

        /// <summary>In a header row, or covering a COLUMN_HEADER cell.</summary>
        public bool IsHeader { get; }
    }
}
