using System.IO;
using System.Text;
using TextractTools.Engine.Document;

namespace TextractTools.Engine.Formats
{
    /// <summary>
    /// One table as a CSV file: a header record of its column names, then one record per data row, exactly as
    /// <see cref="TextractTable.GetRows"/> names and fills them (Import-Csv gives back the objects
    /// Get-TextractOutput -As TableRow gives for that table).
    /// </summary>
    public static class TableCsv
    {
        public static void Render(TextractTable table, TextWriter writer, MergedCellMode mergedCells = MergedCellMode.Repeat, bool firstRowAsHeader = false)
        {
            CsvText.WriteRecord(writer, table.GetColumnNames(firstRowAsHeader));
            foreach (TextractTableRow row in table.GetRows(mergedCells, firstRowAsHeader))
            {
                CsvText.WriteRecord(writer, row.Values.Values);
            }
        }

        public static string Render(TextractTable table, MergedCellMode mergedCells = MergedCellMode.Repeat, bool firstRowAsHeader = false)
        {
            var text = new StringWriter(new StringBuilder());
            Render(table, text, mergedCells, firstRowAsHeader);
            return text.ToString();
        }

        /// <summary>
        /// Writes the table to <paramref name="path"/> (UTF-8 without a byte order mark, as PowerShell 7's Export-Csv)
        /// through a temporary file renamed into place, so the file is either the old one or the whole new one.
        /// </summary>
        public static void WriteFile(TextractTable table, string path, MergedCellMode mergedCells = MergedCellMode.Repeat, bool firstRowAsHeader = false)
        {
            OutputFiles.WriteAtomically(path, writer => Render(table, writer, mergedCells, firstRowAsHeader));
        }
    }
}
