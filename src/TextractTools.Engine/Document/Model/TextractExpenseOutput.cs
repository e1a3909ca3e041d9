using System.Collections.Generic;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// Expense analysis output read into objects (<see cref="TextractExpenseReader"/>): the invoices and receipts
    /// found, and their summary fields and line items across documents.
    /// </summary>
    public sealed class TextractExpenseOutput : TextractOutputResult
    {
        internal TextractExpenseOutput(TextractDocumentOrigin origin, OutputStatus status,
            IReadOnlyList<TextractExpenseDocument> expenseDocuments, IReadOnlyList<TextractExpenseField> summaryFields,
            IReadOnlyList<TextractLineItem> lineItems, IReadOnlyList<string> lineItemColumns)
            : base(origin, status)
        {
            ExpenseDocuments = expenseDocuments;
            SummaryFields = summaryFields;
            LineItems = lineItems;
            LineItemColumns = lineItemColumns;
        }

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
