using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace TextractTools.LocalEndpoint.Samples
{
    /// <summary>
    /// The project's own sample document and its Textract-shaped analysis, generated together from one layout so
    /// that the demo and the tests need nothing outside the repository. Deterministic: the same bytes every run
    /// (the replay library matches documents by SHA-256).
    /// </summary>
    public static class ProjectSample
    {
        public const string FileName = "textracttools-sample.pdf";

        /// <summary>Name of the analysis written next to the PDF by <see cref="WriteTo"/>.</summary>
        public const string AnalysisFileName = FileName + ".analysis.json";

        /// <summary>Name of the expense recording written next to the PDF by <see cref="WriteTo"/>.</summary>
        public const string ExpenseFileName = FileName + ".expense.json";

        /// <summary>Name of the lending recording written next to the PDF by <see cref="WriteTo"/>.</summary>
        public const string LendingFileName = FileName + ".lending.json";

        private static readonly Lazy<IReadOnlyList<PlacedPage>> Placed = new(() => SamplePlacement.Place(Layout));

        /// <summary>The layout both renderings come from.</summary>
        public static SampleLayout Layout => SampleLayout.Invoice;

        /// <summary>The multi-page PDF (text, a table, key-value pairs).</summary>
        public static byte[] CreatePdf() => SamplePdfWriter.Write(Placed.Value);

        /// <summary>A GetDocumentAnalysis answer (JobStatus SUCCEEDED, FORMS+TABLES) for <see cref="CreatePdf"/>.</summary>
        public static string CreateAnalysisJson() => SampleAnalysisWriter.Write(Placed.Value);

        /// <summary>
        /// A GetExpenseAnalysis answer (JobStatus SUCCEEDED) for <see cref="CreatePdf"/>: one ExpenseDocument per page,
        /// fields as in <see cref="ExpectedExpenseFields"/>, each document with its page's PAGE/LINE/WORD blocks.
        /// </summary>
        public static string CreateExpenseJson() => SampleExpenseWriter.Write(Placed.Value, CreateAnalysisJson());

        /// <summary>
        /// A GetLendingAnalysis answer (JobStatus SUCCEEDED) for <see cref="CreatePdf"/>: both pages classified
        /// <see cref="ExpectedLendingPageType"/> (printed page number "undetected"); page 1 with the lending fields of
        /// <see cref="ExpectedLendingFields"/> and its ExpenseDocument, page 2 with its ExpenseDocument. No summary is
        /// recorded: the endpoint derives one INVOICES group with one split document of pages 1-2.
        /// </summary>
        public static string CreateLendingJson() => SampleLendingWriter.Write(Placed.Value);

        /// <summary>
        /// Every expense field of <see cref="CreateExpenseJson"/>, in recorded order: ExpenseIndex 1 (page 1) NAME
        /// (group VENDOR), VENDOR_NAME, INVOICE_RECEIPT_ID, INVOICE_RECEIPT_DATE, NAME (group RECEIVER), RECEIVER_NAME;
        /// ExpenseIndex 2 (page 2) TOTAL 432.00 USD, then each line item's ITEM, QUANTITY, UNIT_PRICE, PRICE and
        /// EXPENSE_ROW (LineItem 1..5).
        /// </summary>
        public static IReadOnlyList<SampleExpenseField> ExpectedExpenseFields { get; } =
            SampleExtraction.ExpenseFields(SamplePlacement.Place(SampleLayout.Invoice)).Select(f => f.ToPublic()).ToArray();

        /// <summary>The lending page type of every page of the sample.</summary>
        public const string ExpectedLendingPageType = SampleExtraction.LendingPageType;

        /// <summary>The lending fields of page 1, in recorded order (Type OTHER; checkboxes with SelectionStatus).</summary>
        public static IReadOnlyList<SampleLendingField> ExpectedLendingFields { get; } =
            SampleLendingWriter.Fields(SamplePlacement.Place(SampleLayout.Invoice));

        public static int ExpectedPageCount => Layout.Pages.Count;

        /// <summary>Every LINE's text, all pages, in reading order (table cells row by row).</summary>
        public static IReadOnlyList<string> ExpectedLines { get; } =
            SamplePlacement.Place(SampleLayout.Invoice).SelectMany(p => p.Lines).Select(l => l.Text).ToArray();

        /// <summary>The LINE texts of each page (index 0 is page 1).</summary>
        public static IReadOnlyList<IReadOnlyList<string>> ExpectedPageLines { get; } =
            SamplePlacement.Place(SampleLayout.Invoice).Select(p => (IReadOnlyList<string>)p.Lines.Select(l => l.Text).ToArray()).ToArray();

        /// <summary>
        /// The form fields in reading order: the key as printed (with its colon, e.g. "Invoice Number:") and the value
        /// text, or for a checkbox its SelectionStatus ("SELECTED" / "NOT_SELECTED").
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, string>> ExpectedKeyValues { get; } =
            SampleLayout.Invoice.Pages.SelectMany(p => p.Elements).OfType<SampleField>()
                .Select(f => new KeyValuePair<string, string>(f.Key, f.Value ?? (f.Checked == true ? "SELECTED" : "NOT_SELECTED")))
                .ToArray();

        /// <summary>The table's cell texts, header row first.</summary>
        public static string[][] ExpectedTable =>
            SampleLayout.Invoice.Pages.SelectMany(p => p.Elements).OfType<SampleTable>().Single()
                .Rows.Select(r => r.ToArray()).ToArray();

        /// <summary>
        /// Writes <see cref="FileName"/>, <see cref="AnalysisFileName"/>, <see cref="ExpenseFileName"/> and
        /// <see cref="LendingFileName"/> into <paramref name="directory"/> (created if missing).
        /// </summary>
        public static void WriteTo(string directory)
        {
            if (string.IsNullOrWhiteSpace(directory)) throw new ArgumentException("A directory is required.", nameof(directory));
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, FileName), CreatePdf());
            // No BOM: the file must be byte-identical to what the endpoint would serve.
            File.WriteAllText(Path.Combine(directory, AnalysisFileName), CreateAnalysisJson(), new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(directory, ExpenseFileName), CreateExpenseJson(), new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(directory, LendingFileName), CreateLendingJson(), new UTF8Encoding(false));
        }
    }
}
