using System.Collections.Generic;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// Lending analysis output read into objects (<see cref="TextractLendingReader"/>): every classified page, and
    /// across pages their fields, signatures, and the expense and identity documents found on them. The summary
    /// (document groups) comes from another operation: <see cref="TextractLendingSummary"/>.
    /// </summary>
    public sealed class TextractLendingOutput : TextractOutputResult
    {
        internal TextractLendingOutput(TextractDocumentOrigin origin, OutputStatus status, IReadOnlyList<TextractLendingPage> pages,
            IReadOnlyList<TextractLendingField> fields, IReadOnlyList<TextractLendingSignature> signatures,
            IReadOnlyList<TextractExpenseDocument> expenseDocuments, IReadOnlyList<TextractLineItem> lineItems, IReadOnlyList<string> lineItemColumns,
            IReadOnlyList<TextractIdentityDocument> identityDocuments)
            : base(origin, status)
        {
            Pages = pages;
            Fields = fields;
            Signatures = signatures;
            ExpenseDocuments = expenseDocuments;
            LineItems = lineItems;
            LineItemColumns = lineItemColumns;
            IdentityDocuments = identityDocuments;
        }

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
