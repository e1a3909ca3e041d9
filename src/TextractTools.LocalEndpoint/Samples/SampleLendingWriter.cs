using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using TextractTools.LocalEndpoint.Textract;

namespace TextractTools.LocalEndpoint.Samples
{
    /// <summary>
    /// Renders the project sample's lending reading as a GetLendingAnalysis answer shaped like the service's
    /// (textract-samples lending-package.json): one Result per page, classified INVOICES with the printed page number
    /// "undetected" (the sample prints none). Page 1 carries a LendingDocument with its printed key-value pairs and
    /// checkboxes as LendingFields of Type OTHER (KeyDetection + ValueDetections; checkboxes with SelectionStatus)
    /// and its ExpenseDocument; page 2 carries its ExpenseDocument (line items and total). The pairing of a
    /// LendingDocument and an ExpenseDocument on one INVOICES page is this sample's choice, made so that every
    /// extraction shape occurs; the summary is not recorded (the endpoint derives it).
    /// </summary>
    internal static class SampleLendingWriter
    {
        public const string OtherFieldType = "OTHER";
        public const string UndetectedPageNumber = "undetected";

        public static string Write(IReadOnlyList<PlacedPage> pages)
        {
            var expenseFields = SampleExtraction.ExpenseFields(pages);
            var lendingFields = SampleExtraction.LendingFields(pages);
            return SampleExpenseWriter.Render(json =>
            {
                json.WriteStartObject();
                json.WriteStartObject("DocumentMetadata");
                json.WriteNumber("Pages", pages.Count);
                json.WriteEndObject();
                json.WriteString("JobStatus", "SUCCEEDED");
                json.WriteStartArray("Results");
                foreach (var page in pages)
                {
                    json.WriteStartObject();
                    json.WriteNumber("Page", page.Number);
                    json.WriteStartObject("PageClassification");
                    WritePrediction(json, "PageType", SampleExtraction.LendingPageType, SampleExpenseWriter.Score($"textracttools-sample/lending/{page.Number}/type", 98.0, 99.99));
                    WritePrediction(json, "PageNumber", UndetectedPageNumber, 100.0f);
                    json.WriteEndObject();
                    json.WriteStartArray("Extractions");
                    if (page.Number == 1)
                    {
                        json.WriteStartObject();
                        json.WriteStartObject("LendingDocument");
                        json.WriteStartArray("LendingFields");
                        foreach (var field in lendingFields) WriteLendingField(json, field);
                        json.WriteEndArray();
                        json.WriteStartArray("SignatureDetections");
                        json.WriteEndArray();
                        json.WriteEndObject();
                        json.WriteEndObject();
                    }
                    json.WriteStartObject();
                    json.WritePropertyName("ExpenseDocument");
                    SampleExpenseWriter.WriteExpenseDocument(json, page.Number, expenseFields.Where(f => f.ExpenseIndex == page.Number).ToList(), blocks: null);
                    json.WriteEndObject();
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteString("AnalyzeLendingModelVersion", JobKindNames.ModelVersion);
                json.WriteEndObject();
            });
        }

        /// <summary>The lending fields as the recording states them (for tests, through <see cref="ProjectSample"/>).</summary>
        public static IReadOnlyList<SampleLendingField> Fields(IReadOnlyList<PlacedPage> pages) =>
            SampleExtraction.LendingFields(pages)
                .Select(f => new SampleLendingField(1, OtherFieldType, f.Key.Text, f.Value?.Text,
                    f.Checkbox is null ? null : f.Checkbox.Selected ? "SELECTED" : "NOT_SELECTED"))
                .ToList();

        private static void WritePrediction(Utf8JsonWriter json, string name, string value, float confidence)
        {
            json.WriteStartArray(name);
            json.WriteStartObject();
            json.WriteString("Value", value);
            json.WriteNumber("Confidence", confidence);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        private static void WriteLendingField(Utf8JsonWriter json, PlacedField field)
        {
            var seed = "textracttools-sample/lending-field/" + field.Key.Text;
            json.WriteStartObject();
            json.WriteString("Type", OtherFieldType);
            json.WriteStartObject("KeyDetection");
            json.WriteString("Text", field.Key.Text);
            SampleAnalysisWriter.WriteGeometry(json, field.Key.Box);
            json.WriteNumber("Confidence", SampleExpenseWriter.Score(seed + "/key", 90.0, 99.5));
            json.WriteEndObject();
            json.WriteStartArray("ValueDetections");
            json.WriteStartObject();
            if (field.Value is { } value)
            {
                json.WriteString("Text", value.Text);
                SampleAnalysisWriter.WriteGeometry(json, value.Box);
            }
            else
            {
                var checkbox = field.Checkbox!;
                json.WriteString("SelectionStatus", checkbox.Selected ? "SELECTED" : "NOT_SELECTED");
                SampleAnalysisWriter.WriteGeometry(json, checkbox.Box);
            }
            json.WriteNumber("Confidence", SampleExpenseWriter.Score(seed + "/value", 95.0, 99.9));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
    }
}
