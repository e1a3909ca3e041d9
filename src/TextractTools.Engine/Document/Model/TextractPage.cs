using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// One page of the document: counts of what was found on it and its text in reading order. Id, Confidence and
    /// BoundingBox are the PAGE block's (Id is empty for a page the output names but gives no PAGE block for).
    /// </summary>
    public sealed class TextractPage : TextractElement
    {
        private readonly string? _text;
        private readonly Lazy<DocumentContent>? _content;

        /// <summary>A page whose text is made, with the rest of the document's content, when first asked for.</summary>
        internal TextractPage(TextractDocumentOrigin origin, string id, int page, double? confidence, TextractBoundingBox? boundingBox, PageCounts counts,
            Lazy<DocumentContent> content)
            : this(origin, id, page, confidence, boundingBox, counts, (string?)null)
        {
            _content = content;
        }

        /// <summary>A page with a fixed text and no reading-order content.</summary>
        internal TextractPage(TextractDocumentOrigin origin, string id, int page, double? confidence, TextractBoundingBox? boundingBox, PageCounts counts, string? text)
            : base(origin, id, page, confidence, boundingBox)
        {
            LineCount = counts.Lines;
            WordCount = counts.Words;
            KeyValueCount = counts.KeyValues;
            TableCount = counts.Tables;
            QueryResultCount = counts.QueryResults;
            SignatureCount = counts.Signatures;
            LayoutBlockCount = counts.LayoutBlocks;
            _text = text;
        }

        /// <summary>Same as <see cref="TextractElement.Page"/>: the 1-based page number.</summary>
        public int PageNumber => Page;

        public int LineCount { get; }
        public int WordCount { get; }
        public int KeyValueCount { get; }
        public int TableCount { get; }
        public int QueryResultCount { get; }
        public int SignatureCount { get; }
        public int LayoutBlockCount { get; }

        /// <summary>
        /// The page's text in reading order, one line per line, a blank line between blocks. Where the page has LAYOUT
        /// blocks they set the order (lines no layout block claims follow at the end); otherwise the order is found
        /// from the lines' geometry (columns, sections, tables and form fields kept together; see
        /// Document/ReadingOrder/README.md). Made when first asked for.
        /// </summary>
        public string Text => _text ?? _content?.Value.Page(Page).Text ?? string.Empty;

        /// <summary>The page's lines in the order of <see cref="Text"/>.</summary>
        public IReadOnlyList<TextractLine> GetLinesInReadingOrder() =>
            _content?.Value.Page(Page).LinesInReadingOrder ?? (IReadOnlyList<TextractLine>)Array.Empty<TextractLine>();

        /// <summary>The document's content this page is part of, or null for a page made with a fixed text.</summary>
        internal PageContent? Content => _content?.Value.Page(Page);

        public override string ToString() => $"Page {Page}: {LineCount} lines, {TableCount} tables, {KeyValueCount} fields";
    }

    /// <summary>What a page holds, counted while the model is built.</summary>
    internal struct PageCounts
    {
        public int Lines;
        public int Words;
        public int KeyValues;
        public int Tables;
        public int QueryResults;
        public int Signatures;
        public int LayoutBlocks;
    }
}
