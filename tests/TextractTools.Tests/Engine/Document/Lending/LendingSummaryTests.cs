using System.Linq;
using System.Text.Json.Nodes;
using TextractTools.Engine.Document;
using Xunit;
using static TextractTools.Tests.Engine.Document.Expense.JsonVariants;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Document.Lending
{
    /// <summary>
    /// GetLendingAnalysisSummary answers. No real one is among the shared samples: these are in the shape the service
    /// model and the developer guide's example give.
    /// </summary>
    public class LendingSummaryTests
    {
        private const string Answer = @"{
            ""DocumentMetadata"": {""Pages"": 12},
            ""JobStatus"": ""SUCCEEDED"",
            ""Summary"": {
                ""DocumentGroups"": [
                    {""Type"": ""PAYSLIPS"", ""SplitDocuments"": [{""Index"": 1, ""Pages"": [3, 4]}, {""Index"": 2, ""Pages"": [5]}],
                     ""DetectedSignatures"": [], ""UndetectedSignatures"": []},
                    {""Type"": ""1005"", ""SplitDocuments"": [{""Index"": 1, ""Pages"": [1]}],
                     ""DetectedSignatures"": [{""Page"": 1}], ""UndetectedSignatures"": [{""Page"": 2}]}
                ],
                ""UndetectedDocumentTypes"": [""W_2"", ""1003""]
            },
            ""AnalyzeLendingModelVersion"": ""1.0""
        }";

        [Fact]
        public void Groups_split_documents_and_signatures_are_read()
        {
            TextractLendingSummary summary = TextractLendingReader.ReadSummary(OutputJson.Raw(Answer, "s3://out/job/summaryResponse/1"),
                new TextractDocumentOrigin("s3://in/loan.pdf"));

            Assert.Equal("SUCCEEDED", summary.JobStatus);
            Assert.Equal("1.0", summary.ModelVersion);
            Assert.Equal(12, summary.PageCount);
            Assert.Equal(new[] { "PAYSLIPS", "1005" }, summary.DocumentGroups.Select(g => g.Type));
            TextractLendingDocumentGroup payslips = summary.DocumentGroups[0];
            Assert.Equal(new[] { 1, 2 }, payslips.SplitDocuments.Select(d => d.Index));
            Assert.Equal(new[] { 3, 4 }, payslips.SplitDocuments[0].Pages);
            Assert.Equal("PAYSLIPS", payslips.SplitDocuments[1].Type);
            Assert.Equal("PAYSLIPS 1: page(s) 3, 4", payslips.SplitDocuments[0].ToString());
            Assert.Equal(new[] { 1 }, summary.DocumentGroups[1].DetectedSignaturePages);
            Assert.Equal(new[] { 2 }, summary.DocumentGroups[1].UndetectedSignaturePages);
            Assert.Equal(3, summary.SplitDocuments.Count);
            Assert.Equal("W_2, 1003", summary.UndetectedDocumentTypes.ToString());
            Assert.All(summary.SplitDocuments, d => Assert.Equal("s3://in/loan.pdf", d.Document));
            Assert.Equal("s3://in/loan.pdf", summary.DocumentGroups[1].Document);
        }

        [Fact]
        public void Explicit_nulls_read_as_absent()
        {
            TextractLendingSummary plain = TextractLendingReader.ReadSummary(OutputJson.Raw(Answer));
            TextractLendingSummary withNulls = TextractLendingReader.ReadSummary(Page(WithExplicitNulls(JsonNode.Parse(Answer)!), "s3://x/1"));

            Assert.Equal(plain.SplitDocuments.Select(d => d.ToString()), withNulls.SplitDocuments.Select(d => d.ToString()));
            Assert.Equal(plain.DocumentGroups.Select(g => $"{g.DetectedSignaturePages}/{g.UndetectedSignaturePages}"),
                withNulls.DocumentGroups.Select(g => $"{g.DetectedSignaturePages}/{g.UndetectedSignaturePages}"));
            Assert.Equal(plain.UndetectedDocumentTypes, withNulls.UndetectedDocumentTypes);
        }

        [Fact]
        public void The_same_summary_twice_is_refused_or_dropped_when_lenient()
        {
            var pages = new[] { OutputJson.Raw(Answer, "a.json"), OutputJson.Raw(Answer, "b.json") };

            var error = Assert.Throws<TextractOutputException>(() => TextractLendingReader.ReadSummary(pages));
            Assert.StartsWith("b.json: the PAYSLIPS document with index 1 (Summary.DocumentGroups[0].SplitDocuments[0]) was already read", error.Message);

            TextractLendingSummary lenient = TextractLendingReader.ReadSummary(pages, options: new DocumentReadOptions { Lenient = true });
            Assert.Equal(3, lenient.SplitDocuments.Count);
            Assert.Equal(new[] { 1 }, lenient.DocumentGroups[1].DetectedSignaturePages);
            Assert.Equal(3, lenient.Warnings.Count);
        }

        [Fact]
        public void Lending_results_are_not_a_summary()
        {
            var error = Assert.Throws<TextractOutputException>(() =>
                TextractLendingReader.ReadSummary(OutputJson.Raw("{\"JobStatus\": \"SUCCEEDED\", \"Results\": []}", "s.json")));

            Assert.StartsWith("s.json: this answer holds lending analysis output (Results", error.Message);
            Assert.Contains("not a lending analysis summary", error.Message);
        }

        [Fact]
        public void A_summary_is_refused_by_the_block_reader()
        {
            var error = Assert.Throws<TextractOutputException>(() => TextractDocumentReader.Read(new[] { OutputJson.Raw(Answer, "s.json") }));

            Assert.Contains("this is Summary output", error.Message);
        }
    }
}
