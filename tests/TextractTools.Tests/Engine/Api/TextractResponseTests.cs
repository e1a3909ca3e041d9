using TextractTools.Engine;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Api;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Api
{
    public sealed class TextractResponseTests
    {
        private const string SucceededPage = @"{
  ""DocumentMetadata"": { ""Pages"": 3 },
  ""JobStatus"": ""PARTIAL_SUCCESS"",
  ""NextToken"": ""next-page-token"",
  ""StatusMessage"": ""Some pages failed"",
  ""Blocks"": [
    { ""BlockType"": ""PAGE"", ""Id"": ""p1"", ""Relationships"": [ { ""Type"": ""CHILD"", ""Ids"": [ ""w1"" ] } ],
      ""Geometry"": { ""Polygon"": [ { ""X"": 0.1, ""Y"": 0.2 } ] }, ""Query"": { ""Text"": ""JobStatus"" } },
    { ""BlockType"": ""WORD"", ""Id"": ""w1"", ""Text"": ""NextToken \u00e9\u00e8"", ""Confidence"": 99.5 }
  ],
  ""Warnings"": [
    { ""ErrorCode"": ""UNSUPPORTED_PAGE"", ""Pages"": [ 2, 3 ] },
    { ""ErrorCode"": ""OTHER"" }
  ],
  ""AnalyzeDocumentModelVersion"": ""1.0""
}";

        [Fact]
        public async Task Get_reads_the_status_members_and_keeps_the_body_byte_for_byte()
        {
            var bodyBytes = Encoding.UTF8.GetBytes(SucceededPage);
            using var server = new StubHttpServer(new StubResponse { Body = bodyBytes });
            using var api = TestClients.ApiFor(server);

            var page = await api.GetJobPageAsync(TextractJobKind.DocumentAnalysis, new GetJobPageRequest("job-1"), CancellationToken.None);

            Assert.Equal("PARTIAL_SUCCESS", page.JobStatus);
            Assert.Equal("Some pages failed", page.StatusMessage);
            Assert.Equal("next-page-token", page.NextToken);
            Assert.Equal(3, page.PageCount);
            Assert.Equal("1.0", page.ModelVersion);
            Assert.Equal(2, page.Warnings.Count);
            Assert.Equal("UNSUPPORTED_PAGE", page.Warnings[0].ErrorCode);
            Assert.Equal(new[] { 2, 3 }, page.Warnings[0].Pages);
            Assert.Equal("OTHER", page.Warnings[1].ErrorCode);
            Assert.Empty(page.Warnings[1].Pages);
            Assert.Equal(bodyBytes, page.Json);
        }

        [Fact]
        public async Task Get_reads_explicit_nulls_as_absent()
        {
            const string withNulls = "{\"JobStatus\":\"SUCCEEDED\",\"StatusMessage\":null,\"NextToken\":null,\"Warnings\":null,"
                + "\"DocumentMetadata\":null,\"DetectDocumentTextModelVersion\":null,\"Blocks\":null}";
            using var server = new StubHttpServer(StubResponse.Json(withNulls));
            using var api = TestClients.ApiFor(server);

            var page = await api.GetJobPageAsync(TextractJobKind.TextDetection, new GetJobPageRequest("job-1"), CancellationToken.None);

            Assert.Equal("SUCCEEDED", page.JobStatus);
            Assert.Null(page.StatusMessage);
            Assert.Null(page.NextToken);
            Assert.Null(page.PageCount);
            Assert.Null(page.ModelVersion);
            Assert.Empty(page.Warnings);
            Assert.Equal(withNulls, Encoding.UTF8.GetString(page.Json));
        }

        [Fact]
        public void Reader_reads_text_detection_model_version_and_null_members_inside_warnings()
        {
            var json = Encoding.UTF8.GetBytes(
                "{\"Blocks\":[{\"Id\":\"x\",\"Relationships\":null}],\"JobStatus\":\"IN_PROGRESS\","
                + "\"DetectDocumentTextModelVersion\":\"2.1\",\"DocumentMetadata\":{\"Pages\":null},"
                + "\"Warnings\":[{\"ErrorCode\":null,\"Pages\":null}]}");

            var page = JobResultPageReader.Read(json);

            Assert.Equal("IN_PROGRESS", page.JobStatus);
            Assert.Equal("2.1", page.ModelVersion);
            Assert.Null(page.PageCount);
            var warning = Assert.Single(page.Warnings);
            Assert.Null(warning.ErrorCode);
            Assert.Empty(warning.Pages);
            Assert.Same(json, page.Json);
        }

        [Theory]
        [InlineData("[]")]
        [InlineData("\"text\"")]
        [InlineData("{\"JobStatus\":")]
        public void Reader_rejects_what_is_not_a_json_object(string json)
        {
            Assert.ThrowsAny<JsonException>(() => JobResultPageReader.Read(Encoding.UTF8.GetBytes(json)));
        }

        [Fact]
        public async Task Start_answer_without_job_id_is_an_invalid_response()
        {
            using var server = new StubHttpServer(StubResponse.Json("{\"Unexpected\":1}"));
            using var api = TestClients.ApiFor(server);

            var error = await Assert.ThrowsAsync<TextractServiceException>(() => api.StartJobAsync(
                new StartJobRequest(S3Location.Of("b", "k"), new JobOptions { Kind = TextractJobKind.TextDetection }, null), CancellationToken.None));

            Assert.Equal(TextractErrors.InvalidResponse, error.ErrorCode);
            Assert.Equal(200, error.StatusCode);
            Assert.True(server.Requests.Count >= 1);
        }
    }
}
