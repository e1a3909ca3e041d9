using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// A Textract result read into objects: pages, lines, words, form fields, tables, query answers, signatures and
    /// layout, plus the raw blocks. Every list is in document order (page, then Textract's order on the page).
    /// </summary>
    public sealed class TextractDocument : TextractOutputObject
    {
        internal TextractDocument(TextractDocumentOrigin origin, DocumentParts parts)
            : base(origin)
        {
            JobStatus = parts.JobStatus;
            StatusMessage = parts.StatusMessage;
            ModelVersion = parts.ModelVersion;
            PageCount = parts.PageCount;
            // Counted views: as text (Export-Csv, Format-List) each list reads "31 lines", not a .NET type name.
            Pages = new CountedList<TextractPage>(parts.Pages, "page", "pages");
            Lines = new CountedList<TextractLine>(parts.Lines, "line", "lines");
            Words = new CountedList<TextractWord>(parts.Words, "word", "words");
            KeyValues = new CountedList<TextractKeyValue>(parts.KeyValues, "field", "fields");
            Tables = new CountedList<TextractTable>(parts.Tables, "table", "tables");
            Queries = new CountedList<TextractQueryResult>(parts.Queries, "query result", "query results");
            Signatures = new CountedList<TextractSignature>(parts.Signatures, "signature", "signatures");
            Layout = new CountedList<TextractLayoutBlock>(parts.Layout, "layout block", "layout blocks");
            Warnings = new CountedList<TextractDocumentWarning>(parts.Warnings, "warning", "warnings");
            Blocks = parts.Blocks;
            _text = parts.Text;
            _content = parts.Content;
        }

        private readonly string _text;
        private readonly Lazy<DocumentContent>? _content;

        /// <summary>
        /// The origin every object of this document reads Document and JobId through (one per read): set them here
        /// when the reader could not know them.
        /// </summary>
        public new TextractDocumentOrigin Origin => base.Origin;

        /// <summary>SUCCEEDED or PARTIAL_SUCCESS for a job's output; null for a synchronous (Analyze/Detect) answer.</summary>
        public string? JobStatus { get; }

        public string? StatusMessage { get; }

        /// <summary>The *ModelVersion the answers carry (e.g. AnalyzeDocumentModelVersion).</summary>
        public string? ModelVersion { get; }

        /// <summary>DocumentMetadata.Pages, or the highest page number seen when the answers do not say.</summary>
        public int PageCount { get; }

        public IReadOnlyList<TextractPage> Pages { get; }
        public IReadOnlyList<TextractLine> Lines { get; }
        public IReadOnlyList<TextractWord> Words { get; }
        public IReadOnlyList<TextractKeyValue> KeyValues { get; }
        public IReadOnlyList<TextractTable> Tables { get; }
        public IReadOnlyList<TextractQueryResult> Queries { get; }
        public IReadOnlyList<TextractSignature> Signatures { get; }
        public IReadOnlyList<TextractLayoutBlock> Layout { get; }

        /// <summary>Textract's warnings and the reader's own (unknown block types, dangling ids when lenient).</summary>
        public IReadOnlyList<TextractDocumentWarning> Warnings { get; }

        /// <summary>Every block as received, in document order (made on demand: cheap to hold, costly to walk twice).</summary>
        public IReadOnlyList<TextractBlock> Blocks { get; }

        /// <summary>
        /// The document's text in reading order, one line per line, a blank line between blocks and between pages.
        /// Where LAYOUT blocks exist they set the order (lines no layout block claims follow at the end of their page);
        /// otherwise the order is found from the lines' geometry (see <see cref="TextractPage.Text"/>).
        /// </summary>
        public string Text => _content?.Value.Text ?? _text;

        /// <summary>
        /// The text of a document read page by page (<see cref="TextractDocumentReader.ReadByPage"/>): the parts' Text
        /// joined as <see cref="Text"/> joins pages, so that it equals the Text of the whole document read at once.
        /// </summary>
        public static string JoinText(IEnumerable<string> partTexts) => DocumentContent.JoinPages(partTexts);

        /// <summary>The content in reading order (made when first asked for), or null for a document made without it.</summary>
        internal DocumentContent? Content => _content?.Value;

        public override string ToString() => $"{PageCount} page(s), {Lines.Count} lines, {Tables.Count} tables, {KeyValues.Count} fields";
    }

    /// <summary>The pieces a document is built from, gathered by the builder.</summary>
    internal sealed class DocumentParts
    {
        public string? JobStatus;
        public string? StatusMessage;
        public string? ModelVersion;
        public int PageCount;
        public IReadOnlyList<TextractPage> Pages = new TextractPage[0];
        public IReadOnlyList<TextractLine> Lines = new TextractLine[0];
        public IReadOnlyList<TextractWord> Words = new TextractWord[0];
        public IReadOnlyList<TextractKeyValue> KeyValues = new TextractKeyValue[0];
        public IReadOnlyList<TextractTable> Tables = new TextractTable[0];
        public IReadOnlyList<TextractQueryResult> Queries = new TextractQueryResult[0];
        public IReadOnlyList<TextractSignature> Signatures = new TextractSignature[0];
        public IReadOnlyList<TextractLayoutBlock> Layout = new TextractLayoutBlock[0];
        public IReadOnlyList<TextractDocumentWarning> Warnings = new TextractDocumentWarning[0];
        public IReadOnlyList<TextractBlock> Blocks = new TextractBlock[0];
        public string Text = string.Empty;

        /// <summary>The reading-order content, made on first use; when set, it gives the text.</summary>
        public Lazy<DocumentContent>? Content;
    }
}
