using System.Collections.Generic;

namespace TextractTools.Engine.Document.ReadingOrder
{
    /// <summary>What a block of a page is, from its LAYOUT block or, without layout, from geometry.</summary>
    internal enum ReadingBlockKind
    {
        Text,
        Title,
        SectionHeader,
        List,
        Table,
        KeyValue,
        Figure,
        PageHeader,
        PageFooter,
        PageNumber,
    }

    /// <summary>
    /// One block of a page in reading order: a top-level LAYOUT block's lines, or (without layout) a paragraph, a
    /// table or a run of key-value pairs found from geometry. A block may have no lines (a figure without text).
    /// </summary>
    internal sealed class ReadingBlock
    {
        public ReadingBlock(ReadingBlockKind kind, IReadOnlyList<TextractLine> lines, TextractLayoutBlock? layout = null,
            IReadOnlyList<IReadOnlyList<TextractLine>>? listItems = null)
        {
            Kind = kind;
            Lines = lines;
            Layout = layout;
            ListItems = listItems;
        }

        public ReadingBlockKind Kind { get; internal set; }

        public IReadOnlyList<TextractLine> Lines { get; }

        /// <summary>The LAYOUT block this block is, or null when it was found from geometry.</summary>
        public TextractLayoutBlock? Layout { get; }

        /// <summary>A LAYOUT_LIST's items (its child layout blocks' lines), else null.</summary>
        public IReadOnlyList<IReadOnlyList<TextractLine>>? ListItems { get; }

        public static ReadingBlockKind KindOf(string layoutType)
        {
            switch (layoutType)
            {
                case "LAYOUT_TITLE": return ReadingBlockKind.Title;
                case "LAYOUT_SECTION_HEADER": return ReadingBlockKind.SectionHeader;
                case "LAYOUT_LIST": return ReadingBlockKind.List;
                case "LAYOUT_TABLE": return ReadingBlockKind.Table;
                case "LAYOUT_KEY_VALUE": return ReadingBlockKind.KeyValue;
                case "LAYOUT_FIGURE": return ReadingBlockKind.Figure;
                case "LAYOUT_HEADER": return ReadingBlockKind.PageHeader;
                case "LAYOUT_FOOTER": return ReadingBlockKind.PageFooter;
                case "LAYOUT_PAGE_NUMBER": return ReadingBlockKind.PageNumber;
                default: return ReadingBlockKind.Text; // LAYOUT_TEXT, and any layout type added later
            }
        }
    }
}
