using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// One invoice or receipt Textract found (an ExpenseDocument): its summary fields, its line items (in groups and
    /// flattened), and its own lines and text where the answer carries its Blocks.
    /// </summary>
    public sealed class TextractExpenseDocument : TextractOutputObject
    {
        internal TextractExpenseDocument(TextractDocumentOrigin origin, int index, IReadOnlyList<int> pages,
            IReadOnlyList<TextractExpenseField> summaryFields, IReadOnlyList<TextractLineItemGroup> lineItemGroups,
            IReadOnlyList<TextractLineItem> lineItems, IReadOnlyList<TextractLine> lines, string text)
            : base(origin)
        {
            Index = index;
            Pages = pages;
            SummaryFields = summaryFields;
            LineItemGroups = lineItemGroups;
            LineItems = lineItems;
            Lines = lines;
            Text = text;
            VendorName = FirstValue("VENDOR_NAME");
            InvoiceReceiptId = FirstValue("INVOICE_RECEIPT_ID");
            InvoiceReceiptDate = FirstValue("INVOICE_RECEIPT_DATE");
            Total = FirstValue("TOTAL");
        }

        /// <summary>
        /// Textract's ExpenseIndex (1 for the first invoice or receipt of the input, 2 for the next ...). For expense
        /// documents on lending pages, which carry none that is unique, their 1-based position in the lending output.
        /// </summary>
        public int Index { get; }

        /// <summary>The first of <see cref="Pages"/>.</summary>
        public int Page => Pages[0];

        /// <summary>The pages its fields and blocks are on, in order (never empty).</summary>
        public IReadOnlyList<int> Pages { get; }

        /// <summary>The first VENDOR_NAME summary field's value, or empty.</summary>
        public string VendorName { get; }

        /// <summary>The first INVOICE_RECEIPT_ID summary field's value, or empty.</summary>
        public string InvoiceReceiptId { get; }

        /// <summary>The first INVOICE_RECEIPT_DATE summary field's value, or empty.</summary>
        public string InvoiceReceiptDate { get; }

        /// <summary>The first TOTAL summary field's value, or empty.</summary>
        public string Total { get; }

        public IReadOnlyList<TextractExpenseField> SummaryFields { get; }

        public IReadOnlyList<TextractLineItemGroup> LineItemGroups { get; }

        /// <summary>Every line item of every group, in order.</summary>
        public IReadOnlyList<TextractLineItem> LineItems { get; }

        /// <summary>The document's own LINE blocks with their words (empty when the answer carries no Blocks).</summary>
        public IReadOnlyList<TextractLine> Lines { get; }

        /// <summary>The document's text, one line per line, pages separated by a blank line (empty without Blocks).</summary>
        public string Text { get; }

        public int SummaryFieldCount => SummaryFields.Count;
        public int LineItemGroupCount => LineItemGroups.Count;
        public int LineItemCount => LineItems.Count;
        public int LineCount => Lines.Count;

        /// <summary>The value of the first summary field of <paramref name="type"/> (e.g. "TAX"), or empty.</summary>
        public string FirstValue(string type)
        {
            foreach (TextractExpenseField field in SummaryFields)
            {
                if (string.Equals(field.Type, type, StringComparison.OrdinalIgnoreCase)) return field.Value;
            }
            return string.Empty;
        }

        public override string ToString() =>
            $"Expense document {Index} (page {string.Join(", ", Pages)}): {SummaryFields.Count} summary fields, {LineItems.Count} line items" +
            (VendorName.Length == 0 ? "" : $", vendor {VendorName}") + (Total.Length == 0 ? "" : $", total {Total}");
    }
}
