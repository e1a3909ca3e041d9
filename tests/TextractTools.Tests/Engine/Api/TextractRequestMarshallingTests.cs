using TextractTools.Engine;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Api;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Api
{
    public sealed class TextractRequestMarshallingTests
    {
        [Fact]
        public async Task StartDocumentAnalysis_sends_a_signed_json11_request_with_every_member_named_as_the_service_names_it()
        {
            using var server = new StubHttpServer(StubResponse.Json("{\"JobId\":\"job-123\"}"));
            using var api = TestClients.ApiFor(server);

            var jobId = await api.StartJobAsync(new StartJobRequest(S3Location.Of("input-bucket", "scans/invoice.pdf", "v7"), new JobOptions { Kind = TextractJobKind.DocumentAnalysis, Features = new[] { "TABLES", "FORMS", "QUERIES" }, Queries = new[] { new QuerySpec("What is the total?", "TOTAL", new[] { "1", "2-*" }) }, Adapters = new[] { new AdapterSpec("adapter-0123456789", "3", new[] { "*" }) }, JobTag = "nightly", NotificationTopicArn = "arn:aws:sns:eu-west-2:123456789012:textract", NotificationRoleArn = "arn:aws:iam::123456789012:role/TextractSns", KmsKeyId = "alias/textract", Output = S3Location.Of("output-bucket", "results") }, "token-1"), CancellationToken.None);

            Assert.Equal("job-123", jobId);
            var request = server.SingleRequest;
            Assert.Equal("POST", request.Method);
            Assert.Equal("/", request.Path);
            Assert.Equal("Textract.StartDocumentAnalysis", request.Header("X-Amz-Target"));
            Assert.StartsWith("application/x-amz-json-1.1", request.Header("Content-Type"));
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=" + TestClients.AccessKey + "/", request.Header("Authorization"));
            Assert.Contains("/" + TestClients.SigningRegion + "/textract/aws4_request", request.Header("Authorization"));
            Assert.DoesNotContain(TestClients.SecretKey, request.Header("Authorization"));
            Assert.Contains("api/Textract#", request.Header("User-Agent"));

            using var body = JsonDocument.Parse(request.Body);
            var root = body.RootElement;
            Assert.Equal(
                new[] { "AdaptersConfig", "ClientRequestToken", "DocumentLocation", "FeatureTypes", "JobTag", "KMSKeyId", "NotificationChannel", "OutputConfig", "QueriesConfig" },
                root.EnumerateObject().Select(p => p.Name).OrderBy(n => n, System.StringComparer.Ordinal));
            var s3Object = root.GetProperty("DocumentLocation").GetProperty("S3Object");
            Assert.Equal("input-bucket", s3Object.GetProperty("Bucket").GetString());
            Assert.Equal("scans/invoice.pdf", s3Object.GetProperty("Name").GetString());
            Assert.Equal("v7", s3Object.GetProperty("Version").GetString());
            Assert.Equal(new[] { "TABLES", "FORMS", "QUERIES" }, root.GetProperty("FeatureTypes").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("token-1", root.GetProperty("ClientRequestToken").GetString());
            Assert.Equal("nightly", root.GetProperty("JobTag").GetString());
            Assert.Equal("arn:aws:sns:eu-west-2:123456789012:textract", root.GetProperty("NotificationChannel").GetProperty("SNSTopicArn").GetString());
            Assert.Equal("arn:aws:iam::123456789012:role/TextractSns", root.GetProperty("NotificationChannel").GetProperty("RoleArn").GetString());
            Assert.Equal("output-bucket", root.GetProperty("OutputConfig").GetProperty("S3Bucket").GetString());
            Assert.Equal("results", root.GetProperty("OutputConfig").GetProperty("S3Prefix").GetString());
            Assert.Equal("alias/textract", root.GetProperty("KMSKeyId").GetString());
            var query = root.GetProperty("QueriesConfig").GetProperty("Queries").EnumerateArray().Single();
            Assert.Equal("What is the total?", query.GetProperty("Text").GetString());
            Assert.Equal("TOTAL", query.GetProperty("Alias").GetString());
            Assert.Equal(new[] { "1", "2-*" }, query.GetProperty("Pages").EnumerateArray().Select(e => e.GetString()));
            var adapter = root.GetProperty("AdaptersConfig").GetProperty("Adapters").EnumerateArray().Single();
            Assert.Equal("adapter-0123456789", adapter.GetProperty("AdapterId").GetString());
            Assert.Equal("3", adapter.GetProperty("Version").GetString());
            Assert.Equal(new[] { "*" }, adapter.GetProperty("Pages").EnumerateArray().Select(e => e.GetString()));
        }

        [Fact]
        public async Task StartDocumentTextDetection_leaves_out_analysis_only_and_empty_members()
        {
            using var server = new StubHttpServer(StubResponse.Json("{\"JobId\":\"job-text\"}"));
            using var api = TestClients.ApiFor(server);

            var jobId = await api.StartJobAsync(new StartJobRequest(S3Location.Of("input-bucket", "page.png"), new JobOptions { Kind = TextractJobKind.TextDetection, Features = new[] { "TABLES" }, Queries = new[] { new QuerySpec("ignored?") } }, ""), CancellationToken.None);

            Assert.Equal("job-text", jobId);
            var request = server.SingleRequest;
            Assert.Equal("Textract.StartDocumentTextDetection", request.Header("X-Amz-Target"));
            using var body = JsonDocument.Parse(request.Body);
            Assert.Equal(new[] { "DocumentLocation" }, body.RootElement.EnumerateObject().Select(p => p.Name));
            var s3Object = body.RootElement.GetProperty("DocumentLocation").GetProperty("S3Object");
            Assert.Equal(new[] { "Bucket", "Name" }, s3Object.EnumerateObject().Select(p => p.Name));
        }

        [Fact]
        public async Task Get_sends_job_id_max_results_and_next_token()
        {
            using var server = new StubHttpServer(StubResponse.Json("{\"JobStatus\":\"IN_PROGRESS\"}"));
            using var api = TestClients.ApiFor(server);

            await api.GetJobPageAsync(TextractJobKind.DocumentAnalysis, new GetJobPageRequest("job-9", 1000, "token-abc"), CancellationToken.None);

            var request = server.SingleRequest;
            Assert.Equal("Textract.GetDocumentAnalysis", request.Header("X-Amz-Target"));
            using var body = JsonDocument.Parse(request.Body);
            Assert.Equal(new[] { "JobId", "MaxResults", "NextToken" }, body.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal("job-9", body.RootElement.GetProperty("JobId").GetString());
            Assert.Equal(1000, body.RootElement.GetProperty("MaxResults").GetInt32());
            Assert.Equal("token-abc", body.RootElement.GetProperty("NextToken").GetString());
        }

        [Fact]
        public async Task Get_without_paging_sends_only_the_job_id()
        {
            using var server = new StubHttpServer(StubResponse.Json("{\"JobStatus\":\"IN_PROGRESS\"}"));
            using var api = TestClients.ApiFor(server);

            await api.GetJobPageAsync(TextractJobKind.TextDetection, new GetJobPageRequest("job-10"), CancellationToken.None);

            var request = server.SingleRequest;
            Assert.Equal("Textract.GetDocumentTextDetection", request.Header("X-Amz-Target"));
            Assert.Equal("{\"JobId\":\"job-10\"}", request.BodyText);
        }

        [Theory]
        [InlineData(TextractJobKind.ExpenseAnalysis, "Textract.StartExpenseAnalysis")]
        [InlineData(TextractJobKind.LendingAnalysis, "Textract.StartLendingAnalysis")]
        public async Task Expense_and_lending_starts_send_output_config_and_key_and_no_analysis_members(TextractJobKind kind, string target)
        {
            using var server = new StubHttpServer(StubResponse.Json("{\"JobId\":\"job-kind\"}"));
            using var api = TestClients.ApiFor(server);
            var options = new JobOptions { Kind = kind, KmsKeyId = "alias/k", JobTag = "t", Output = S3Location.Of("out-bucket", "p") };

            Assert.Equal("job-kind", await api.StartJobAsync(new StartJobRequest(S3Location.Of("in-bucket", "a.pdf"), options.Normalized(), "tok"), CancellationToken.None));

            var request = server.SingleRequest;
            Assert.Equal(target, request.Header("X-Amz-Target"));
            using var body = JsonDocument.Parse(request.Body);
            Assert.Equal(new[] { "ClientRequestToken", "DocumentLocation", "JobTag", "KMSKeyId", "OutputConfig" },
                body.RootElement.EnumerateObject().Select(p => p.Name).OrderBy(n => n, System.StringComparer.Ordinal));
            Assert.Equal("out-bucket", body.RootElement.GetProperty("OutputConfig").GetProperty("S3Bucket").GetString());
            Assert.Equal("p", body.RootElement.GetProperty("OutputConfig").GetProperty("S3Prefix").GetString());
        }

        [Theory]
        [InlineData(TextractJobKind.ExpenseAnalysis, "Textract.GetExpenseAnalysis", 20)]
        [InlineData(TextractJobKind.LendingAnalysis, "Textract.GetLendingAnalysis", 30)]
        public async Task Each_kind_is_read_through_its_own_get_operation(TextractJobKind kind, string target, int maxResults)
        {
            using var server = new StubHttpServer(StubResponse.Json("{\"JobStatus\":\"IN_PROGRESS\"}"));
            using var api = TestClients.ApiFor(server);

            await api.GetJobPageAsync(kind, new GetJobPageRequest("job-k", TextractJobKindInfo.Of(kind).MaxResultsPerPage), CancellationToken.None);

            Assert.Equal(target, server.SingleRequest.Header("X-Amz-Target"));
            using var body = JsonDocument.Parse(server.SingleRequest.Body);
            Assert.Equal(maxResults, body.RootElement.GetProperty("MaxResults").GetInt32());
        }

        [Fact]
        public async Task The_lending_summary_is_asked_for_with_the_job_id_only()
        {
            using var server = new StubHttpServer(StubResponse.Json("{\"JobStatus\":\"SUCCEEDED\",\"Summary\":{\"DocumentGroups\":[]}}"));
            using var api = TestClients.ApiFor(server);

            var answer = await api.GetJobSummaryAsync(TextractJobKind.LendingAnalysis, "job-s", CancellationToken.None);

            Assert.Equal("SUCCEEDED", answer.JobStatus);
            Assert.Equal("Textract.GetLendingAnalysisSummary", server.SingleRequest.Header("X-Amz-Target"));
            Assert.Equal("{\"JobId\":\"job-s\"}", server.SingleRequest.BodyText);
            await Assert.ThrowsAsync<System.ArgumentException>(() => api.GetJobSummaryAsync(TextractJobKind.ExpenseAnalysis, "job-s", CancellationToken.None));
        }
    }
}
