using System.Collections.Generic;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// Expense analysis output read into objects (<see cref="TextractExpenseReader"/>): the invoices and receipts
    /// found, and their summary fields and line items across documents.
    /// </summary>
    public sealed class TextractExpenseOutput : TextractOutputObject
    {
        internal TextractExpenseOutput(TextractDocumentOrigin origin, OutputStatus status,
            IReadOnlyList<TextractExpenseDocument> expenseDocuments, IReadOnlyList<TextractExpenseField> summaryFields,
            IReadOnlyList<TextractLineItem> lineItems, IReadOnlyList<string> lineItemColumns)
            : base(origin)
        {
            JobStatus = status.JobStatus;
            StatusMessage = status.StatusMessage;
            ModelVersion = status.ModelVersion;
            PageCount = status.PageCount;
            Warnings = new CountedList<TextractDocumentWarning>(status.Warnings, "warning", "warnings");
            ExpenseDocuments = expenseDocuments;
            SummaryFields = summaryFields;
            LineItems = lineItems;
            LineItemColumns = lineItemColumns;
        }

        /// <summary>The origin every object of this output reads Document and JobId through: set them here.</summary>
        public new TextractDocumentOrigin Origin => base.Origin;

        /// <summary>SUCCEEDED or PARTIAL_SUCCESS for a job's output; null for a synchronous AnalyzeExpense answer.</summary>
        public string? JobStatus { get; }

        public string? StatusMessage { get; }

        /// <summary>AnalyzeExpenseModelVersion.</summary>
        public string? ModelVersion { get; }

        /// <summary>DocumentMetadata.Pages, or the highest page number seen when the answers do not say.</summary>
        public int PageCount { get; }

        /// <summary>Textract's warnings and the reader's own.</summary>
        public IReadOnlyList<TextractDocumentWarning> Warnings { get; }

        /// <summary>The invoices and receipts, by <see cref="TextractExpenseDocument.Index"/>.</summary>
        public IReadOnlyList<TextractExpenseDocument> ExpenseDocuments { get; }

        /// <summary>The summary fields of every expense document, in document order.</summary>
        public IReadOnlyList<TextractExpenseField> SummaryFields { get; }

        /// <summary>The line items of every expense document, in document order.</summary>
        public IReadOnlyList<TextractLineItem> LineItems { get; }

        /// <summary>
        /// The columns every <see cref="TextractLineItem"/> of this output has, in order. A field's column is its Type
        /// (ITEM, QUANTITY, UNIT_PRICE, PRICE, PRODUCT_CODE ...); an OTHER field's column is its label as printed, with
        /// white space collapsed and a trailing colon dropped ("Email:" -> "Email"), or OTHER when it has no label.
        /// Names compare regardless of case, as PowerShell property names do: an OTHER field labeled "Quantity" lands
        /// in the QUANTITY column. A name a line item uses twice gets _2, _3 ... (ITEM, ITEM_2). EXPENSE_ROW (the
        /// whole row as one text) is always the last column. Columns appear in the order the line items first use
        /// them.
        /// </summary>
        public IReadOnlyList<string> LineItemColumns { get; }

        public override string ToString() =>
            $"{ExpenseDocuments.Count} expense document(s), {SummaryFields.Count} summary fields, {LineItems.Count} line items";
    }
}
