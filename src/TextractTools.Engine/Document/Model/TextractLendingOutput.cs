using System.Collections.Generic;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// Lending analysis output read into objects (<see cref="TextractLendingReader"/>): every classified page, and
    /// across pages their fields, signatures, and the expense and identity documents found on them. The summary
    /// (document groups) comes from another operation: <see cref="TextractLendingSummary"/>.
    /// </summary>
    public sealed class TextractLendingOutput : TextractOutputObject
    {
        internal TextractLendingOutput(TextractDocumentOrigin origin, OutputStatus status, IReadOnlyList<TextractLendingPage> pages,
            IReadOnlyList<TextractLendingField> fields, IReadOnlyList<TextractLendingSignature> signatures,
            IReadOnlyList<TextractExpenseDocument> expenseDocuments, IReadOnlyList<TextractLineItem> lineItems, IReadOnlyList<string> lineItemColumns,
            IReadOnlyList<TextractIdentityDocument> identityDocuments)
            : base(origin)
        {
            JobStatus = status.JobStatus;
            StatusMessage = status.StatusMessage;
            ModelVersion = status.ModelVersion;
            PageCount = status.PageCount;
            Warnings = new CountedList<TextractDocumentWarning>(status.Warnings, "warning", "warnings");
            Pages = pages;
            Fields = fields;
            Signatures = signatures;
            ExpenseDocuments = expenseDocuments;
            LineItems = lineItems;
            LineItemColumns = lineItemColumns;
            IdentityDocuments = identityDocuments;
        }

        /// <summary>The origin every object of this output reads Document and JobId through: set them here.</summary>
        public new TextractDocumentOrigin Origin => base.Origin;

        public string? JobStatus { get; }

        public string? StatusMessage { get; }

        /// <summary>AnalyzeLendingModelVersion.</summary>
        public string? ModelVersion { get; }

        /// <summary>DocumentMetadata.Pages, or the highest page seen when the answers do not say.</summary>
        public int PageCount { get; }

        public IReadOnlyList<TextractDocumentWarning> Warnings { get; }

        /// <summary>One per result page, by page number.</summary>
        public IReadOnlyList<TextractLendingPage> Pages { get; }

        /// <summary>The lending fields of every page, in page order.</summary>
        public IReadOnlyList<TextractLendingField> Fields { get; }

        public IReadOnlyList<TextractLendingSignature> Signatures { get; }

        /// <summary>The expense documents of every page, numbered 1, 2, ... in page order.</summary>
        public IReadOnlyList<TextractExpenseDocument> ExpenseDocuments { get; }

        /// <summary>The line items of those expense documents; columns as for expense output (<see cref="TextractExpenseOutput.LineItemColumns"/>).</summary>
        public IReadOnlyList<TextractLineItem> LineItems { get; }

        public IReadOnlyList<string> LineItemColumns { get; }

        public IReadOnlyList<TextractIdentityDocument> IdentityDocuments { get; }

        public override string ToString() => $"{Pages.Count} page(s), {Fields.Count} lending fields, {ExpenseDocuments.Count} expense and {IdentityDocuments.Count} identity document(s)";
    }
}
