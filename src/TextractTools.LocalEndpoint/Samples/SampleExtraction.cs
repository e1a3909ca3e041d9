using System;
using System.Collections.Generic;
using System.Linq;

namespace TextractTools.LocalEndpoint.Samples
{
    /// <summary>
    /// One expense field of the project sample as its expense recording states it: which ExpenseDocument
    /// (<paramref name="ExpenseIndex"/>, one per page), the page, the normalized <paramref name="Type"/>, the label
    /// printed on the document (null when the field has none), the value text, the currency code (null when none) and
    /// the group type (VENDOR / RECEIVER; null when none). Line-item fields also carry their line item's row
    /// (<paramref name="LineItem"/>, 1-based; null for summary fields).
    /// </summary>
    public sealed record SampleExpenseField(int ExpenseIndex, int Page, string Type, string? Label, string Value,
        string? Currency = null, string? Group = null, int? LineItem = null);

    /// <summary>
    /// One lending field of the project sample's lending recording: page, field Type, the key text as printed, and
    /// either a value text or a checkbox's SelectionStatus.
    /// </summary>
    public sealed record SampleLendingField(int Page, string Type, string Key, string? Value, string? SelectionStatus);

    /// <summary>
    /// What Textract's expense and lending analyses find in the project sample, decided once from the layout: the
    /// semantic reading of its printed words (which words are the vendor, the invoice number, the total ...). Both
    /// recordings (<see cref="SampleExpenseWriter"/>, <see cref="SampleLendingWriter"/>) are rendered from it, and
    /// tests read it through <see cref="ProjectSample"/>.
    /// </summary>
    internal static class SampleExtraction
    {
        public const string VendorName = "TextractTools Sample Co.";
        public const string Currency = "USD";

        /// <summary>The lending classification of both pages (Analyze Lending has an INVOICES class).</summary>
        public const string LendingPageType = "INVOICES";

        /// <summary>Printed form keys of page 1 and the expense type Textract normalizes them to.</summary>
        public static readonly IReadOnlyList<(string Key, string Type)> KeyTypes = new[]
        {
            ("Invoice Number:", "INVOICE_RECEIPT_ID"),
            ("Date:", "INVOICE_RECEIPT_DATE"),
            ("Customer:", "RECEIVER_NAME"),
        };

        /// <summary>The table's column headers and the line-item type of each column.</summary>
        public static readonly IReadOnlyList<(string Header, string Type)> ColumnTypes = new[]
        {
            ("Item", "ITEM"),
            ("Quantity", "QUANTITY"),
            ("Unit Price", "UNIT_PRICE"),
            ("Amount", "PRICE"),
        };

        /// <summary>The words of page 2's closing line that label and hold the invoice total.</summary>
        public static readonly IReadOnlyList<string> TotalLabelWords = new[] { "Total", "due" };

        /// <summary>
        /// Every expense field, in the order the recording lists them: page 1's summary fields (ExpenseIndex 1), then
        /// page 2's summary field and line items (ExpenseIndex 2).
        /// </summary>
        public static IReadOnlyList<ExpenseFieldPlacement> ExpenseFields(IReadOnlyList<PlacedPage> pages)
        {
            var fields = new List<ExpenseFieldPlacement>();
            var first = pages[0];
            var vendor = LineWithText(first, VendorName);
            fields.Add(new ExpenseFieldPlacement(1, 1, "NAME", null, vendor, Group: "VENDOR"));
            fields.Add(new ExpenseFieldPlacement(1, 1, "VENDOR_NAME", null, vendor));
            foreach (var (key, type) in KeyTypes)
            {
                var field = first.Fields.Single(f => f.Key.Text == key);
                var value = field.Value ?? throw new InvalidOperationException($"The sample field '{key}' has no text value.");
                if (type == "RECEIVER_NAME") fields.Add(new ExpenseFieldPlacement(1, 1, "NAME", field.Key, value, Group: "RECEIVER"));
                fields.Add(new ExpenseFieldPlacement(1, 1, type, field.Key, value));
            }

            var second = pages[1];
            var closing = second.Lines.Single(l => l.Words.Take(TotalLabelWords.Count).Select(w => w.Text).SequenceEqual(TotalLabelWords));
            var label = new PlacedLine(string.Join(" ", TotalLabelWords), closing.Left, closing.Baseline, closing.FontSize,
                closing.Words.Take(TotalLabelWords.Count).ToList());
            var amountWord = closing.Words[TotalLabelWords.Count];
            var amount = new PlacedLine(amountWord.Text, amountWord.Box.Left, closing.Baseline, closing.FontSize, new[] { amountWord });
            fields.Add(new ExpenseFieldPlacement(2, 2, "TOTAL", label, amount, Currency: Currency));

            var table = second.Tables.Single();
            var headers = table.Cells.Where(c => c.IsHeader).OrderBy(c => c.ColumnIndex).ToList();
            foreach (var row in table.Cells.Where(c => !c.IsHeader).GroupBy(c => c.RowIndex).OrderBy(g => g.Key))
            {
                var cells = row.OrderBy(c => c.ColumnIndex).ToList();
                var lineItem = row.Key - 1;
                foreach (var (header, type) in ColumnTypes)
                {
                    var headerCell = headers.Single(h => h.Line?.Text == header);
                    var cell = cells.Single(c => c.ColumnIndex == headerCell.ColumnIndex);
                    fields.Add(new ExpenseFieldPlacement(2, 2, type, headerCell.Line, cell.Line!, LineItem: lineItem));
                }
                // EXPENSE_ROW: the whole row's text, as Textract reports "other text in a line item".
                var words = cells.Where(c => c.Line is not null).SelectMany(c => c.Line!.Words).ToList();
                var rowLine = new PlacedLine(string.Join(" ", words.Select(w => w.Text)), words[0].Box.Left, 0, 0, words);
                fields.Add(new ExpenseFieldPlacement(2, 2, "EXPENSE_ROW", null, rowLine, LineItem: lineItem));
            }
            return fields;
        }

        /// <summary>Page 1's printed key-value pairs and checkboxes, as lending fields of Type OTHER.</summary>
        public static IReadOnlyList<PlacedField> LendingFields(IReadOnlyList<PlacedPage> pages) => pages[0].Fields;

        private static PlacedLine LineWithText(PlacedPage page, string text) =>
            page.Lines.FirstOrDefault(l => l.Text == text) ?? throw new InvalidOperationException($"The sample has no line '{text}'.");
    }

    /// <summary>An expense field with the placed words of its label (null: none printed) and value.</summary>
    internal sealed record ExpenseFieldPlacement(int ExpenseIndex, int Page, string Type, PlacedLine? Label, PlacedLine Value,
        string? Currency = null, string? Group = null, int? LineItem = null)
    {
        public SampleExpenseField ToPublic() => new(ExpenseIndex, Page, Type, Label?.Text, Value.Text, Currency, Group, LineItem);
    }
}
