using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using TextractTools.Engine.Document;

namespace TextractTools.Engine.Formats
{
    /// <summary>
    /// A document as one complete HTML5 page: doctype, UTF-8, a title, one inline style sheet, no script and nothing
    /// fetched from the network. One section per page; headings, paragraphs, lists; key-values as a definition list
    /// (checkboxes as disabled check boxes); tables with a caption (the title), header cells as th with scope, merged
    /// cells as colspan / rowspan, footers in tfoot; figures as a placeholder. All text is escaped; void elements are
    /// written self-closed and attributes quoted, so the page is well-formed XML too (XHTML syntax is valid HTML5).
    /// Options: <see cref="DocumentRenderOptions"/>.
    /// </summary>
    public static class HtmlRenderer
    {
        public const string DefaultTitle = "Textract document";

        /// <summary>The style sheet: readable text, visible table grid, header cells shaded (a test looks for their colour).</summary>
        internal const string StyleSheet =
            "body{margin:0;background:#ffffff;color:#1f2328;font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif;line-height:1.45}" +
            "main{max-width:64rem;margin:0 auto;padding:1.5rem}" +
            "section.page{margin:0 0 2rem;padding-top:.75rem;border-top:1px solid #d0d7de}" +
            "section.page::before{content:\"Page \" attr(data-page);display:block;margin-bottom:.5rem;color:#6e7781;font-size:.75rem}" +
            "h1{font-size:1.6rem;margin:.6rem 0}h2{font-size:1.25rem;margin:.6rem 0}p{margin:.5rem 0;white-space:pre-line}" +
            "table{border-collapse:collapse;margin:1rem 0;font-size:.95rem}" +
            "th,td{border:1px solid #57606a;padding:.25rem .5rem;vertical-align:top;text-align:left}" +
            "th{background:#dbe7f5;font-weight:600}" +
            "caption{caption-side:top;text-align:left;font-weight:600;padding-bottom:.25rem}" +
            "tfoot td{color:#57606a;font-size:.9em}" +
            "dl.key-values{display:grid;grid-template-columns:fit-content(45%) 1fr;gap:.15rem 1rem;margin:.75rem 0}" +
            "dl.key-values>div{display:contents}dt{font-weight:600}dd{margin:0}" +
            ".page-header,.page-footer,.page-number{color:#6e7781;font-size:.85rem}" +
            "figure.figure{margin:.75rem 0}" +
            ".figure-placeholder{display:inline-block;padding:1rem 2rem;border:1px dashed #8c959f;color:#6e7781;background:#f6f8fa}" +
            "input[type=checkbox]{margin:0 .3rem 0 0;vertical-align:middle}" +
            "hr.page-break{border:0;border-top:2px dashed #8c959f;margin:2rem 0}" +
            "@media print{hr.page-break{display:none}section.page.break{break-after:page}}";

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
            string title = string.IsNullOrWhiteSpace(options.Title) ? DefaultTitle : options.Title!;
            writer.Write("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\" />\n");
            writer.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
            writer.Write("<meta name=\"generator\" content=\"TextractTools\" />\n");
            writer.Write("<title>" + HtmlText.Escape(title) + "</title>\n");
            writer.Write("<style>" + StyleSheet + "</style>\n</head>\n<body>\n<main>\n");
            var pages = new List<RenderPage>(new ContentWalker(document, options).Pages());
            for (int i = 0; i < pages.Count; i++)
            {
                bool breakAfter = options.PageBreaks && i < pages.Count - 1;
                var builder = new StringBuilder();
                Page(builder, pages[i], breakAfter);
                if (breakAfter) builder.Append("<hr class=\"page-break\" />\n");
                writer.Write(builder.ToString());
            }
            writer.Write("</main>\n</body>\n</html>\n");
        }

        private static void Page(StringBuilder html, RenderPage page, bool breakAfter)
        {
            string number = page.Number.ToString(CultureInfo.InvariantCulture);
            html.Append("<section class=\"page").Append(breakAfter ? " break" : "").Append("\" id=\"page-").Append(number)
                .Append("\" data-page=\"").Append(number).Append("\" aria-label=\"Page ").Append(number).Append("\">\n");
            foreach (RenderBlock block in page.Blocks)
            {
                switch (block)
                {
                    case HeadingBlock heading:
                        string tag = "h" + heading.Level.ToString(CultureInfo.InvariantCulture);
                        html.Append('<').Append(tag).Append('>');
                        HtmlText.Append(html, heading.Text);
                        html.Append("</").Append(tag).Append(">\n");
                        break;
                    case ParagraphBlock paragraph:
                        Paragraph(html, paragraph.Lines, ClassOf(paragraph.Role));
                        break;
                    case ListBlock list:
                        List(html, list);
                        break;
                    case KeyValueBlock fields:
                        KeyValues(html, fields);
                        break;
                    case TableBlock table:
                        Table(html, table.Table);
                        break;
                    case FigureBlock figure:
                        html.Append("<figure class=\"figure\"><div class=\"figure-placeholder\" role=\"img\" aria-label=\"Figure\">Figure</div>");
                        if (figure.Lines.Count > 0)
                        {
                            html.Append("<figcaption>");
                            HtmlText.Append(html, string.Join("\n", figure.Lines));
                            html.Append("</figcaption>");
                        }
                        html.Append("</figure>\n");
                        break;
                }
            }
            html.Append("</section>\n");
        }

        private static string? ClassOf(ParagraphRole role) =>
            role switch
            {
                ParagraphRole.PageHeader => "page-header",
                ParagraphRole.PageFooter => "page-footer",
                ParagraphRole.PageNumber => "page-number",
                _ => null,
            };

        /// <summary>A paragraph keeps its lines as lines (white-space: pre-line).</summary>
        private static void Paragraph(StringBuilder html, IReadOnlyList<string> lines, string? cssClass)
        {
            html.Append(cssClass == null ? "<p>" : "<p class=\"" + cssClass + "\">");
            HtmlText.Append(html, string.Join("\n", lines));
            html.Append("</p>\n");
        }

        private static void List(StringBuilder html, ListBlock list)
        {
            if (list.Start.HasValue)
            {
                html.Append("<ol");
                if (list.Start.Value != 1) html.Append(" start=\"").Append(list.Start.Value.ToString(CultureInfo.InvariantCulture)).Append('"');
                html.Append(">\n");
            }
            else
            {
                html.Append("<ul>\n");
            }
            foreach (string item in list.Items)
            {
                html.Append("<li>");
                HtmlText.Append(html, item);
                html.Append("</li>\n");
            }
            html.Append(list.Start.HasValue ? "</ol>\n" : "</ul>\n");
        }

        private static void KeyValues(StringBuilder html, KeyValueBlock fields)
        {
            html.Append("<dl class=\"key-values\">\n");
            foreach (KeyValueItem item in fields.Items)
            {
                html.Append("<div><dt>");
                HtmlText.Append(html, item.Key.Trim());
                html.Append("</dt><dd>");
                if (item.IsChecked.HasValue) Checkbox(html, item.IsChecked.Value, item.Key.Trim());
                HtmlText.Append(html, item.Value.Trim());
                html.Append("</dd></div>\n");
            }
            html.Append("</dl>\n");
        }

        private static void Checkbox(StringBuilder html, bool isChecked, string label)
        {
            html.Append("<input type=\"checkbox\" disabled=\"disabled\"");
            if (isChecked) html.Append(" checked=\"checked\"");
            if (label.Length > 0)
            {
                html.Append(" aria-label=\"");
                HtmlText.Append(html, label);
                html.Append('"');
            }
            html.Append(" />");
        }

        private static void Table(StringBuilder html, TableView table)
        {
            html.Append("<table>\n");
            if (!string.IsNullOrWhiteSpace(table.Title))
            {
                html.Append("<caption>");
                HtmlText.Append(html, table.Title!.Trim());
                html.Append("</caption>\n");
            }
            // Header rows get their own section unless a merged cell reaches from them into the data rows.
            int headerRows = table.HeaderSpansBody ? 0 : table.HeaderRowCount;
            var byRow = new List<TableSpan>[table.RowCount];
            for (int r = 0; r < byRow.Length; r++) byRow[r] = new List<TableSpan>();
            foreach (TableSpan span in table.Spans) byRow[span.Row - 1].Add(span);
            if (headerRows > 0)
            {
                html.Append("<thead>\n");
                for (int r = 0; r < headerRows; r++) Row(html, byRow[r], table.HasCheckboxes);
                html.Append("</thead>\n");
            }
            html.Append("<tbody>\n");
            for (int r = headerRows; r < table.RowCount; r++) Row(html, byRow[r], table.HasCheckboxes);
            html.Append("</tbody>\n");
            var footers = new List<string>();
            foreach (string footer in table.Footers)
            {
                if (!string.IsNullOrWhiteSpace(footer)) footers.Add(footer.Trim());
            }
            if (footers.Count > 0 && table.ColumnCount > 0)
            {
                html.Append("<tfoot>\n");
                foreach (string footer in footers)
                {
                    html.Append("<tr><td colspan=\"").Append(table.ColumnCount.ToString(CultureInfo.InvariantCulture)).Append("\">");
                    HtmlText.Append(html, footer);
                    html.Append("</td></tr>\n");
                }
                html.Append("</tfoot>\n");
            }
            html.Append("</table>\n");
            if (footers.Count > 0 && table.ColumnCount == 0)
            {
                foreach (string footer in footers) Paragraph(html, new[] { footer }, null);
            }
        }

        private static void Row(StringBuilder html, List<TableSpan> spans, bool checkboxes)
        {
            html.Append("<tr>");
            foreach (TableSpan span in spans)
            {
                string tag = span.IsHeader ? "th" : "td";
                html.Append('<').Append(tag);
                if (span.IsHeader) html.Append(" scope=\"").Append(span.ColumnSpan > 1 ? "colgroup" : "col").Append('"');
                if (span.ColumnSpan > 1) html.Append(" colspan=\"").Append(span.ColumnSpan.ToString(CultureInfo.InvariantCulture)).Append('"');
                if (span.RowSpan > 1) html.Append(" rowspan=\"").Append(span.RowSpan.ToString(CultureInfo.InvariantCulture)).Append('"');
                html.Append('>');
                CellText(html, span.Text, checkboxes);
                html.Append("</").Append(tag).Append('>');
            }
            html.Append("</tr>\n");
        }

        /// <summary>A cell's text; with checkboxes in the table, its SELECTED / NOT_SELECTED words become check boxes.</summary>
        private static void CellText(StringBuilder html, string text, bool checkboxes)
        {
            if (!checkboxes)
            {
                HtmlText.Append(html, text);
                return;
            }
            string[] words = text.Split(' ');
            for (int i = 0; i < words.Length; i++)
            {
                if (i > 0) html.Append(' ');
                if (words[i] == TableView.Selected) Checkbox(html, true, string.Empty);
                else if (words[i] == TableView.NotSelected) Checkbox(html, false, string.Empty);
                else HtmlText.Append(html, words[i]);
            }
        }
    }
}
