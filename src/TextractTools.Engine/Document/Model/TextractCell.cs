using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document
{
    /// <summary>A CELL of a table. Row and Column are 1-based grid positions.</summary>
    public sealed class TextractCell : TextractElement
    {
        internal TextractCell(BlockId id, int page, double? confidence, TextractBoundingBox? boundingBox,
            int row, int column, int rowSpan, int columnSpan, string text,
            IReadOnlyList<string>? entityTypes, string? selectionStatus)
            : base(id, page, confidence, boundingBox)
        {
            Row = row;
            Column = column;
            RowSpan = rowSpan;
            ColumnSpan = columnSpan;
            Text = text;
            EntityTypes = entityTypes ?? Array.Empty<string>();
            SelectionStatus = selectionStatus;
        }

        public int Row { get; }
        public int Column { get; }
        public int RowSpan { get; }
        public int ColumnSpan { get; }

        /// <summary>The cell's words joined by single spaces; a checkbox contributes SELECTED or NOT_SELECTED.</summary>
        public string Text { get; }

        /// <summary>COLUMN_HEADER, TABLE_TITLE, TABLE_FOOTER, TABLE_SECTION_TITLE, TABLE_SUMMARY.</summary>
        public IReadOnlyList<string> EntityTypes { get; }

        public bool IsColumnHeader => HasEntityType("COLUMN_HEADER");

        /// <summary>SELECTED or NOT_SELECTED when the cell holds a checkbox, else null.</summary>
        public string? SelectionStatus { get; }

        public bool HasEntityType(string entityType)
        {
            foreach (string type in EntityTypes)
            {
                if (string.Equals(type, entityType, StringComparison.Ordinal)) return true;
            }
            return false;
        }

        /// <summary>A copy moved down by <paramref name="rowOffset"/> rows (used when joining continued tables).</summary>
        internal TextractCell ShiftedDown(int rowOffset) => rowOffset == 0 ? this
            : new TextractCell(Id, Page, Confidence, BoundingBox, Row + rowOffset, Column, RowSpan, ColumnSpan, Text, EntityTypes, SelectionStatus);

        public override string ToString() => $"[{Row},{Column}] {Text}";
    }
}
