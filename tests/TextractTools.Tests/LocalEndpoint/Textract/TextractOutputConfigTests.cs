using System.Linq;
using System.Text.Json;
using TextractTools.LocalEndpoint.Storage;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.LocalEndpoint.Textract
{
    /// <summary>OutputConfig: the access check at Start, the numbered pages at completion, their encryption and shape.</summary>
    public sealed class TextractOutputConfigTests
    {
        private readonly TextractTestHarness _harness = new();
        private const int LinesPerPage = 400;

        public TextractOutputConfigTests()
        {
            var document = TextractTestHarness.UniquePng();
            _harness.Library.AddRecording(document, TextractTestRecording.Build(pages: 2, linesPerPage: LinesPerPage));
            _harness.PutDocument("doc.png", document);
        }

        private string StartWithOutput(object outputConfig, string? kmsKeyId = null) =>
            _harness.Start("StartDocumentTextDetection", new
            {
                DocumentLocation = TextractTestHarness.Location("doc.png"),
                OutputConfig = outputConfig,
                KMSKeyId = kmsKeyId,
            });

        private string[] OutputKeys() => _harness.Storage.ListObjects("output", null).Select(o => o.Key).ToArray();

        [Fact]
        public void Access_check_is_written_at_start_and_the_pages_when_the_job_succeeds()
        {
            var jobId = StartWithOutput(new { S3Bucket = "output", S3Prefix = "results/" });

            Assert.Equal(new[] { $"results/{jobId}/.s3_access_check" }, OutputKeys());
            Assert.Empty(_harness.Storage.ListObjects("output", null)[0].Data);

            // No Get: the job's timer finishes it when its time is up.
            _harness.FinishJobs();

            var blocks = 2 * (1 + 3 * LinesPerPage);
            Assert.Equal(new[] { $"results/{jobId}/.s3_access_check", $"results/{jobId}/1", $"results/{jobId}/2", $"results/{jobId}/3" }, OutputKeys());
            var pages = Enumerable.Range(1, 3).Select(n =>
            {
                Assert.True(_harness.Storage.TryGetObject("output", $"results/{jobId}/{n}", out var page));
                return JsonDocument.Parse(page.Data).RootElement;
            }).ToList();
            Assert.Equal(new[] { 1000, 1000, blocks - 2000 }, pages.Select(p => p.GetProperty("Blocks").GetArrayLength()).ToArray());
            var ids = pages.SelectMany(p => p.GetProperty("Blocks").EnumerateArray()).Select(b => b.GetProperty("Id").GetString()).ToList();
            Assert.Equal(blocks, ids.Distinct().Count());

            // The objects hold the same blocks, in the same order, as the API.
            var fromApi = _harness.GetAll("GetDocumentTextDetection", jobId).Blocks.Select(b => b.GetProperty("Id").GetString()).ToList();
            Assert.Equal(fromApi, ids);
        }

        [Fact]
        public void Pages_carry_absent_members_as_explicit_nulls()
        {
            var jobId = StartWithOutput(new { S3Bucket = "output", S3Prefix = "nulls" });
            _harness.FinishJobs();

            Assert.True(_harness.Storage.TryGetObject("output", $"nulls/{jobId}/3", out var last));
            var page = JsonDocument.Parse(last.Data).RootElement;
            Assert.Equal(JsonValueKind.Null, page.GetProperty("NextToken").ValueKind);
            Assert.Equal(JsonValueKind.Null, page.GetProperty("StatusMessage").ValueKind);
            Assert.Equal(JsonValueKind.Null, page.GetProperty("Warnings").ValueKind);
            Assert.Equal("SUCCEEDED", page.GetProperty("JobStatus").GetString());
            Assert.Equal("1.0", page.GetProperty("DetectDocumentTextModelVersion").GetString());
            Assert.Equal(2, page.GetProperty("DocumentMetadata").GetProperty("Pages").GetInt32());
            Assert.Equal(new[] { "Blocks", "DetectDocumentTextModelVersion", "DocumentMetadata", "JobStatus", "NextToken", "StatusMessage", "Warnings" },
                page.EnumerateObject().Select(m => m.Name).ToArray());

            var word = page.GetProperty("Blocks").EnumerateArray().First(b => b.GetProperty("BlockType").GetString() == "WORD");
            foreach (var member in new[] { "ColumnIndex", "ColumnSpan", "EntityTypes", "Query", "Relationships", "RowIndex", "RowSpan", "SelectionStatus", "TextType" })
                Assert.Equal(JsonValueKind.Null, word.GetProperty(member).ValueKind);
            Assert.Equal(2, word.GetProperty("Page").GetInt32());

            Assert.True(_harness.Storage.TryGetObject("output", $"nulls/{jobId}/1", out var first));
            Assert.Equal(JsonValueKind.String, JsonDocument.Parse(first.Data).RootElement.GetProperty("NextToken").ValueKind);
        }

        [Fact]
        public void Without_a_key_the_objects_are_SSE_S3_and_without_a_prefix_they_go_under_textract_output()
        {
            var jobId = StartWithOutput(new { S3Bucket = "output" });
            _harness.FinishJobs();

            var objects = _harness.Storage.ListObjects("output", null);
            Assert.Equal(4, objects.Count);
            Assert.All(objects, o =>
            {
                Assert.StartsWith($"textract_output/{jobId}/", o.Key);
                Assert.Equal(ObjectEncryption.S3Managed, o.Encryption);
            });
        }

        [Fact]
        public void With_a_KMS_key_every_object_is_SSE_KMS_under_the_resolved_key_ARN()
        {
            var key = _harness.Keys.CreateKey("output key");
            _harness.Keys.CreateAlias("alias/output", key.KeyId);
            var jobId = StartWithOutput(new { S3Bucket = "output", S3Prefix = "enc" }, kmsKeyId: "alias/output");
            _harness.FinishJobs();

            var objects = _harness.Storage.ListObjects("output", "enc/");
            Assert.Equal(4, objects.Count);
            Assert.All(objects, o => Assert.Equal(ObjectEncryption.Kms(key.Arn), o.Encryption));
            Assert.Contains(objects, o => o.Key == $"enc/{jobId}/.s3_access_check");
        }

        [Fact]
        public void An_output_bucket_deleted_while_the_job_runs_fails_the_job()
        {
            _harness.Storage.CreateBucket("short-lived");
            var jobId = StartWithOutput(new { S3Bucket = "short-lived" });
            _harness.Storage.DeleteObject("short-lived", $"textract_output/{jobId}/.s3_access_check");
            _harness.Storage.DeleteBucket("short-lived");
            _harness.FinishJobs();

            var reply = _harness.Call("GetDocumentTextDetection", new { JobId = jobId });
            Assert.Equal("FAILED", reply.JobStatus);
            Assert.Contains("short-lived", reply.StatusMessage);
        }
    }
}
