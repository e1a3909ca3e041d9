using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.LocalEndpoint.Replay;
using TextractTools.LocalEndpoint.Samples;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.LocalEndpoint.Replay
{
    /// <summary>
    /// Expense and lending recordings: the project sample's (content, consistency with the PDF, write-sample), kinds
    /// recognised from content in a replay folder, and the real recordings of textract-samples replayed faithfully.
    /// </summary>
    public sealed class TextractExpenseLendingReplayTests
    {
        private static string? Text(JsonElement parent, string detection) =>
            parent.TryGetProperty(detection, out var value) && value.ValueKind == JsonValueKind.Object && value.TryGetProperty("Text", out var text)
                ? text.GetString()
                : null;

        private static IEnumerable<JsonElement> SummaryFields(JsonElement document) => document.GetProperty("SummaryFields").EnumerateArray();

        private static IEnumerable<(int LineItem, JsonElement Field)> LineItemFields(JsonElement document) =>
            document.GetProperty("LineItemGroups").EnumerateArray()
                .SelectMany(g => g.GetProperty("LineItems").EnumerateArray())
                .SelectMany((item, index) => item.GetProperty("LineItemExpenseFields").EnumerateArray().Select(f => (index + 1, f)));

        private static (TextractTestHarness Harness, string JobId) StartOnSample(string operation)
        {
            var harness = new TextractTestHarness(new ReplayLibrary());
            Assert.Empty(harness.Library.Problems);
            harness.PutDocument(ProjectSample.FileName, ProjectSample.CreatePdf());
            var jobId = harness.Start(operation, new { DocumentLocation = TextractTestHarness.Location(ProjectSample.FileName) });
            harness.FinishJobs();
            return (harness, jobId);
        }

        [Fact]
        public void The_project_sample_replays_its_expense_reading()
        {
            var (harness, jobId) = StartOnSample("StartExpenseAnalysis");
            var (documents, calls, first) = harness.GetAllOf("GetExpenseAnalysis", "ExpenseDocuments", jobId, maxResults: 1);

            Assert.Equal(2, calls);
            Assert.Equal(ProjectSample.ExpectedPageCount, first.Body.GetProperty("DocumentMetadata").GetProperty("Pages").GetInt32());
            Assert.Equal(new[] { 1, 2 }, documents.Select(d => d.GetProperty("ExpenseIndex").GetInt32()));

            var served = documents.SelectMany(d => SummaryFields(d).Select(f => (Index: d.GetProperty("ExpenseIndex").GetInt32(), LineItem: (int?)null, Field: f))
                    .Concat(LineItemFields(d).Select(x => (Index: d.GetProperty("ExpenseIndex").GetInt32(), LineItem: (int?)x.LineItem, x.Field))))
                .Select(x => new SampleExpenseField(x.Index, x.Field.GetProperty("PageNumber").GetInt32(), x.Field.GetProperty("Type").GetProperty("Text").GetString()!,
                    Text(x.Field, "LabelDetection"), Text(x.Field, "ValueDetection")!,
                    x.Field.TryGetProperty("Currency", out var currency) ? currency.GetProperty("Code").GetString() : null,
                    x.Field.TryGetProperty("GroupProperties", out var groups) ? groups[0].GetProperty("Types")[0].GetString() : null,
                    x.LineItem))
                .ToList();
            Assert.Equal(ProjectSample.ExpectedExpenseFields, served);

            // Consistent with the document: the printed form values, the table rows, and a total that adds up.
            var keyValues = ProjectSample.ExpectedKeyValues.ToDictionary(kv => kv.Key, kv => kv.Value);
            Assert.Contains(served, f => f.Type == "INVOICE_RECEIPT_ID" && f.Label == "Invoice Number:" && f.Value == keyValues["Invoice Number:"]);
            Assert.Contains(served, f => f.Type == "VENDOR_NAME" && f.Label is null && f.Value == ProjectSample.ExpectedLines[0]);
            var table = ProjectSample.ExpectedTable;
            Assert.Equal(table.Skip(1).Select(row => row[0]), served.Where(f => f.Type == "ITEM").Select(f => f.Value));
            var total = served.Single(f => f.Type == "TOTAL");
            Assert.Equal("USD", total.Currency);
            Assert.Equal(decimal.Parse(total.Value, CultureInfo.InvariantCulture),
                served.Where(f => f.Type == "PRICE").Sum(f => decimal.Parse(f.Value, CultureInfo.InvariantCulture)));

            // Each expense document carries its own page's PAGE, LINE and WORD blocks, with the sample's lines.
            foreach (var document in documents)
            {
                var page = document.GetProperty("ExpenseIndex").GetInt32();
                var blocks = document.GetProperty("Blocks").EnumerateArray().ToList();
                Assert.All(blocks, b => Assert.Equal(page, b.GetProperty("Page").GetInt32()));
                Assert.Equal(new[] { "LINE", "PAGE", "WORD" }, blocks.Select(b => b.GetProperty("BlockType").GetString()).Distinct().OrderBy(t => t));
                Assert.Equal(ProjectSample.ExpectedPageLines[page - 1], blocks.Where(b => b.GetProperty("BlockType").GetString() == "LINE").Select(b => b.GetProperty("Text").GetString()));
            }
        }

        [Fact]
        public void The_project_sample_replays_its_lending_reading()
        {
            var (harness, jobId) = StartOnSample("StartLendingAnalysis");
            var (results, _, _) = harness.GetAllOf("GetLendingAnalysis", "Results", jobId);

            Assert.Equal(new[] { 1, 2 }, results.Select(r => r.GetProperty("Page").GetInt32()));
            Assert.All(results, r => Assert.Equal(ProjectSample.ExpectedLendingPageType,
                r.GetProperty("PageClassification").GetProperty("PageType")[0].GetProperty("Value").GetString()));
            Assert.All(results, r => Assert.Contains(r.GetProperty("Extractions").EnumerateArray(), e => e.TryGetProperty("ExpenseDocument", out _)));

            var fields = results[0].GetProperty("Extractions").EnumerateArray().Where(e => e.TryGetProperty("LendingDocument", out _))
                .SelectMany(e => e.GetProperty("LendingDocument").GetProperty("LendingFields").EnumerateArray())
                .Select(f => new SampleLendingField(1, f.GetProperty("Type").GetString()!, Text(f, "KeyDetection")!,
                    f.GetProperty("ValueDetections")[0].TryGetProperty("Text", out var text) ? text.GetString() : null,
                    f.GetProperty("ValueDetections")[0].TryGetProperty("SelectionStatus", out var status) ? status.GetString() : null))
                .ToList();
            Assert.Equal(ProjectSample.ExpectedLendingFields, fields);
            Assert.Equal(new[] { "NOT_SELECTED", "SELECTED" }, fields.Where(f => f.SelectionStatus is not null).Select(f => f.SelectionStatus).OrderBy(s => s));
            Assert.Equal(ProjectSample.ExpectedKeyValues.Select(kv => kv.Key), fields.Select(f => f.Key));
            Assert.Equal(ProjectSample.ExpectedKeyValues.Select(kv => kv.Value), fields.Select(f => f.Value ?? f.SelectionStatus));

            var summary = harness.Call("GetLendingAnalysisSummary", new { JobId = jobId }).Body.GetProperty("Summary");
            var group = summary.GetProperty("DocumentGroups").EnumerateArray().Single();
            Assert.Equal("INVOICES", group.GetProperty("Type").GetString());
            Assert.Equal(new[] { 1, 2 }, group.GetProperty("SplitDocuments").EnumerateArray().Single().GetProperty("Pages").EnumerateArray().Select(p => p.GetInt32()));
        }

        [Fact]
        public async Task Write_sample_writes_the_four_files_the_endpoint_replays()
        {
            var folder = Directory.CreateTempSubdirectory("write-sample-").FullName;
            try
            {
                var code = await TextractTools.LocalEndpoint.Program.RunAsync(new[] { "write-sample", folder }, TextReader.Null, TextWriter.Null, TextWriter.Null, CancellationToken.None);
                Assert.Equal(0, code);
                Assert.Equal(new[] { ProjectSample.FileName, ProjectSample.AnalysisFileName, ProjectSample.ExpenseFileName, ProjectSample.LendingFileName }.OrderBy(n => n, StringComparer.Ordinal),
                    Directory.GetFiles(folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
                Assert.Equal(ProjectSample.CreateExpenseJson(), File.ReadAllText(Path.Combine(folder, ProjectSample.ExpenseFileName)));
                Assert.Equal(ProjectSample.CreateLendingJson(), File.ReadAllText(Path.Combine(folder, ProjectSample.LendingFileName)));

                // The written folder, laid out as a replay folder, gives the document all three kinds.
                var replay = Path.Combine(folder, "replay");
                Directory.CreateDirectory(Path.Combine(replay, "documents"));
                Directory.CreateDirectory(Path.Combine(replay, "responses"));
                File.Move(Path.Combine(folder, ProjectSample.FileName), Path.Combine(replay, "documents", ProjectSample.FileName));
                foreach (var name in new[] { ProjectSample.AnalysisFileName, ProjectSample.ExpenseFileName, ProjectSample.LendingFileName })
                    File.Move(Path.Combine(folder, name), Path.Combine(replay, "responses", name));
                var library = new ReplayLibrary(new[] { replay }, includeProjectSample: false);
                Assert.Empty(library.Problems);
                var pdf = File.ReadAllBytes(Path.Combine(replay, "documents", ProjectSample.FileName));
                Assert.NotNull(library.Answer(pdf, isPdf: true).Recording);
                Assert.Equal(2, library.AnswerExpense(pdf).Recording!.Documents.Count);
                Assert.Equal(2, library.AnswerLending(pdf).Recording!.Results.Results.Count);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public void A_replay_folder_recognises_each_kind_from_content_whatever_the_file_is_called()
        {
            var folder = Directory.CreateTempSubdirectory("replay-kinds-").FullName;
            try
            {
                Directory.CreateDirectory(Path.Combine(folder, "documents"));
                Directory.CreateDirectory(Path.Combine(folder, "responses"));
                var document = TextractTestHarness.UniquePng();
                File.WriteAllBytes(Path.Combine(folder, "documents", "a.png"), document);
                File.WriteAllText(Path.Combine(folder, "responses", "a.png.1.json"), TextractExpenseLendingRecording.Lending(3));
                File.WriteAllText(Path.Combine(folder, "responses", "a.png.2.json"), TextractExpenseLendingRecording.Expense(2));
                // Of two expense recordings, the one with more documents serves.
                File.WriteAllText(Path.Combine(folder, "responses", "a.png.3.json"), TextractExpenseLendingRecording.Expense(4));
                File.WriteAllText(Path.Combine(folder, "responses", "a.png.4.json"), TextractTestRecording.Build(pages: 1, linesPerPage: 1));

                var library = new ReplayLibrary(new[] { folder }, includeProjectSample: false);
                Assert.Equal(1, library.Count);
                Assert.Empty(library.Problems);
                Assert.Equal(4, library.AnswerExpense(document).Recording!.Documents.Count);
                Assert.Equal(3, library.AnswerLending(document).Recording!.Results.Results.Count);
                Assert.Null(library.AnswerLending(document).Recording!.Summary);
                Assert.NotNull(library.Answer(document, isPdf: false).Recording);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [SkippableTheory]
        [InlineData("expense-multipage.json", 2)]
        [InlineData("invoice-expense.json", 1)]
        [InlineData("expense-statement.json", 1)]
        public void Real_expense_recordings_are_served_as_recorded(string file, int expectedDocuments)
        {
            Skip.If(SampleFiles.Folder is null, SampleFiles.SkipReason);
            var json = File.ReadAllText(SampleFiles.Response(file));
            using var recorded = JsonDocument.Parse(json);
            var harness = new TextractTestHarness();
            var document = TextractTestHarness.UniquePng();
            harness.Library.AddRecording(document, json);
            harness.PutDocument("invoice.png", document);
            var jobId = harness.Start("StartExpenseAnalysis", new { DocumentLocation = TextractTestHarness.Location("invoice.png") });
            harness.FinishJobs();

            var (documents, calls, first) = harness.GetAllOf("GetExpenseAnalysis", "ExpenseDocuments", jobId, maxResults: 1);
            Assert.Equal(expectedDocuments, calls);
            var expected = recorded.RootElement.GetProperty("ExpenseDocuments").EnumerateArray().ToList();
            Assert.Equal(expected.Count, documents.Count);
            for (var i = 0; i < expected.Count; i++) Assert.True(JsonElement.DeepEquals(expected[i], documents[i]), $"{file}: ExpenseDocument {i + 1} differs");
            Assert.Equal(recorded.RootElement.GetProperty("DocumentMetadata").GetProperty("Pages").GetInt32(),
                first.Body.GetProperty("DocumentMetadata").GetProperty("Pages").GetInt32());
        }

        [SkippableFact]
        public void The_real_lending_package_is_served_in_pages_of_30_with_a_derived_summary()
        {
            Skip.If(SampleFiles.Folder is null, SampleFiles.SkipReason);
            var json = File.ReadAllText(SampleFiles.Response("lending-package.json"));
            using var recorded = JsonDocument.Parse(json);
            var harness = new TextractTestHarness();
            var document = TextractTestHarness.UniquePng();
            harness.Library.AddRecording(document, json);
            harness.PutDocument("package.png", document);
            var jobId = harness.Start("StartLendingAnalysis", new { DocumentLocation = TextractTestHarness.Location("package.png") });
            harness.FinishJobs();

            var pages = harness.GetPages("GetLendingAnalysis", jobId);
            Assert.Equal(new[] { 30, 2 }, pages.Select(p => TextractTestHarness.Items(p, "Results").Count));
            var served = pages.SelectMany(p => TextractTestHarness.Items(p, "Results")).ToList();
            var expected = recorded.RootElement.GetProperty("Results").EnumerateArray().ToList();
            Assert.Equal(expected.Count, served.Count);
            for (var i = 0; i < expected.Count; i++) Assert.True(JsonElement.DeepEquals(expected[i], served[i]), $"Result {i + 1} differs");

            var summary = harness.Call("GetLendingAnalysisSummary", new { JobId = jobId }).Body.GetProperty("Summary");
            var groups = summary.GetProperty("DocumentGroups").EnumerateArray().ToList();
            var pageTypes = expected.Select(r => r.GetProperty("PageClassification").GetProperty("PageType")[0].GetProperty("Value").GetString()).ToList();
            Assert.Equal(pageTypes.Distinct(), groups.Select(g => g.GetProperty("Type").GetString()));
            // Every page is in exactly one split document, of its own type.
            var placed = groups.SelectMany(g => g.GetProperty("SplitDocuments").EnumerateArray()
                .SelectMany(s => s.GetProperty("Pages").EnumerateArray().Select(p => (Page: p.GetInt32(), Type: g.GetProperty("Type").GetString())))).OrderBy(x => x.Page).ToList();
            Assert.Equal(Enumerable.Range(1, 32), placed.Select(p => p.Page));
            Assert.Equal(pageTypes, placed.Select(p => p.Type));
            // Pages 9-11 are one 1003 (numbered 1, 3, 3); pages 1 and 3 are 1003s of their own.
            var form1003 = groups.Single(g => g.GetProperty("Type").GetString() == "1003").GetProperty("SplitDocuments").EnumerateArray()
                .Select(s => string.Join(",", s.GetProperty("Pages").EnumerateArray().Select(p => p.GetInt32()))).ToList();
            Assert.Equal(new[] { "1", "3", "9,10,11", "24" }, form1003);
        }
    }
}
