using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// The GetLendingAnalysisSummary answer: the package's documents grouped by type, each group's documents with
    /// their pages, where signatures were and were not found, and the document types expected but not found.
    /// </summary>
    public sealed class TextractLendingSummary : TextractOutputResult
    {
        internal TextractLendingSummary(TextractDocumentOrigin origin, OutputStatus status,
            IReadOnlyList<TextractLendingDocumentGroup> documentGroups, IReadOnlyList<string> undetectedDocumentTypes)
            : base(origin, status)
        {
            DocumentGroups = documentGroups;
            SplitDocuments = ReadableList<TextractSplitDocument>.Of(documentGroups.SelectMany(g => g.SplitDocuments).ToList(), "; ");
            UndetectedDocumentTypes = undetectedDocumentTypes;
        }

        /// <summary>One per document type found (PAYSLIPS, W_2, BANK_STATEMENT ...).</summary>
        public IReadOnlyList<TextractLendingDocumentGroup> DocumentGroups { get; }

        /// <summary>Every split document of every group, in group order.</summary>
        public IReadOnlyList<TextractSplitDocument> SplitDocuments { get; }

        /// <summary>Document types Textract looked for and did not find.</summary>
        public IReadOnlyList<string> UndetectedDocumentTypes { get; }

        public int DocumentGroupCount => DocumentGroups.Count;

        public override string ToString() =>
            $"{DocumentGroups.Count} document type(s): {string.Join(", ", DocumentGroups.Select(g => g.Type))}";
    }

    /// <summary>The documents of one type in a lending package (a DocumentGroup).</summary>
    public sealed class TextractLendingDocumentGroup : TextractOutputObject
    {
        internal TextractLendingDocumentGroup(TextractDocumentOrigin origin, string type, IReadOnlyList<TextractSplitDocument> splitDocuments,
            IReadOnlyList<int> detectedSignaturePages, IReadOnlyList<int> undetectedSignaturePages)
            : base(origin)
        {
            Type = type;
            SplitDocuments = splitDocuments;
            DetectedSignaturePages = detectedSignaturePages;
            UndetectedSignaturePages = undetectedSignaturePages;
        }

        /// <summary>The document type (a page type: PAYSLIPS, W_2, 1003 ...).</summary>
        public string Type { get; }

        /// <summary>The separate documents of this type, each with its pages.</summary>
        public IReadOnlyList<TextractSplitDocument> SplitDocuments { get; }

        /// <summary>The pages of this type where Textract found a signature (DetectedSignatures).</summary>
        public IReadOnlyList<int> DetectedSignaturePages { get; }

        /// <summary>The pages of this type where a signature was expected and not found (UndetectedSignatures).</summary>
        public IReadOnlyList<int> UndetectedSignaturePages { get; }

        public int SplitDocumentCount => SplitDocuments.Count;
        public int DetectedSignatureCount => DetectedSignaturePages.Count;
        public int UndetectedSignatureCount => UndetectedSignaturePages.Count;

        public override string ToString() => $"{Type}: {SplitDocuments.Count} document(s)";
    }

    /// <summary>One document of a type in a lending package (a SplitDocument) and its pages.</summary>
    public sealed class TextractSplitDocument : TextractOutputObject
    {
        internal TextractSplitDocument(TextractDocumentOrigin origin, string type, int index, IReadOnlyList<int> pages)
            : base(origin)
        {
            Type = type;
            Index = index;
            Pages = pages;
        }

        /// <summary>Its group's document type.</summary>
        public string Type { get; }

        /// <summary>Textract's Index of the document within its group.</summary>
        public int Index { get; }

        /// <summary>The pages of the input the document is made of, in Textract's order.</summary>
        public IReadOnlyList<int> Pages { get; }

        public int PageCount => Pages.Count;

        public override string ToString() => $"{Type} {Index}: page(s) {string.Join(", ", Pages)}";
    }
}
