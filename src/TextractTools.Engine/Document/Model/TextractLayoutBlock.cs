using System.Collections.Generic;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// A LAYOUT_* block (LAYOUT_TITLE, LAYOUT_TEXT, LAYOUT_TABLE, LAYOUT_FIGURE, ...). Index is its 1-based position in
    /// the document's reading order (pages in order, Textract's layout order within a page).
    /// </summary>
    public sealed class TextractLayoutBlock : TextractElement
    {
        internal TextractLayoutBlock(TextractDocumentOrigin origin, string id, int page, double? confidence, TextractBoundingBox? boundingBox,
            string type, string text, int index, string? parentId, IReadOnlyList<TextractLine>? lines = null)
            : base(origin, id, page, confidence, boundingBox)
        {
            Lines = lines ?? new TextractLine[0];
            Type = type;
            Text = text;
            Index = index;
            ParentId = parentId;
        }

        /// <summary>The block type, e.g. LAYOUT_TITLE.</summary>
        public string Type { get; }

        /// <summary>The text of its LINE children (one per line), including that of nested layout blocks.</summary>
        public string Text { get; }

        public int Index { get; }

        /// <summary>The id of the layout block containing this one (a LAYOUT_LIST item), else null.</summary>
        public string? ParentId { get; }

        /// <summary>Its LINE children in Textract's order, those of nested layout blocks included (what Text joins).</summary>
        internal IReadOnlyList<TextractLine> Lines { get; }

        public override string ToString() => $"{Type}: {Text}";
    }
}
