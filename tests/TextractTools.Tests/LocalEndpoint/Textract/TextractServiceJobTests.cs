using System;
using System.Linq;
using TextractTools.LocalEndpoint.Textract;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.LocalEndpoint.Textract
{
    /// <summary>The life of a job: IN_PROGRESS for the job duration, then its results, paged like the service.</summary>
    public sealed class TextractServiceJobTests
    {
        private readonly TextractTestHarness _harness = new();

        private string AddRecordedDocument(int pages, int linesPerPage, string key = "doc.png")
        {
            var document = TextractTestHarness.UniquePng();
            _harness.Library.AddRecording(document, TextractTestRecording.Build(pages, linesPerPage));
            _harness.PutDocument(key, document);
            return key;
        }

        [Fact]
        public void Job_is_in_progress_until_the_job_duration_has_passed_then_succeeds()
        {
            var key = AddRecordedDocument(pages: 1, linesPerPage: 3);
            var jobId = _harness.StartTextDetection(key);

            Assert.Equal(64, jobId.Length);
            var early = _harness.Call("GetDocumentTextDetection", new { JobId = jobId });
            Assert.Equal("IN_PROGRESS", early.JobStatus);
            Assert.Empty(early.Blocks);
            Assert.False(early.Body.TryGetProperty("Blocks", out _));

            _harness.Clock.Advance(TextractTestHarness.JobDuration - TimeSpan.FromMilliseconds(1));
            Assert.Equal("IN_PROGRESS", _harness.Call("GetDocumentTextDetection", new { JobId = jobId }).JobStatus);

            _harness.Clock.Advance(TimeSpan.FromMilliseconds(1));
            var done = _harness.Call("GetDocumentTextDetection", new { JobId = jobId });
            Assert.Equal("SUCCEEDED", done.JobStatus);
            Assert.Equal(1, done.Body.GetProperty("DocumentMetadata").GetProperty("Pages").GetInt32());
            Assert.Equal("1.0", done.Body.GetProperty("DetectDocumentTextModelVersion").GetString());
            Assert.Equal(1 + 3 * 3, done.Blocks.Count);
        }

        [Fact]
        public void Job_ids_are_distinct_for_distinct_starts()
        {
            var key = AddRecordedDocument(pages: 1, linesPerPage: 1);
            var first = _harness.StartTextDetection(key);
            var second = _harness.StartTextDetection(key);
            Assert.NotEqual(first, second);
            Assert.Matches("^[0-9a-f]{64}$", first);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(7)]
        [InlineData(1000)]
        public void Paging_by_MaxResults_serves_every_block_exactly_once(int maxResults)
        {
            var key = AddRecordedDocument(pages: 3, linesPerPage: 150);
            var jobId = _harness.StartAnalysis(key, "TABLES", "FORMS", "SIGNATURES", "LAYOUT");
            _harness.FinishJobs();

            var (blocks, calls, first) = _harness.GetAll("GetDocumentAnalysis", jobId, maxResults);

            // Everything but the QUERY and QUERY_RESULT blocks (QUERIES was not requested).
            var expected = 3 * (TextractTestRecording.BlocksPerPage(150) - 2);
            Assert.Equal(expected, blocks.Count);
            Assert.Equal(expected, blocks.Select(b => b.GetProperty("Id").GetString()).Distinct().Count());
            Assert.Equal((expected + maxResults - 1) / maxResults, calls);
            Assert.Equal(3, first.Body.GetProperty("DocumentMetadata").GetProperty("Pages").GetInt32());
        }

        [Fact]
        public void Without_MaxResults_a_page_holds_at_most_1000_blocks()
        {
            var key = AddRecordedDocument(pages: 2, linesPerPage: 400);
            var jobId = _harness.StartTextDetection(key);
            _harness.FinishJobs();

            var first = _harness.Call("GetDocumentTextDetection", new { JobId = jobId });
            Assert.Equal(1000, first.Blocks.Count);
            Assert.NotNull(first.NextToken);
            var (blocks, calls, _) = _harness.GetAll("GetDocumentTextDetection", jobId);
            Assert.Equal(2 * (1 + 3 * 400), blocks.Count);
            Assert.Equal(3, calls);
        }

        [Fact]
        public void Same_client_request_token_and_parameters_give_the_same_job()
        {
            var key = AddRecordedDocument(pages: 1, linesPerPage: 1);
            var body = new { DocumentLocation = TextractTestHarness.Location(key), FeatureTypes = new[] { "TABLES" }, ClientRequestToken = "token-1" };
            var first = _harness.Start("StartDocumentAnalysis", body);
            var again = _harness.Start("StartDocumentAnalysis", body);
            Assert.Equal(first, again);

            // The token belongs to one operation: on text detection it starts a job of its own.
            var other = _harness.Start("StartDocumentTextDetection", new { DocumentLocation = TextractTestHarness.Location(key), ClientRequestToken = "token-1" });
            Assert.NotEqual(first, other);
        }

        [Fact]
        public void Same_client_request_token_with_other_parameters_is_a_mismatch()
        {
            var key = AddRecordedDocument(pages: 1, linesPerPage: 1);
            _harness.Start("StartDocumentAnalysis",
                new { DocumentLocation = TextractTestHarness.Location(key), FeatureTypes = new[] { "TABLES" }, ClientRequestToken = "token-2" });

            var reply = _harness.Call("StartDocumentAnalysis",
                new { DocumentLocation = TextractTestHarness.Location(key), FeatureTypes = new[] { "FORMS" }, ClientRequestToken = "token-2" });

            Assert.Equal(400, reply.Status);
            Assert.Equal("IdempotentParameterMismatchException", reply.ErrorType);
        }

        [Fact]
        public void A_job_started_again_with_its_token_after_completion_is_still_the_same_finished_job()
        {
            var key = AddRecordedDocument(pages: 1, linesPerPage: 1);
            var body = new { DocumentLocation = TextractTestHarness.Location(key), ClientRequestToken = "token-3" };
            var jobId = _harness.Start("StartDocumentTextDetection", body);
            _harness.FinishJobs();

            Assert.Equal(jobId, _harness.Start("StartDocumentTextDetection", body));
            Assert.Equal("SUCCEEDED", _harness.Call("GetDocumentTextDetection", new { JobId = jobId }).JobStatus);
        }

        [Fact]
        public void Jobs_are_forgotten_after_the_seven_days_of_retention()
        {
            var key = AddRecordedDocument(pages: 1, linesPerPage: 1);
            var jobId = _harness.StartTextDetection(key);
            _harness.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));

            Assert.Equal("InvalidJobIdException", _harness.Call("GetDocumentTextDetection", new { JobId = jobId }).ErrorType);
        }

        [Fact]
        public void A_job_reads_the_document_as_it_was_at_start()
        {
            var key = AddRecordedDocument(pages: 1, linesPerPage: 2);
            var jobId = _harness.StartTextDetection(key);
            _harness.PutDocument(key, TextractTestHarness.UniquePng()); // overwritten by an unknown image
            _harness.FinishJobs();

            Assert.Equal("SUCCEEDED", _harness.Call("GetDocumentTextDetection", new { JobId = jobId }).JobStatus);
        }

        [Fact]
        public void Job_records_the_resolved_KMS_key_and_the_caller()
        {
            var key = AddRecordedDocument(pages: 1, linesPerPage: 1);
            var kmsKey = _harness.Keys.CreateKey("textract output");
            _harness.Keys.CreateAlias("alias/textract", kmsKey.KeyId);
            var jobId = _harness.Start("StartDocumentTextDetection",
                new { DocumentLocation = TextractTestHarness.Location(key), KMSKeyId = "alias/textract" });

            var job = _harness.Service.FindJob(jobId);
            Assert.NotNull(job);
            Assert.Equal(kmsKey.Arn, job!.KmsKeyArn);
            Assert.Equal("AKIDLOCALENDPOINT", job.StartedBy);
        }
    }
}
