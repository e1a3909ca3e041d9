using System.Collections.Generic;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// A MERGED_CELL: a rectangle of cells Textract sees as one. Text is the covered cells' text, in Textract's order.
    /// </summary>
    public sealed class TextractMergedCell : TextractElement
    {
        internal TextractMergedCell(TextractDocumentOrigin origin, string id, int page, double? confidence, TextractBoundingBox? boundingBox,
            int row, int column, int rowSpan, int columnSpan, string text, string[] cellIds)
            : base(origin, id, page, confidence, boundingBox)
        {
            Row = row;
            Column = column;
            RowSpan = rowSpan;
            ColumnSpan = columnSpan;
            Text = text;
            _cellIds = cellIds;
        }

        public int Row { get; }
        public int Column { get; }
        public int RowSpan { get; }
        public int ColumnSpan { get; }
        public string Text { get; }

        private readonly string[] _cellIds;

        /// <summary>Ids of the covered CELL blocks (as text: joined by ", ").</summary>
        public IReadOnlyList<string> CellIds => new ReadableList<string>(_cellIds);

        public bool Covers(int row, int column) =>
            row >= Row && row < Row + RowSpan && column >= Column && column < Column + ColumnSpan;

        internal TextractMergedCell ShiftedDown(int rowOffset) => rowOffset == 0 ? this
            : new TextractMergedCell(Origin, Id, Page, Confidence, BoundingBox, Row + rowOffset, Column, RowSpan, ColumnSpan, Text, _cellIds);

        public override string ToString() => $"[{Row},{Column} {RowSpan}x{ColumnSpan}] {Text}";
    }
}
