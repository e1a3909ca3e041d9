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

        private static readonly Lazy<IReadOnlyList<PlacedPage>> Placed = new(() => SamplePlacement.Place(Layout));

        /// <summary>The layout both renderings come from.</summary>
        public static SampleLayout Layout => SampleLayout.Invoice;

        /// <summary>The multi-page PDF (text, a table, key-value pairs).</summary>
        public static byte[] CreatePdf() => SamplePdfWriter.Write(Placed.Value);

        /// <summary>A GetDocumentAnalysis answer (JobStatus SUCCEEDED, FORMS+TABLES) for <see cref="CreatePdf"/>.</summary>
        public static string CreateAnalysisJson() => SampleAnalysisWriter.Write(Placed.Value);

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

        /// <summary>Writes <see cref="FileName"/> and <see cref="AnalysisFileName"/> into <paramref name="directory"/> (created if missing).</summary>
        public static void WriteTo(string directory)
        {
            if (string.IsNullOrWhiteSpace(directory)) throw new ArgumentException("A directory is required.", nameof(directory));
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, FileName), CreatePdf());
            // No BOM: the file must be byte-identical to what the endpoint would serve.
            File.WriteAllText(Path.Combine(directory, AnalysisFileName), CreateAnalysisJson(), new UTF8Encoding(false));
        }
    }
}
