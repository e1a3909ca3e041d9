using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using TextractTools.LocalEndpoint.Replay;
using TextractTools.LocalEndpoint.Samples;
using TextractTools.LocalEndpoint.Storage;
using UglyToad.PdfPig;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.LocalEndpoint.Textract
{
    /// <summary>
    /// OutputConfig of expense and lending jobs: expense writes numbered pages of 20 ExpenseDocuments under
    /// prefix/JobId/; lending writes detailedResponse/1..n (30 Results each), summaryResponse/1 and, for a PDF,
    /// splitDocuments/{Type}/{Index}.pdf. Every object SSE-KMS under the job's key (SSE-S3 without one), absent
    /// members as explicit nulls at every level.
    /// </summary>
    public sealed class TextractExpenseLendingOutputTests
    {
        private readonly TextractTestHarness _harness = new();

        private string[] Keys(string prefix) => _harness.Storage.ListObjects("output", prefix).Select(o => o.Key).ToArray();

        private JsonElement Object(string key)
        {
            Assert.True(_harness.Storage.TryGetObject("output", key, out var stored), key + " is missing");
            return JsonDocument.Parse(stored.Data).RootElement.Clone();
        }

        private string Start(string operation, string key, string prefix, string? kmsKeyId = null) =>
            _harness.Start(operation, new Dictionary<string, object?>
            {
                ["DocumentLocation"] = TextractTestHarness.Location(key),
                ["OutputConfig"] = new { S3Bucket = "output", S3Prefix = prefix },
                ["KMSKeyId"] = kmsKeyId,
            });

        [Fact]
        public void Expense_output_is_numbered_pages_of_20_ExpenseDocuments_under_the_job_key()
        {
            var key = _harness.Keys.CreateKey("expense output").Arn;
            var document = TextractTestHarness.UniquePng();
            _harness.Library.AddRecording(document, TextractExpenseLendingRecording.Expense(45));
            _harness.PutDocument("doc.png", document);
            var jobId = Start("StartExpenseAnalysis", "doc.png", "out/", key);
            Assert.Equal(new[] { $"out/{jobId}/.s3_access_check" }, Keys("out/"));

            _harness.FinishJobs();

            Assert.Equal(new[] { $"out/{jobId}/.s3_access_check", $"out/{jobId}/1", $"out/{jobId}/2", $"out/{jobId}/3" }, Keys("out/"));
            Assert.All(_harness.Storage.ListObjects("output", "out/"), o => Assert.Equal(ObjectEncryption.Kms(key), o.Encryption));
            var pages = Enumerable.Range(1, 3).Select(n => Object($"out/{jobId}/{n}")).ToList();
            Assert.Equal(new[] { 20, 20, 5 }, pages.Select(p => p.GetProperty("ExpenseDocuments").GetArrayLength()));
            Assert.Equal(new[] { "AnalyzeExpenseModelVersion", "DocumentMetadata", "ExpenseDocuments", "JobStatus", "NextToken", "StatusMessage", "Warnings" },
                pages[2].EnumerateObject().Select(m => m.Name));
            Assert.Equal(JsonValueKind.String, pages[0].GetProperty("NextToken").ValueKind);
            Assert.Equal(JsonValueKind.Null, pages[2].GetProperty("NextToken").ValueKind);

            // Explicit nulls at every level of the model: a document without Blocks, a field without LabelDetection.
            var first = pages[0].GetProperty("ExpenseDocuments")[0];
            Assert.Equal(new[] { "Blocks", "ExpenseIndex", "LineItemGroups", "SummaryFields" }, first.EnumerateObject().Select(m => m.Name));
            Assert.Equal(JsonValueKind.Null, first.GetProperty("Blocks").ValueKind);
            var total = first.GetProperty("SummaryFields")[0];
            Assert.Equal(new[] { "Currency", "GroupProperties", "LabelDetection", "PageNumber", "Type", "ValueDetection" }, total.EnumerateObject().Select(m => m.Name));
            Assert.Equal(JsonValueKind.Null, total.GetProperty("LabelDetection").ValueKind);
            Assert.Equal(JsonValueKind.Null, total.GetProperty("ValueDetection").GetProperty("Geometry").ValueKind);
            Assert.Equal("1.00", total.GetProperty("ValueDetection").GetProperty("Text").GetString());

            // The same documents, in the same order, as the API serves.
            var fromApi = _harness.GetAllOf("GetExpenseAnalysis", "ExpenseDocuments", jobId).Items.Select(d => d.GetProperty("ExpenseIndex").GetInt32());
            Assert.Equal(fromApi, pages.SelectMany(p => p.GetProperty("ExpenseDocuments").EnumerateArray()).Select(d => d.GetProperty("ExpenseIndex").GetInt32()));
        }

        [Fact]
        public void Lending_output_has_the_detailed_summary_and_split_document_folders()
        {
            var harness = new TextractTestHarness(new ReplayLibrary());
            harness.PutDocument("sample.pdf", ProjectSample.CreatePdf());
            var jobId = harness.Start("StartLendingAnalysis", new
            {
                DocumentLocation = TextractTestHarness.Location("sample.pdf"),
                OutputConfig = new { S3Bucket = "output", S3Prefix = "lending" },
            });
            harness.FinishJobs();

            var keys = harness.Storage.ListObjects("output", "lending/").Select(o => o.Key).ToArray();
            Assert.Equal(new[]
            {
                $"lending/{jobId}/.s3_access_check",
                $"lending/{jobId}/detailedResponse/1",
                $"lending/{jobId}/splitDocuments/INVOICES/1.pdf",
                $"lending/{jobId}/summaryResponse/1",
            }, keys);
            // No key: SSE-S3.
            Assert.All(harness.Storage.ListObjects("output", "lending/"), o => Assert.Equal(ObjectEncryption.S3Managed, o.Encryption));

            Assert.True(harness.Storage.TryGetObject("output", $"lending/{jobId}/detailedResponse/1", out var detailed));
            var page = JsonDocument.Parse(detailed.Data).RootElement;
            Assert.Equal(new[] { "AnalyzeLendingModelVersion", "DocumentMetadata", "JobStatus", "NextToken", "Results", "StatusMessage", "Warnings" },
                page.EnumerateObject().Select(m => m.Name));
            var results = page.GetProperty("Results").EnumerateArray().ToList();
            Assert.Equal(new[] { 1, 2 }, results.Select(r => r.GetProperty("Page").GetInt32()));
            // Page 2 has no LendingDocument extraction: the member is there, null; its ExpenseDocument is not.
            var extraction = results[1].GetProperty("Extractions")[0];
            Assert.Equal(new[] { "ExpenseDocument", "IdentityDocument", "LendingDocument" }, extraction.EnumerateObject().Select(m => m.Name));
            Assert.Equal(JsonValueKind.Null, extraction.GetProperty("LendingDocument").ValueKind);
            Assert.Equal(JsonValueKind.Object, extraction.GetProperty("ExpenseDocument").ValueKind);
            var checkbox = results[0].GetProperty("Extractions")[0].GetProperty("LendingDocument").GetProperty("LendingFields").EnumerateArray()
                .Single(f => f.GetProperty("KeyDetection").GetProperty("Text").GetString() == "Paid:").GetProperty("ValueDetections")[0];
            Assert.Equal(new[] { "Confidence", "Geometry", "SelectionStatus", "Text" }, checkbox.EnumerateObject().Select(m => m.Name));
            Assert.Equal(JsonValueKind.Null, checkbox.GetProperty("Text").ValueKind);
            Assert.Equal("SELECTED", checkbox.GetProperty("SelectionStatus").GetString());

            Assert.True(harness.Storage.TryGetObject("output", $"lending/{jobId}/summaryResponse/1", out var summaryObject));
            var summary = JsonDocument.Parse(summaryObject.Data).RootElement;
            Assert.Equal(new[] { "AnalyzeLendingModelVersion", "DocumentMetadata", "JobStatus", "StatusMessage", "Summary", "Warnings" },
                summary.EnumerateObject().Select(m => m.Name));
            var group = summary.GetProperty("Summary").GetProperty("DocumentGroups").EnumerateArray().Single();
            Assert.Equal("INVOICES", group.GetProperty("Type").GetString());
            Assert.Equal(new[] { 1, 2 }, group.GetProperty("SplitDocuments")[0].GetProperty("Pages").EnumerateArray().Select(p => p.GetInt32()));

            Assert.True(harness.Storage.TryGetObject("output", $"lending/{jobId}/splitDocuments/INVOICES/1.pdf", out var split));
            using var pdf = PdfDocument.Open(split.Data);
            Assert.Equal(2, pdf.NumberOfPages);
            Assert.Contains("INV-1042", pdf.GetPage(1).Text);
        }

        [Fact]
        public void Lending_pages_hold_at_most_30_Results_and_no_PDF_is_split_for_an_image()
        {
            var key = _harness.Keys.CreateKey("lending output").Arn;
            var document = TextractTestHarness.UniquePng();
            _harness.Library.AddRecording(document, TextractExpenseLendingRecording.Lending(65));
            _harness.PutDocument("package.png", document);
            var jobId = Start("StartLendingAnalysis", "package.png", "l", key);
            _harness.FinishJobs();

            Assert.Equal(new[]
            {
                $"l/{jobId}/.s3_access_check", $"l/{jobId}/detailedResponse/1", $"l/{jobId}/detailedResponse/2", $"l/{jobId}/detailedResponse/3",
                $"l/{jobId}/summaryResponse/1",
            }, Keys("l/"));
            Assert.All(_harness.Storage.ListObjects("output", "l/"), o => Assert.Equal(ObjectEncryption.Kms(key), o.Encryption));
            Assert.Equal(new[] { 30, 30, 5 }, Enumerable.Range(1, 3).Select(n => Object($"l/{jobId}/detailedResponse/{n}").GetProperty("Results").GetArrayLength()));
        }
    }
}
