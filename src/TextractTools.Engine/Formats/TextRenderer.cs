using System;
using System.Collections.Generic;
using System.IO;
using TextractTools.Engine.Document;
using TextractTools.Engine.Document.ReadingOrder;

namespace TextractTools.Engine.Formats
{
    /// <summary>
    /// A document's plain text in reading order with <see cref="DocumentRenderOptions"/> applied: one line per LINE, a
    /// blank line between blocks and between pages (a form feed line between pages with PageBreaks). Tables and form
    /// fields stay as the lines they are printed on. With the default options this is exactly
    /// <see cref="TextractDocument.Text"/>.
    /// </summary>
    public static class TextRenderer
    {
        public const string PageBreak = "\f";

        public static string Render(TextractDocument document, DocumentRenderOptions? options = null)
        {
            var writer = new StringWriter { NewLine = "\n" };
            Render(document, writer, options);
            return writer.ToString();
        }

        public static void Render(TextractDocument document, TextWriter writer, DocumentRenderOptions? options = null)
        {
            if (document == null) throw new ArgumentNullException(nameof(document));
            if (writer == null) throw new ArgumentNullException(nameof(writer));
            options ??= new DocumentRenderOptions();
            LineClaims claims = document.Content?.Claims ?? new LineClaims();
            bool first = true;
            foreach (TextractPage page in document.Pages)
            {
                if (!options.PageWanted(page.Page)) continue;
                string text = PageText(page, options, claims);
                if (text.Length == 0 && !options.PageBreaks) continue;
                if (!first) writer.Write(options.PageBreaks ? "\n" + PageBreak + "\n" : DocumentContent.BlockSeparator);
                writer.Write(text);
                first = false;
            }
        }

        private static string PageText(TextractPage page, DocumentRenderOptions options, LineClaims claims)
        {
            PageContent? content = page.Content;
            if (content == null) return page.Text;
            var blocks = new List<string>();
            foreach (ReadingBlock block in content.Blocks)
            {
                if (!RenderFilter.Included(block.Kind, options)) continue;
                var lines = new List<string>(block.Lines.Count);
                foreach (TextractLine line in block.Lines)
                {
                    string? text = LineText(line, options, claims);
                    if (text != null) lines.Add(text);
                }
                if (lines.Count > 0) blocks.Add(string.Join(DocumentContent.LineSeparator, lines));
            }
            return string.Join(DocumentContent.BlockSeparator, blocks);
        }

        private static string? LineText(TextractLine line, DocumentRenderOptions options, LineClaims claims)
        {
            TextractTable? table = claims.TableOf(line);
            if (table != null && (!options.IncludeTables || !options.Confident(table.Confidence))) return null;
            bool dropFieldWords = !options.IncludeKeyValues && claims.FieldsOf(line).Count > 0;
            return RenderFilter.LineText(line, options, dropFieldWords ? word => !claims.IsFieldWord(word) : (Func<TextractWord, bool>?)null);
        }
    }
}
