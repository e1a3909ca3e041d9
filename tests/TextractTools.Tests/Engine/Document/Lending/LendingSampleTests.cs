using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using TextractTools.Engine.Document;
using TextractTools.Engine.Output;
using Xunit;
using static TextractTools.Tests.Engine.Document.Expense.JsonVariants;
using TextractTools.Tests.Engine.Document.Expense;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Document.Lending
{
    /// <summary>
    /// The shared 32-page lending package read into the model, compared with an independent walk of the same JSON:
    /// every page's type, every lending field, the expense and identity extractions; then the package as several Get
    /// pages, with explicit nulls, and damaged.
    /// </summary>
    public class LendingSampleTests
    {
        private static string Package()
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            return SampleFiles.Response("lending-package.json");
        }

        private sealed record PageFacts(int Page, string PageType, double? PageTypeConfidence, string PrintedPageNumber, int Fields);

        private sealed record FieldFacts(int Page, string PageType, string Type, string Key, string Value, string? SelectionStatus, int ValueCount);

        /// <summary>The highest confidence wins; LINQ's OrderByDescending is stable, so on a tie the first does.</summary>
        private static JsonElement? Top(JsonElement owner, string member) =>
            owner.TryGetProperty(member, out JsonElement list) && list.GetArrayLength() > 0
                ? list.EnumerateArray().OrderByDescending(p => p.TryGetProperty("Confidence", out JsonElement c) ? c.GetDouble() : -1).First()
                : null;

        private static string Text(JsonElement? detection, string member) =>
            detection != null && detection.Value.TryGetProperty(member, out JsonElement text) ? text.GetString()! : "";

        private static (List<PageFacts> Pages, List<FieldFacts> Fields) Walk(string path)
        {
            using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(path));
            var pages = new List<PageFacts>();
            var fields = new List<FieldFacts>();
            foreach (JsonElement result in json.RootElement.GetProperty("Results").EnumerateArray())
            {
                int page = result.GetProperty("Page").GetInt32();
                JsonElement classification = result.GetProperty("PageClassification");
                JsonElement? type = Top(classification, "PageType");
                string pageType = Text(type, "Value");
                int count = 0;
                foreach (JsonElement extraction in result.GetProperty("Extractions").EnumerateArray())
                {
                    if (!extraction.TryGetProperty("LendingDocument", out JsonElement lending)) continue;
                    foreach (JsonElement field in lending.GetProperty("LendingFields").EnumerateArray())
                    {
                        count++;
                        JsonElement? value = Top(field, "ValueDetections");
                        string? selection = value != null && value.Value.TryGetProperty("SelectionStatus", out JsonElement s) ? s.GetString() : null;
                        string key = field.TryGetProperty("KeyDetection", out JsonElement k) ? k.GetProperty("Text").GetString()! : "";
                        fields.Add(new FieldFacts(page, pageType, field.GetProperty("Type").GetString()!, key,
                            value == null ? "" : (Text(value, "Text").Length > 0 ? Text(value, "Text") : selection ?? ""),
                            selection, field.GetProperty("ValueDetections").GetArrayLength()));
                    }
                }
                pages.Add(new PageFacts(page, pageType, type?.GetProperty("Confidence").GetDouble(), Text(Top(classification, "PageNumber"), "Value"), count));
            }
            return (pages, fields);
        }

        internal static List<string> Shape(TextractLendingOutput output)
        {
            var shape = new List<string> { $"{output.JobStatus} {output.ModelVersion} {output.PageCount} {output.LineItemColumns}" };
            foreach (TextractLendingPage page in output.Pages)
            {
                shape.Add($"page {page.Page} {page.PageType} {page.PageTypeConfidence} {page.PrintedPageNumber} {page.PrintedPageNumberConfidence} " +
                          $"{page.PageTypePredictions} {page.PageNumberPredictions} {page.SignatureCount} {page.ExpenseDocumentCount} {page.IdentityDocumentCount}");
                shape.AddRange(page.Fields.Select(f =>
                    $"{f.Page} {f.PageType} {f.Type} [{f.Key}] {f.KeyConfidence} {f.KeyBoundingBox} = {f.Value} {f.ValueConfidence} {f.ValueBoundingBox} {f.SelectionStatus} " +
                    string.Join(" ; ", f.ValueDetections.Select(d => $"{d.Text} {d.SelectionStatus} {d.Confidence} {d.BoundingBox}"))));
                foreach (TextractExpenseDocument document in page.ExpenseDocuments)
                {
                    shape.Add($"expense {document.Index} {document.Pages} {document.Text}");
                    shape.AddRange(document.SummaryFields.Concat(document.LineItems.SelectMany(i => i.Fields))
                        .Select(f => $"{f.Page} {f.Type} [{f.Label}] = {f.Value} {f.ValueConfidence} {f.ValueBoundingBox} {f.GroupTypes} {f.GroupId}"));
                    shape.AddRange(document.LineItems.Select(i => i.ToString() + " " + string.Join("|", i.Values.Values)));
                }
                foreach (TextractIdentityDocument identity in page.IdentityDocuments)
                {
                    shape.Add($"identity {identity.Index} {identity.Page}");
                    shape.AddRange(identity.Fields.Select(f => $"{f.Type} {f.TypeConfidence} = {f.Value} {f.ValueConfidence} {f.NormalizedValue} {f.NormalizedValueType}"));
                }
            }
            return shape;
        }

        [SkippableFact]
        public void Every_page_has_its_top_classification()
        {
            string path = Package();
            List<PageFacts> expected = Walk(path).Pages;
            TextractLendingOutput output = TextractLendingReader.ReadFile(path);

            Assert.Equal(32, output.PageCount);
            Assert.Equal(32, output.Pages.Count);
            Assert.Equal(expected, output.Pages.Select(p => new PageFacts(p.Page, p.PageType, p.PageTypeConfidence, p.PrintedPageNumber, p.FieldCount)));
            Assert.Equal("SUCCEEDED", output.JobStatus);
            Assert.Equal("1.0", output.ModelVersion);
            Assert.Empty(output.Warnings);
            Assert.Equal("W_2", output.Pages[6].PageType);
            Assert.Equal("undetected", output.Pages[6].PrintedPageNumber);
        }

        [SkippableFact]
        public void Every_lending_field_is_read_with_its_top_value()
        {
            string path = Package();
            List<FieldFacts> expected = Walk(path).Fields;
            TextractLendingOutput output = TextractLendingReader.ReadFile(path);

            Assert.Equal(955, expected.Count);
            Assert.Equal(expected, output.Fields.Select(f => new FieldFacts(f.Page, f.PageType, f.Type, f.Key, f.Value, f.SelectionStatus, f.ValueCount)));
            Assert.Equal(expected.Count(f => f.Value.Length > 0), output.Pages.Sum(p => p.FieldsWithValueCount));
            Assert.Equal(output.Fields, output.Pages.SelectMany(p => p.Fields));

            TextractLendingField conventional = output.Fields.First(f => f.Key == "Conventional");
            Assert.True(conventional.IsCheckbox);
            Assert.Equal("SELECTED", conventional.Value);
            TextractLendingField phones = output.Fields.First(f => f.Page == 13 && f.Type == "BANK_CONTACT_NUMBER");
            Assert.Equal(new[] { "1-800-222-0123", "1-800-123-0007", "+1-123-4567" }, phones.ValueDetections.Select(d => d.Text));
            Assert.Equal("1-800-222-0123", phones.Value); // equal confidences: the first
            Assert.Equal("1-800-222-0123; 1-800-123-0007; +1-123-4567", phones.ValueDetections.ToString());
            Assert.Null(phones.ValueDetections[2].BoundingBox);
        }

        [SkippableFact]
        public void Expense_and_identity_extractions_are_kept()
        {
            string path = Package();
            using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement receiptPage = json.RootElement.GetProperty("Results").EnumerateArray().Single(r => r.GetProperty("Page").GetInt32() == 32);
            ExpenseJsonWalk.Document expected = ExpenseJsonWalk.ReadDocument(receiptPage.GetProperty("Extractions")[0].GetProperty("ExpenseDocument"), 1);

            TextractLendingOutput output = TextractLendingReader.ReadFile(path);

            TextractExpenseDocument receipt = Assert.Single(output.ExpenseDocuments);
            Assert.Same(receipt, Assert.Single(output.Pages[31].ExpenseDocuments));
            Assert.Equal(1, receipt.Index);
            Assert.Equal(new[] { 32 }, receipt.Pages);
            Assert.Equal(expected.SummaryFields, receipt.SummaryFields.Select(f => new ExpenseJsonWalk.Field(f.ExpenseIndex, f.Page, f.Type, f.Label, f.Value, f.Currency, string.Join(", ", f.GroupTypes))));
            Assert.Equal(expected.LineItems.Count, output.LineItems.Count);
            Assert.Equal(new[] { "PRODUCT_CODE", "QUANTITY", "UNIT_PRICE", "PRICE", "ITEM", "EXPENSE_ROW" }, output.LineItemColumns);
            Assert.Equal("62483", output.LineItems[1]["PRODUCT_CODE"]);
            Assert.Equal("INDAH GIFT & HOME DECO", receipt.VendorName);

            TextractIdentityDocument license = Assert.Single(output.IdentityDocuments);
            Assert.Equal(31, license.Page);
            Assert.Equal(21, license.FieldCount);
            Assert.Equal("GARCIA", license.Values["FIRST_NAME"]);
            TextractIdentityField expiry = license.Fields.Single(f => f.Type == "EXPIRATION_DATE");
            Assert.Equal("01/20/2028", expiry.Value);
            Assert.Equal("2028-01-20T00:00:00", expiry.NormalizedValue);
            Assert.Equal("Date", expiry.NormalizedValueType);
            Assert.Equal(1, output.Pages[30].IdentityDocumentCount);
            Assert.Empty(output.Signatures);
        }

        [SkippableFact]
        public void Get_pages_of_thirty_results_with_explicit_nulls_read_as_the_whole()
        {
            string path = Package();
            JsonNode whole = Load(path);
            JsonNode? results = whole["Results"];
            var pages = new List<RawOutputPage>();
            for (int start = 0, n = 1; start < 32; start += 30, n++)
            {
                pages.Add(Page(WithExplicitNulls(AnswerWith(whole, "Results", Slice(results, start, 30), last: start + 30 >= 32)), $"s3://out/job/detailedResponse/{n}"));
            }

            Assert.Equal(2, pages.Count);
            Assert.Equal(Shape(TextractLendingReader.ReadFile(path)), Shape(TextractLendingReader.Read(pages)));
        }

        [SkippableFact]
        public void A_saved_array_of_answers_reads_as_the_whole()
        {
            string path = Package();
            JsonNode whole = Load(path);
            JsonNode? results = whole["Results"];
            var array = new JsonArray(
                AnswerWith(whole, "Results", Slice(results, 0, 10), last: false),
                AnswerWith(whole, "Results", Slice(results, 10, 10), last: false),
                AnswerWith(whole, "Results", Slice(results, 20, 12), last: true));
            string file = WriteTemp(array);
            try
            {
                Assert.Equal(Shape(TextractLendingReader.ReadFile(path)), Shape(TextractLendingReader.ReadFile(file)));
            }
            finally
            {
                File.Delete(file);
            }
        }

        [SkippableFact]
        public void A_page_read_twice_is_refused_or_dropped_when_lenient()
        {
            byte[] json = File.ReadAllBytes(Package());
            var pages = new[] { new RawOutputPage("GetLendingAnalysis page 1", json), new RawOutputPage("GetLendingAnalysis page 2", json) };

            var error = Assert.Throws<TextractOutputException>(() => TextractLendingReader.Read(pages));
            Assert.Equal("GetLendingAnalysis page 2: page 1 (Results[0]) was already read from GetLendingAnalysis page 1 (the same output page read twice?).", error.Message);

            TextractLendingOutput lenient = TextractLendingReader.Read(pages, options: new DocumentReadOptions { Lenient = true });
            Assert.Equal(32, lenient.Pages.Count);
            Assert.Equal(32, lenient.Warnings.Count(w => w.Code == "RepeatedOutput"));
        }

        [SkippableFact]
        public void Every_object_reads_its_document_and_job_through_the_one_origin()
        {
            TextractLendingOutput output = TextractLendingReader.ReadFile(Package(), new TextractDocumentOrigin("s3://in/loan.pdf", "job-9"));

            var everything = new List<TextractOutputObject> { output };
            everything.AddRange(output.Pages);
            everything.AddRange(output.Pages.SelectMany(p => p.PageTypePredictions.Concat(p.PageNumberPredictions)));
            everything.AddRange(output.Fields);
            everything.AddRange(output.Fields.SelectMany(f => f.ValueDetections));
            everything.AddRange(output.ExpenseDocuments);
            everything.AddRange(output.LineItems);
            everything.AddRange(output.IdentityDocuments);
            everything.AddRange(output.IdentityDocuments.SelectMany(d => d.Fields));
            Assert.All(everything, o => Assert.Equal("s3://in/loan.pdf", o.Document));
            Assert.All(everything, o => Assert.Equal("job-9", o.JobId));
        }

        [Theory]
        [InlineData("{\"Results\": [{\"PageClassification\": {}}]}", "p: Results[0] has no Page.")]
        [InlineData("{\"Results\": [{\"Page\": 1, \"PageClassification\": {\"PageType\": [{\"Value\": 3}]}}]}", "p: Results[0].PageClassification.PageType[0].Value is a number, not a string.")]
        [InlineData("{\"Results\": [{\"Page\": 1, \"Extractions\": [{\"LendingDocument\": {\"LendingFields\": [{\"ValueDetections\": {}}]}}]}]}",
            "p: Results[0].Extractions[0].LendingDocument.LendingFields[0].ValueDetections is an object, not an array.")]
        [InlineData("{\"Results\": [{\"Page\": 1, \"Extractions\": [{\"ExpenseDocument\": []}]}]}", "p: Results[0].Extractions[0].ExpenseDocument is an array, not an object.")]
        [InlineData("{\"ExpenseDocuments\": []}", "p: this answer holds expense analysis output")]
        public void Wrong_shapes_are_reported_where_they_are(string json, string expected)
        {
            var error = Assert.Throws<TextractOutputException>(() => TextractLendingReader.Read(new[] { OutputJson.Raw(json, "p") }));

            Assert.StartsWith(expected, error.Message);
        }

        [Fact]
        public void Hand_made_answers_cover_what_the_sample_lacks()
        {
            // Signatures, a checkbox value ranked below a text value, a tie, predictions without confidence, an unknown extraction.
            string json = @"{""JobStatus"": ""SUCCEEDED"", ""Results"": [
              {""Page"": 2, ""PageClassification"": {""PageType"": [{""Value"": ""CHECKS"", ""Confidence"": 40}, {""Value"": ""W_9"", ""Confidence"": 60}], ""PageNumber"": [{""Value"": ""7""}]},
               ""Extractions"": [{""LendingDocument"": {""LendingFields"": [
                   {""Type"": ""PAYEE"", ""ValueDetections"": [{""SelectionStatus"": ""NOT_SELECTED"", ""Confidence"": 50}, {""Text"": ""Jane"", ""Confidence"": 90}]},
                   {""Type"": ""AMOUNT"", ""KeyDetection"": {""Text"": ""Amount"", ""Confidence"": 80}, ""ValueDetections"": [{""Text"": ""1"", ""Confidence"": 70}, {""Text"": ""2"", ""Confidence"": 70}]},
                   {""Type"": ""MEMO"", ""ValueDetections"": []}],
                 ""SignatureDetections"": [{""Confidence"": 88, ""Geometry"": {""BoundingBox"": {""Left"": 0.1, ""Top"": 0.2, ""Width"": 0.3, ""Height"": 0.05}}}]},
                 ""FutureDocument"": {""X"": 1}}]},
              {""Page"": 1, ""Extractions"": null}]}";

            TextractLendingOutput output = TextractLendingReader.Read(new[] { OutputJson.Raw(json, "p") });

            Assert.Equal(new[] { 1, 2 }, output.Pages.Select(p => p.Page));
            Assert.Equal("", output.Pages[0].PageType);
            TextractLendingPage page = output.Pages[1];
            Assert.Equal("W_9", page.PageType);
            Assert.Equal(60, page.PageTypeConfidence);
            Assert.Equal("7", page.PrintedPageNumber);
            Assert.Null(page.PrintedPageNumberConfidence);
            Assert.Equal(new[] { "Jane", "1", "" }, page.Fields.Select(f => f.Value));
            Assert.Null(page.Fields[0].SelectionStatus);
            Assert.Equal("Amount", page.Fields[1].Key);
            Assert.Equal(2, page.FieldsWithValueCount);
            TextractLendingSignature signature = Assert.Single(output.Signatures);
            Assert.Equal(2, signature.Page);
            Assert.Equal("W_9", signature.PageType);
            // Geometry is kept as the 32-bit float the API defines it as.
            Assert.Equal((double)0.3f, signature.BoundingBox!.Width);
            TextractDocumentWarning warning = Assert.Single(output.Warnings);
            Assert.Equal("UnknownExtraction", warning.Code);
            Assert.Contains("FutureDocument", warning.Message);
            Assert.Equal(2, output.PageCount);
        }
    }
}
