using System.IO;
using System.Linq;
using TextractTools.Engine.Api;
using TextractTools.Engine.Document;
using TextractTools.Engine.Output;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Document
{
    /// <summary>Which kind of output a page, file or folder holds.</summary>
    public class OutputKindsTests
    {
        [SkippableTheory]
        [InlineData("forms-and-table.json", TextractOutputKind.Blocks)]
        [InlineData("text-detection-with-nulls.json", TextractOutputKind.Blocks)]
        [InlineData("textractor-multipage-doc.pdf.analysis-forms-tables.json", TextractOutputKind.Blocks)]
        [InlineData("expense-multipage.json", TextractOutputKind.Expense)]
        [InlineData("invoice-expense.json", TextractOutputKind.Expense)]
        [InlineData("lending-package.json", TextractOutputKind.Lending)]
        [InlineData("job-failed.json", TextractOutputKind.StatusOnly)]
        public void Samples(string name, TextractOutputKind expected)
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);

            Assert.Equal(expected, TextractOutputKinds.DetectPath(SampleFiles.Response(name)));
        }

        [Theory]
        [InlineData("{\"JobStatus\": \"SUCCEEDED\", \"Summary\": {\"DocumentGroups\": []}}", TextractOutputKind.LendingSummary)]
        [InlineData("{\"IdentityDocuments\": []}", TextractOutputKind.Identity)]
        [InlineData("{\"Blocks\": null, \"Results\": null, \"ExpenseDocuments\": []}", TextractOutputKind.Expense)]
        // An empty result array gives way to one that holds results; alone, it decides.
        [InlineData("{\"Blocks\": [], \"ExpenseDocuments\": [{}]}", TextractOutputKind.Expense)]
        [InlineData("{\"Blocks\": [], \"ExpenseDocuments\": []}", TextractOutputKind.Blocks)]
        [InlineData("[{\"JobStatus\": \"IN_PROGRESS\"}, {\"JobStatus\": \"SUCCEEDED\", \"Results\": []}]", TextractOutputKind.Lending)]
        [InlineData("[{\"JobStatus\": \"FAILED\"}]", TextractOutputKind.StatusOnly)]
        [InlineData("{\"DocumentMetadata\": {\"Pages\": 1}}", TextractOutputKind.StatusOnly)]
        [InlineData("{\"Hello\": \"world\"}", TextractOutputKind.Unknown)]
        [InlineData("[1, 2]", TextractOutputKind.Unknown)]
        [InlineData("42", TextractOutputKind.Unknown)]
        // The scan stops at the first result member: damage after it is the reader's to report.
        [InlineData("{\"ExpenseDocuments\": [{\"ExpenseIndex\": 1}], \"Blocks\": [tru", TextractOutputKind.Expense)]
        public void Answers(string json, TextractOutputKind expected)
        {
            Assert.Equal(expected, TextractOutputKinds.Detect(OutputJson.Raw(json)));
        }

        [Fact]
        public void A_bom_is_skipped_and_malformed_json_before_the_results_names_the_source()
        {
            byte[] json = System.Text.Encoding.UTF8.GetBytes("{\"ExpenseDocuments\": []}");
            byte[] withBom = new byte[] { 0xEF, 0xBB, 0xBF };
            Assert.Equal(TextractOutputKind.Expense, TextractOutputKinds.Detect(new RawOutputPage("x", withBom.Concat(json).ToArray())));

            var error = Assert.Throws<TextractOutputException>(() => TextractOutputKinds.Detect(OutputJson.Raw("{\"JobStatus\": oops}", "s3://out/job/1")));
            Assert.StartsWith("s3://out/job/1: the JSON is malformed or truncated at line 1", error.Message);
            Assert.Throws<TextractOutputException>(() => TextractOutputKinds.Detect(OutputJson.Raw("", "empty.json")));
        }

        [Fact]
        public void A_folder_is_told_by_its_first_numbered_object()
        {
            string folder = Path.Combine(Path.GetTempPath(), "textract-tools-test-" + System.Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                File.WriteAllText(Path.Combine(folder, "1"), "{\"JobStatus\": \"SUCCEEDED\", \"Results\": []}");
                File.WriteAllText(Path.Combine(folder, "2"), "not even JSON");
                File.WriteAllText(Path.Combine(folder, ".s3_access_check"), "");

                Assert.Equal(TextractOutputKind.Lending, TextractOutputKinds.DetectPath(folder));
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        [Theory]
        [InlineData(TextractJobKind.TextDetection, TextractOutputKind.Blocks)]
        [InlineData(TextractJobKind.DocumentAnalysis, TextractOutputKind.Blocks)]
        [InlineData(TextractJobKind.ExpenseAnalysis, TextractOutputKind.Expense)]
        [InlineData(TextractJobKind.LendingAnalysis, TextractOutputKind.Lending)]
        public void Each_job_kind_writes_its_output_kind(TextractJobKind job, TextractOutputKind expected)
        {
            Assert.Equal(expected, TextractOutputKinds.Of(job));
            // The results member the job kind's description names announces that kind.
            string member = TextractJobKindInfo.Of(job).ResultsMember;
            Assert.Equal(expected, TextractOutputKinds.Detect(OutputJson.Raw("{\"" + member + "\": []}")));
        }

        [Fact]
        public void Every_kind_is_described()
        {
            foreach (TextractOutputKind kind in System.Enum.GetValues<TextractOutputKind>())
            {
                Assert.False(string.IsNullOrWhiteSpace(TextractOutputKinds.Describe(kind)));
            }
            Assert.Contains("ExpenseDocuments", TextractOutputKinds.Describe(TextractOutputKind.Expense));
        }
    }
}
