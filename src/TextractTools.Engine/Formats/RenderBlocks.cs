using System.Collections.Generic;

namespace TextractTools.Engine.Formats
{
    /// <summary>
    /// The content of a rendering, format-neutral: what <see cref="ContentWalker"/> makes of a page and each writer
    /// (Markdown, HTML) prints its own way.
    /// </summary>
    internal abstract class RenderBlock
    {
    }

    internal sealed class RenderPage
    {
        public RenderPage(int number, List<RenderBlock> blocks)
        {
            Number = number;
            Blocks = blocks;
        }

        public int Number { get; }
        public List<RenderBlock> Blocks { get; }
    }

    internal sealed class HeadingBlock : RenderBlock
    {
        public HeadingBlock(int level, string text)
        {
            Level = level;
            Text = text;
        }

        /// <summary>1 for a title, 2 for a section header.</summary>
        public int Level { get; }
        public string Text { get; }
    }

    internal enum ParagraphRole
    {
        Body,
        PageHeader,
        PageFooter,
        PageNumber,
    }

    internal sealed class ParagraphBlock : RenderBlock
    {
        public ParagraphBlock(IReadOnlyList<string> lines, ParagraphRole role = ParagraphRole.Body)
        {
            Lines = lines;
            Role = role;
        }

        public IReadOnlyList<string> Lines { get; }
        public ParagraphRole Role { get; }
    }

    internal sealed class ListBlock : RenderBlock
    {
        public ListBlock(IReadOnlyList<string> items, int? start)
        {
            Items = items;
            Start = start;
        }

        /// <summary>The items' text, their bullet or number taken off.</summary>
        public IReadOnlyList<string> Items { get; }

        /// <summary>The first item's number for a numbered list, else null.</summary>
        public int? Start { get; }
    }

    internal sealed class KeyValueItem
    {
        public KeyValueItem(string key, string value, bool? isChecked)
        {
            Key = key;
            Value = value;
            IsChecked = isChecked;
        }

        public string Key { get; }

        /// <summary>The value's text, without the SELECTED / NOT_SELECTED words of a checkbox.</summary>
        public string Value { get; }

        /// <summary>True or false for a checkbox, null for any other value.</summary>
        public bool? IsChecked { get; }
    }

    internal sealed class KeyValueBlock : RenderBlock
    {
        public List<KeyValueItem> Items { get; } = new List<KeyValueItem>();
    }

    internal sealed class TableBlock : RenderBlock
    {
        public TableBlock(TableView table)
        {
            Table = table;
        }

        public TableView Table { get; }
    }

    internal sealed class FigureBlock : RenderBlock
    {
        public FigureBlock(IReadOnlyList<string> lines)
        {
            Lines = lines;
        }

        /// <summary>Text Textract read inside the figure (labels, a caption), possibly none.</summary>
        public IReadOnlyList<string> Lines { get; }
    }
}
