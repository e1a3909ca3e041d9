using System.Collections.Generic;
using System.Linq;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// One page of a lending package as Textract classified it (a LendingResult): its page type, the page number
    /// printed on it, and what Textract extracted from it.
    /// </summary>
    public sealed class TextractLendingPage : TextractOutputObject
    {
        internal TextractLendingPage(TextractDocumentOrigin origin, int page,
            IReadOnlyList<TextractLendingPrediction> pageTypePredictions, IReadOnlyList<TextractLendingPrediction> pageNumberPredictions,
            TextractLendingPrediction? pageType, TextractLendingPrediction? pageNumber,
            IReadOnlyList<TextractLendingField> fields, IReadOnlyList<TextractLendingSignature> signatures,
            IReadOnlyList<TextractExpenseDocument> expenseDocuments, IReadOnlyList<TextractIdentityDocument> identityDocuments)
            : base(origin)
        {
            Page = page;
            PageTypePredictions = pageTypePredictions;
            PageNumberPredictions = pageNumberPredictions;
            PageType = pageType?.Value ?? string.Empty;
            PageTypeConfidence = pageType?.Confidence;
            PrintedPageNumber = pageNumber?.Value ?? string.Empty;
            PrintedPageNumberConfidence = pageNumber?.Confidence;
            Fields = fields;
            Signatures = signatures;
            ExpenseDocuments = expenseDocuments;
            IdentityDocuments = identityDocuments;
            FieldsWithValueCount = fields.Count(f => f.Value.Length > 0);
        }

        /// <summary>The page of the input (1-based).</summary>
        public int Page { get; }

        /// <summary>
        /// The page type predicted with the highest confidence (on a tie, the first in Textract's order): 1003, W_2,
        /// PAYSLIPS, BANK_STATEMENT, CHECKS, IDENTITY_DOCUMENT, UNCLASSIFIED ...; empty when Textract gives none.
        /// </summary>
        public string PageType { get; }

        public double? PageTypeConfidence { get; }

        /// <summary>The page number printed on the page, chosen as <see cref="PageType"/> is; Textract says "undetected" where it found none.</summary>
        public string PrintedPageNumber { get; }

        public double? PrintedPageNumberConfidence { get; }

        /// <summary>Every page type prediction, in Textract's order.</summary>
        public IReadOnlyList<TextractLendingPrediction> PageTypePredictions { get; }

        /// <summary>Every printed page number prediction, in Textract's order.</summary>
        public IReadOnlyList<TextractLendingPrediction> PageNumberPredictions { get; }

        /// <summary>The lending fields of the page (of all its LendingDocument extractions), in Textract's order.</summary>
        public IReadOnlyList<TextractLendingField> Fields { get; }

        public IReadOnlyList<TextractLendingSignature> Signatures { get; }

        /// <summary>Invoices and receipts Textract analysed on the page (ExpenseDocument extractions).</summary>
        public IReadOnlyList<TextractExpenseDocument> ExpenseDocuments { get; }

        /// <summary>Identity documents Textract analysed on the page (IdentityDocument extractions).</summary>
        public IReadOnlyList<TextractIdentityDocument> IdentityDocuments { get; }

        public int FieldCount => Fields.Count;

        /// <summary>How many of <see cref="Fields"/> have a non-empty value.</summary>
        public int FieldsWithValueCount { get; }

        public int SignatureCount => Signatures.Count;
        public int ExpenseDocumentCount => ExpenseDocuments.Count;
        public int IdentityDocumentCount => IdentityDocuments.Count;

        public override string ToString() => $"Page {Page}: {PageType}, {Fields.Count} fields";
    }
}
