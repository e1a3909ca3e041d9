using System;

namespace TextractTools.Engine.Document
{
    /// <summary>Lays a table's cell texts out in a rows x columns array, placing merged cells as the mode asks.</summary>
    internal static class TableGrid
    {
        /// <param name="table">The table.</param>
        /// <param name="mode">Where a merged cell's text goes.</param>
        /// <param name="cellText">The text a cell shows (default: its Text); renderers leave out cells below a confidence floor.</param>
        /// <param name="mergedText">The text a merged cell shows (default: its Text).</param>
        public static string[][] Build(TextractTable table, MergedCellMode mode,
            Func<TextractCell, string>? cellText = null, Func<TextractMergedCell, string>? mergedText = null)
        {
            var grid = new string[table.RowCount][];
            for (int r = 0; r < grid.Length; r++)
            {
                grid[r] = new string[table.ColumnCount];
                for (int c = 0; c < table.ColumnCount; c++) grid[r][c] = string.Empty;
            }

            foreach (TextractCell cell in table.Cells)
            {
                Fill(grid, cell.Row, cell.Column, cell.RowSpan, cell.ColumnSpan, cellText == null ? cell.Text : cellText(cell), MergedCellMode.Repeat);
            }
            // Merged cells go last: their text (all covered cells' text) replaces the pieces each covered cell holds.
            foreach (TextractMergedCell merged in table.MergedCells)
            {
                Fill(grid, merged.Row, merged.Column, merged.RowSpan, merged.ColumnSpan, mergedText == null ? merged.Text : mergedText(merged), mode);
            }
            return grid;
        }

        private static void Fill(string[][] grid, int row, int column, int rowSpan, int columnSpan, string text, MergedCellMode mode)
        {
            for (int r = row; r < row + rowSpan; r++)
            {
                for (int c = column; c < column + columnSpan; c++)
                {
                    if (r < 1 || c < 1 || r > grid.Length || c > grid[r - 1].Length) continue;
                    bool isFirst = r == row && c == column;
                    grid[r - 1][c - 1] = mode == MergedCellMode.Repeat || isFirst ? text : string.Empty;
                }
            }
        }
    }
}
