using System.IO;
using System.Linq;
using System.Text;
using TextractTools.Engine.Document;
using TextractTools.Engine.Output;
using Xunit;
using TextractTools.Tests.Engine.Document.Expense;
using TextractTools.Tests.Engine.Document.Lending;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Document
{
    /// <summary>
    /// The expense and lending readers on the Get* answers the local endpoint serves for the real recordings, page by
    /// page as a caller pages them: the same objects as from the recording read whole.
    /// </summary>
    public class EndpointOutputReadingTests
    {
        private static (TextractTestHarness Harness, string JobId) Replay(string file, string startOperation)
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            var harness = new TextractTestHarness();
            byte[] document = TextractTestHarness.UniquePng();
            harness.Library.AddRecording(document, File.ReadAllText(SampleFiles.Response(file)));
            harness.PutDocument("input.png", document);
            string jobId = harness.Start(startOperation, new { DocumentLocation = TextractTestHarness.Location("input.png") });
            harness.FinishJobs();
            return (harness, jobId);
        }

        private static RawOutputPage[] Pages(TextractTestHarness harness, string operation, string jobId, int? maxResults) =>
            harness.GetPages(operation, jobId, maxResults)
                .Select((reply, i) => new RawOutputPage($"{operation} page {i + 1}", Encoding.UTF8.GetBytes(reply.Body.GetRawText())))
                .ToArray();

        [SkippableTheory]
        [InlineData("expense-multipage.json")]
        [InlineData("invoice-expense.json")]
        public void Expense_pages_served_one_document_at_a_time(string file)
        {
            var (harness, jobId) = Replay(file, "StartExpenseAnalysis");

            TextractExpenseOutput served = TextractExpenseReader.Read(Pages(harness, "GetExpenseAnalysis", jobId, maxResults: 1));
            TextractExpenseOutput recorded = TextractExpenseReader.ReadFile(SampleFiles.Response(file));

            // The endpoint answers as a job does (JobStatus SUCCEEDED) where a synchronous recording has none.
            Assert.Equal("SUCCEEDED", served.JobStatus);
            Assert.Equal(ExpenseOutputShapesTests.Shape(recorded).Skip(1), ExpenseOutputShapesTests.Shape(served).Skip(1));
        }

        [SkippableFact]
        public void Lending_pages_and_the_derived_summary()
        {
            var (harness, jobId) = Replay("lending-package.json", "StartLendingAnalysis");

            RawOutputPage[] pages = Pages(harness, "GetLendingAnalysis", jobId, maxResults: null);
            TextractLendingOutput served = TextractLendingReader.Read(pages);
            Assert.Equal(2, pages.Length);
            Assert.Equal(LendingSampleTests.Shape(TextractLendingReader.ReadFile(SampleFiles.Response("lending-package.json"))), LendingSampleTests.Shape(served));

            var reply = harness.Call("GetLendingAnalysisSummary", new { JobId = jobId });
            TextractLendingSummary summary = TextractLendingReader.ReadSummary(new RawOutputPage("GetLendingAnalysisSummary", Encoding.UTF8.GetBytes(reply.Body.GetRawText())));
            // Every page in exactly one split document, of the type its page was classified as.
            var placed = summary.SplitDocuments.SelectMany(d => d.Pages.Select(p => (Page: p, d.Type))).OrderBy(p => p.Page).ToList();
            Assert.Equal(served.Pages.Select(p => p.Page), placed.Select(p => p.Page));
            Assert.Equal(served.Pages.Select(p => p.PageType), placed.Select(p => p.Type));
            Assert.Equal(32, summary.PageCount);
        }
    }
}
