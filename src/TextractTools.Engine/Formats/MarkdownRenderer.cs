using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using TextractTools.Engine.Document;

namespace TextractTools.Engine.Formats
{
    /// <summary>
    /// A document as one Markdown text (GitHub-flavoured), in reading order: headings, paragraphs, lists, key-values as
    /// a list ("- **Key:** value", checkboxes "- [x] Key"), tables as pipe tables, figures as a placeholder. A table's
    /// header row is its COLUMN_HEADER rows flattened into one name per column; a table without header cells gets an
    /// empty header row and all its rows as data. A merged cell's text is repeated in every cell it covers, so a reader
    /// of one row sees it; pipes and line breaks in cells are escaped. Every line of text is escaped so that it reads
    /// as written. Options: <see cref="DocumentRenderOptions"/>.
    /// </summary>
    public static class MarkdownRenderer
    {
        public const string FigurePlaceholder = "*\\[Figure\\]*";

        public static string Render(TextractDocument document, DocumentRenderOptions? options = null)
        {
            var writer = new StringWriter { NewLine = "\n" };
            Render(document, writer, options);
            return writer.ToString();
        }

        public static void Render(TextractDocument document, TextWriter writer, DocumentRenderOptions? options = null)
        {
            if (writer == null) throw new ArgumentNullException(nameof(writer));
            options ??= new DocumentRenderOptions();
            bool first = true;
            foreach (RenderPage page in new ContentWalker(document, options).Pages())
            {
                if (!first && options.PageBreaks) writer.Write("---\n\n");
                foreach (RenderBlock block in page.Blocks)
                {
                    string text = Block(block);
                    if (text.Length == 0) continue;
                    writer.Write(text);
                    writer.Write("\n\n");
                }
                first = false;
            }
        }

        private static string Block(RenderBlock block)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    return new string('#', heading.Level) + " " + MarkdownText.Heading(heading.Text);
                case ParagraphBlock paragraph:
                    return Lines(paragraph.Lines);
                case ListBlock list:
                    return List(list);
                case KeyValueBlock fields:
                    return KeyValues(fields);
                case TableBlock table:
                    return Table(table.Table);
                case FigureBlock figure:
                    return figure.Lines.Count == 0 ? FigurePlaceholder : FigurePlaceholder + "\n\n" + Lines(figure.Lines);
                default:
                    return string.Empty;
            }
        }

        private static string Lines(IReadOnlyList<string> lines)
        {
            var escaped = new List<string>(lines.Count);
            foreach (string line in lines)
            {
                string text = MarkdownText.Line(line);
                if (text.Length > 0) escaped.Add(text);
            }
            return string.Join("\n", escaped);
        }

        private static string List(ListBlock list)
        {
            var builder = new StringBuilder();
            for (int i = 0; i < list.Items.Count; i++)
            {
                if (i > 0) builder.Append('\n');
                builder.Append(list.Start.HasValue ? (list.Start.Value + i) + ". " : "- ").Append(MarkdownText.Inline(list.Items[i].Trim()));
            }
            return builder.ToString();
        }

        private static string KeyValues(KeyValueBlock fields)
        {
            var builder = new StringBuilder();
            foreach (KeyValueItem item in fields.Items)
            {
                if (builder.Length > 0) builder.Append('\n');
                string key = MarkdownText.Inline(item.Key.Trim().TrimEnd(':').TrimEnd());
                string value = MarkdownText.Inline(item.Value.Trim());
                if (item.IsChecked.HasValue)
                {
                    builder.Append(item.IsChecked.Value ? "- [x] " : "- [ ] ").Append(key.Length > 0 ? "**" + key + "**" : "");
                    if (value.Length > 0) builder.Append(' ').Append(value);
                }
                else if (key.Length == 0)
                {
                    builder.Append("- ").Append(value); // a value Textract found no key for
                }
                else
                {
                    builder.Append("- **").Append(key).Append(":**");
                    if (value.Length > 0) builder.Append(' ').Append(value);
                }
            }
            return builder.ToString();
        }

        private static string Table(TableView table)
        {
            var parts = new List<string>();
            if (!string.IsNullOrWhiteSpace(table.Title)) parts.Add("**" + MarkdownText.Inline(table.Title!.Trim()) + "**");
            if (table.ColumnCount > 0)
            {
                var builder = new StringBuilder();
                Row(builder, table.HeaderNames, table.HasCheckboxes);
                builder.Append('\n').Append('|');
                for (int c = 0; c < table.ColumnCount; c++) builder.Append(" --- |");
                for (int r = table.HeaderRowCount; r < table.RowCount; r++)
                {
                    builder.Append('\n');
                    Row(builder, table.Grid[r], table.HasCheckboxes);
                }
                parts.Add(builder.ToString());
            }
            foreach (string footer in table.Footers)
            {
                if (!string.IsNullOrWhiteSpace(footer)) parts.Add(MarkdownText.Line(footer));
            }
            return string.Join("\n\n", parts);
        }

        private static void Row(StringBuilder builder, IReadOnlyList<string> cells, bool checkboxes)
        {
            builder.Append('|');
            foreach (string cell in cells)
            {
                string text = MarkdownText.Cell(cell);
                if (checkboxes) text = Checkboxes(text);
                builder.Append(' ').Append(text).Append(text.Length > 0 ? " |" : "|");
            }
        }

        /// <summary>A cell's SELECTED / NOT_SELECTED words (its checkbox, at its place) as [x] / [ ].</summary>
        private static string Checkboxes(string escapedText)
        {
            // The status words carry underscores, escaped by now: match them in their escaped form.
            string[] words = escapedText.Split(' ');
            for (int i = 0; i < words.Length; i++)
            {
                if (words[i] == TableView.Selected) words[i] = "\\[x\\]";
                else if (words[i] == "NOT\\_SELECTED") words[i] = "\\[ \\]";
            }
            return string.Join(" ", words);
        }
    }
}
