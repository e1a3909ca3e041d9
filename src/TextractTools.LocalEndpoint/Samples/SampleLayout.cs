using System;
using System.Collections.Generic;

namespace TextractTools.LocalEndpoint.Samples
{
    /// <summary>
    /// The one description of the sample document. The PDF and the Textract-shaped answer are both rendered from it,
    /// so they cannot drift apart. Coordinates are PDF points on a US Letter page with the origin at the TOP-LEFT
    /// corner and y growing downwards (Textract's convention); the PDF writer flips y when it draws.
    /// </summary>
    public sealed class SampleLayout
    {
        public const double PageWidth = 612;
        public const double PageHeight = 792;

        public SampleLayout(IReadOnlyList<SamplePage> pages)
        {
            if (pages is null || pages.Count == 0) throw new ArgumentException("A layout needs at least one page.", nameof(pages));
            foreach (var page in pages) Validate(page);
            Pages = pages;
        }

        public IReadOnlyList<SamplePage> Pages { get; }

        /// <summary>The project's sample: a fictional two-page service invoice from "TextractTools Sample Co.".</summary>
        public static SampleLayout Invoice { get; } = CreateInvoice();

        private static SampleLayout CreateInvoice()
        {
            const double margin = 72;
            var page1 = new SamplePage(new SampleElement[]
            {
                new SampleText("TextractTools Sample Co.", margin, 96, 22),
                new SampleText("Service Report and Invoice", margin, 124, 14),
                new SampleText("This document is a fictional invoice produced by TextractTools to exercise", margin, 168, 11),
                new SampleText("text detection, key-value pairs and tables without any real customer data.", margin, 184, 11),
                new SampleText("Every word, box and checkbox is generated from one shared layout, so the", margin, 200, 11),
                new SampleText("expected Textract answer is known exactly and tests can rely on it.", margin, 216, 11),
                new SampleField("Invoice Number:", margin, 264, 12, 210, Value: "INV-1042"),
                new SampleField("Date:", margin, 292, 12, 210, Value: "2024-03-15"),
                new SampleField("Customer:", margin, 320, 12, 210, Value: "Blue Harbor Logistics"),
                new SampleField("Paid:", margin, 348, 12, 210, Checked: true),
                new SampleField("Rush Order:", margin, 376, 12, 210, Checked: false),
            });

            var page2 = new SamplePage(new SampleElement[]
            {
                new SampleText("Service Details", margin, 96, 16),
                new SampleTable(
                    Left: 56, Top: 120, RowHeight: 26, FontSize: 11,
                    ColumnWidths: new double[] { 200, 90, 110, 100 },
                    RightAligned: new[] { false, true, true, true },
                    Rows: new[]
                    {
                        new[] { "Item", "Quantity", "Unit Price", "Amount" },
                        new[] { "Document scanning", "120", "0.50", "60.00" },
                        new[] { "Form extraction", "40", "2.25", "90.00" },
                        new[] { "Table extraction", "25", "3.00", "75.00" },
                        new[] { "Archive storage", "12", "4.75", "57.00" },
                        new[] { "Priority support", "1", "150.00", "150.00" },
                    }),
                // No colon on purpose: a "Total:" would read as a form key, and this line is meant to be plain text.
                new SampleText("Total due 432.00 USD. Thank you for choosing TextractTools Sample Co.", margin, 320, 11),
            });

            return new SampleLayout(new[] { page1, page2 });
        }

        // The writer only knows WinAnsi single-byte text and the Helvetica metrics table covers printable ASCII;
        // anything else would silently produce boxes that do not match the drawn glyphs.
        private static void Validate(SamplePage page)
        {
            foreach (var element in page.Elements)
            {
                switch (element)
                {
                    case SampleText t: CheckText(t.Text, allowEmpty: false); break;
                    case SampleField f:
                        CheckText(f.Key, allowEmpty: false);
                        if ((f.Value is null) == (f.Checked is null))
                            throw new ArgumentException($"Field '{f.Key}' needs either a value or a checkbox state.");
                        if (f.Value is not null) CheckText(f.Value, allowEmpty: false);
                        break;
                    case SampleTable table:
                        if (table.Rows.Count < 2) throw new ArgumentException("A table needs a header row and at least one body row.");
                        if (table.RightAligned.Count != table.ColumnWidths.Count)
                            throw new ArgumentException("RightAligned needs one entry per column.");
                        foreach (var row in table.Rows)
                        {
                            if (row.Count != table.ColumnWidths.Count)
                                throw new ArgumentException("Every table row needs one text per column.");
                            foreach (var cell in row) CheckText(cell, allowEmpty: true);
                        }
                        break;
                    default: throw new ArgumentException($"Unknown element {element.GetType().Name}.");
                }
            }
        }

        private static void CheckText(string text, bool allowEmpty)
        {
            if (text is null || (!allowEmpty && text.Trim().Length == 0)) throw new ArgumentException("Text must not be empty.");
            foreach (var c in text)
                if (c < 0x20 || c > 0x7E) throw new ArgumentException($"Only printable ASCII is supported: '{text}'.");
            if (text != text.Trim() || text.Contains("  ", StringComparison.Ordinal))
                throw new ArgumentException($"Words are separated by single spaces: '{text}'.");
        }
    }

    public sealed record SamplePage(IReadOnlyList<SampleElement> Elements);

    /// <summary>One item on a page; pages list them in reading order, which is also the order they are drawn.</summary>
    public abstract record SampleElement;

    /// <summary>A line of plain text starting at <paramref name="Left"/>, its baseline <paramref name="Baseline"/> from the top.</summary>
    public sealed record SampleText(string Text, double Left, double Baseline, double FontSize) : SampleElement;

    /// <summary>
    /// A form field: the key as printed (e.g. "Invoice Number:") and, starting at <paramref name="ValueLeft"/> on the
    /// same baseline, either a text value or a checkbox (<paramref name="Checked"/>), never both.
    /// </summary>
    public sealed record SampleField(string Key, double Left, double Baseline, double FontSize, double ValueLeft,
        string? Value = null, bool? Checked = null) : SampleElement;

    /// <summary>A ruled grid whose first row is the column header.</summary>
    public sealed record SampleTable(double Left, double Top, double RowHeight, double FontSize,
        IReadOnlyList<double> ColumnWidths, IReadOnlyList<bool> RightAligned,
        IReadOnlyList<IReadOnlyList<string>> Rows) : SampleElement;
}
