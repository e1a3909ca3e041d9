using System.Collections.Generic;

namespace TextractTools.Engine.Formats
{
    /// <summary>
    /// What <see cref="TextRenderer"/>, <see cref="MarkdownRenderer"/> and <see cref="HtmlRenderer"/> put in. The defaults
    /// render everything: every page, headers, footers, page numbers, key-values and tables, whatever the confidence.
    /// </summary>
    public sealed class DocumentRenderOptions
    {
        /// <summary>Only these pages (1-based); null or empty: all. Numbers beyond the document are ignored.</summary>
        public IReadOnlyCollection<int>? Pages { get; set; }

        /// <summary>
        /// Page headers: LAYOUT_HEADER blocks, or without layout a short block in the top tenth of the page whose text
        /// recurs there on another page. False leaves them out (their text too).
        /// </summary>
        public bool IncludePageHeaders { get; set; } = true;

        /// <summary>Page footers (LAYOUT_FOOTER, or the bottom-tenth counterpart of a header). False leaves them out.</summary>
        public bool IncludePageFooters { get; set; } = true;

        /// <summary>
        /// Page numbers (LAYOUT_PAGE_NUMBER, or without layout a block in the top or bottom tenth that reads "7",
        /// "Page 7", "7 of 12" ...). False leaves them out.
        /// </summary>
        public bool IncludePageNumbers { get; set; } = true;

        /// <summary>
        /// Form fields as key-values (Markdown: "- **Key:** value"; HTML: a definition list). False leaves the fields
        /// out, their text too; words of the same lines that belong to no field stay.
        /// </summary>
        public bool IncludeKeyValues { get; set; } = true;

        /// <summary>Tables (Markdown: pipe tables; HTML: table elements). False leaves the tables out, their text too.</summary>
        public bool IncludeTables { get; set; } = true;

        /// <summary>Mark where a page ends: Markdown "---", HTML a rule and a print page break, text a form feed.</summary>
        public bool PageBreaks { get; set; }

        /// <summary>
        /// A confidence floor (0-100; 0 keeps everything). Below it: a LINE is left out; a WORD is left out of its line
        /// (a line left with no word is left out); a CELL or MERGED_CELL shows empty (the table keeps its shape); a
        /// TABLE is left out; a key-value is left out when its key is below it, and shows an empty value when its
        /// value is. An element without a confidence counts as 0, as Get-TextractOutput -MinConfidence counts it.
        /// Layout blocks are not judged by their own confidence.
        /// </summary>
        public double MinConfidence { get; set; }

        /// <summary>The HTML document's title (the document's name, say); default "Textract document".</summary>
        public string? Title { get; set; }

        internal bool PageWanted(int page) => Pages == null || Pages.Count == 0 || Contains(Pages, page);

        internal bool Confident(double? confidence) => MinConfidence <= 0 || (confidence ?? 0) >= MinConfidence;

        private static bool Contains(IReadOnlyCollection<int> pages, int page)
        {
            foreach (int p in pages)
            {
                if (p == page) return true;
            }
            return false;
        }
    }
}
