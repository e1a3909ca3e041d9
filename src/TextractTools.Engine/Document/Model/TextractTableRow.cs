using System.Collections.Generic;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// One data row of a table, shaped for Export-Csv: the column names come from the table's COLUMN_HEADER row(s),
    /// else are Column1, Column2, ... (see <see cref="TextractTable.GetColumnNames"/>).
    /// </summary>
    public sealed class TextractTableRow : TextractOutputObject
    {
        internal TextractTableRow(TextractDocumentOrigin origin, int tableIndex, int page, int rowNumber, OrderedStringMap values)
            : base(origin)
        {
            TableIndex = tableIndex;
            Page = page;
            RowNumber = rowNumber;
            Values = values;
        }

        /// <summary>The table's <see cref="TextractTable.Index"/>.</summary>
        public int TableIndex { get; }

        /// <summary>The table's first page.</summary>
        public int Page { get; }

        /// <summary>The row's 1-based position in the table grid (header rows included in the count).</summary>
        public int RowNumber { get; }

        /// <summary>Column name -> cell text, in column order. Names are unique.</summary>
        public IReadOnlyDictionary<string, string> Values { get; }

        /// <summary>The column names in column order.</summary>
        public IReadOnlyList<string> ColumnNames => ((OrderedStringMap)Values).Keys;

        public string this[string columnName] => Values[columnName];

        public override string ToString() => string.Join(" | ", ((OrderedStringMap)Values).ValuesInOrder);
    }
}
