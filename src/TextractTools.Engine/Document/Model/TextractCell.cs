using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document
{
    /// <summary>A CELL of a table. Row and Column are 1-based grid positions.</summary>
    public sealed class TextractCell : TextractElement
    {
        internal TextractCell(TextractDocumentOrigin origin, BlockId id, int page, double? confidence, TextractBoundingBox? boundingBox,
            int row, int column, int rowSpan, int columnSpan, string text,
            string[]? entityTypes, string? selectionStatus)
            : base(origin, id, page, confidence, boundingBox)
        {
            Row = row;
            Column = column;
            RowSpan = rowSpan;
            ColumnSpan = columnSpan;
            Text = text;
            _entityTypes = entityTypes ?? Array.Empty<string>();
            SelectionStatus = selectionStatus;
        }

        public int Row { get; }
        public int Column { get; }
        public int RowSpan { get; }
        public int ColumnSpan { get; }

        /// <summary>The cell's words joined by single spaces; a checkbox contributes SELECTED or NOT_SELECTED.</summary>
        public string Text { get; }

        // Textract's array, shared with the block store: the property wraps it on request.
        private readonly string[] _entityTypes;

        /// <summary>COLUMN_HEADER, TABLE_TITLE, TABLE_FOOTER, TABLE_SECTION_TITLE, TABLE_SUMMARY (as text: joined by ", ").</summary>
        public IReadOnlyList<string> EntityTypes => _entityTypes.Length == 0 ? ReadableList<string>.Empty : new ReadableList<string>(_entityTypes);

        public bool IsColumnHeader => HasEntityType("COLUMN_HEADER");

        /// <summary>SELECTED or NOT_SELECTED when the cell holds a checkbox, else null.</summary>
        public string? SelectionStatus { get; }

        public bool HasEntityType(string entityType)
        {
            foreach (string type in _entityTypes)
            {
                if (string.Equals(type, entityType, StringComparison.Ordinal)) return true;
            }
            return false;
        }

        /// <summary>A copy moved down by <paramref name="rowOffset"/> rows (used when joining continued tables).</summary>
        internal TextractCell ShiftedDown(int rowOffset) => rowOffset == 0 ? this
            : new TextractCell(Origin, Id, Page, Confidence, BoundingBox, Row + rowOffset, Column, RowSpan, ColumnSpan, Text, _entityTypes, SelectionStatus);

        public override string ToString() => $"[{Row},{Column}] {Text}";
    }
}
