using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Document.ReadingOrder;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// The document's content in reading order, made when first asked for (the text, Markdown, HTML): per page, its
    /// blocks in reading order; for the whole document, which lines belong to tables and form fields.
    /// </summary>
    internal sealed class DocumentContent
    {
        public const string LineSeparator = "\n";
        public const string BlockSeparator = "\n\n";

        // Pages _firstPage, _firstPage + 1, ...: from 1 for a whole document, from its own first page for a slice of a
        // document read page by page.
        private readonly PageContent[] _pages;
        private readonly int _firstPage;

        public DocumentContent(PageContent[] pages, int firstPage, LineClaims claims)
        {
            _pages = pages;
            _firstPage = firstPage;
            Claims = claims;
        }

        public LineClaims Claims { get; }

        /// <summary>The pages' text, a blank line between pages.</summary>
        public string Text => _text ??= JoinPages(_pages.Select(p => p.Text));

        /// <summary>Pages' texts as the document's text joins them: a blank line between pages, empty ones left out.</summary>
        public static string JoinPages(IEnumerable<string> pageTexts) => string.Join(BlockSeparator, pageTexts.Where(t => t.Length > 0));

        private string? _text;

        public PageContent Page(int pageNumber)
        {
            int index = pageNumber - _firstPage;
            return index >= 0 && index < _pages.Length
                ? _pages[index]
                : new PageContent(pageNumber, new TextractLine[0], new ReadingBlock[0], fromLayout: false);
        }
    }

    /// <summary>One page's blocks in reading order, its lines in that order and its text.</summary>
    internal sealed class PageContent
    {
        public PageContent(int pageNumber, IReadOnlyList<TextractLine> rawLines, IReadOnlyList<ReadingBlock> blocks, bool fromLayout)
        {
            PageNumber = pageNumber;
            RawLines = rawLines;
            Blocks = blocks;
            FromLayout = fromLayout;
            var lines = new List<TextractLine>(rawLines.Count);
            foreach (ReadingBlock block in blocks) lines.AddRange(block.Lines);
            LinesInReadingOrder = lines;
        }

        public int PageNumber { get; }

        /// <summary>The page's lines in Textract's order.</summary>
        public IReadOnlyList<TextractLine> RawLines { get; }

        public IReadOnlyList<ReadingBlock> Blocks { get; }

        /// <summary>True when LAYOUT blocks set the order; false when it was found from geometry.</summary>
        public bool FromLayout { get; }

        public IReadOnlyList<TextractLine> LinesInReadingOrder { get; }

        /// <summary>Each block's lines, one per line; a blank line between blocks.</summary>
        public string Text => _text ??= MakeText();

        private string? _text;

        private string MakeText()
        {
            var blocks = new List<string>(Blocks.Count);
            foreach (ReadingBlock block in Blocks)
            {
                if (block.Lines.Count == 0) continue;
                blocks.Add(string.Join(DocumentContent.LineSeparator, block.Lines.Select(l => l.Text)));
            }
            return string.Join(DocumentContent.BlockSeparator, blocks);
        }
    }
}
