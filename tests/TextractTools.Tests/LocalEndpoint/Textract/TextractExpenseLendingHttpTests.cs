using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.S3;
using Amazon.S3.Model;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Samples;
using TextractTools.Tests.Support;
using Xunit;

namespace TextractTools.Tests.LocalEndpoint.Textract
{
    /// <summary>
    /// The five expense and lending operations over HTTP on a running endpoint (SigV4-signed JSON 1.1), on the
    /// project sample uploaded with the AWS SDK's S3 client, with OutputConfig SSE-KMS under a key read back through S3.
    /// </summary>
    public sealed class TextractExpenseLendingHttpTests : IClassFixture<TextractExpenseLendingHttpTests.Endpoint>
    {
        public sealed class Endpoint : IAsyncLifetime
        {
            public const string Bucket = "expense-lending-http";
            public const string KeyAlias = "alias/expense-lending-http";

            public LocalEndpointFixture Fixture { get; } = new();

            public string KeyArn => EndpointServer.SeededKeyArn(Fixture.Options, KeyAlias);

            public async Task InitializeAsync()
            {
                Fixture.Options.JobDuration = TimeSpan.Zero;
                Fixture.Options.SeedBuckets.Add(Bucket);
                Fixture.Options.SeedKeyAliases.Add(KeyAlias);
                await Fixture.InitializeAsync();
                using var s3 = Fixture.CreateS3();
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "in/sample.pdf", InputStream = new MemoryStream(ProjectSample.CreatePdf()) });
            }

            public Task DisposeAsync() => Fixture.DisposeAsync();
        }

        private readonly Endpoint _endpoint;

        public TextractExpenseLendingHttpTests(Endpoint endpoint) => _endpoint = endpoint;

        private static object Location => new { S3Object = new { Bucket = Endpoint.Bucket, Name = "in/sample.pdf" } };

        private static async Task<TextractReply> WaitAsync(TextractJsonClient client, string operation, string jobId)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                var reply = await client.CallAsync(operation, new { JobId = jobId });
                if (reply.JobStatus != "IN_PROGRESS") return reply;
                await Task.Delay(50);
            }
            throw new TimeoutException($"Job {jobId} did not finish.");
        }

        [Fact]
        public async Task Expense_Start_and_Get_over_HTTP_page_and_write_SSE_KMS_output()
        {
            using var client = new TextractJsonClient(_endpoint.Fixture);
            var start = await client.CallAsync("StartExpenseAnalysis", new
            {
                DocumentLocation = Location,
                OutputConfig = new { S3Bucket = Endpoint.Bucket, S3Prefix = "expense-out" },
                KMSKeyId = Endpoint.KeyAlias,
                JobTag = "invoices",
            });
            Assert.Equal(200, start.Status);
            var jobId = start.Body.GetProperty("JobId").GetString()!;

            var done = await WaitAsync(client, "GetExpenseAnalysis", jobId);
            Assert.Equal("SUCCEEDED", done.JobStatus);
            var paged = await client.CallAsync("GetExpenseAnalysis", new { JobId = jobId, MaxResults = 1 });
            Assert.Single(TextractTestHarness.Items(paged, "ExpenseDocuments"));
            var rest = await client.CallAsync("GetExpenseAnalysis", new { JobId = jobId, MaxResults = 1, NextToken = paged.NextToken });
            Assert.Equal(2, TextractTestHarness.Items(rest, "ExpenseDocuments").Single().GetProperty("ExpenseIndex").GetInt32());
            Assert.Null(rest.NextToken);

            using var s3 = _endpoint.Fixture.CreateS3();
            var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Endpoint.Bucket, Prefix = $"expense-out/{jobId}/" });
            Assert.Equal(new[] { ".s3_access_check", "1" }, listed.S3Objects.Select(o => o.Key.Substring($"expense-out/{jobId}/".Length)).OrderBy(k => k, StringComparer.Ordinal));
            using var page = await s3.GetObjectAsync(Endpoint.Bucket, $"expense-out/{jobId}/1");
            Assert.Equal(ServerSideEncryptionMethod.AWSKMS, page.ServerSideEncryptionMethod);
            Assert.Equal(_endpoint.KeyArn, page.ServerSideEncryptionKeyManagementServiceKeyId);
            using var json = await JsonDocument.ParseAsync(page.ResponseStream);
            Assert.Equal(2, json.RootElement.GetProperty("ExpenseDocuments").GetArrayLength());
        }

        [Fact]
        public async Task Lending_Start_Get_and_Summary_over_HTTP()
        {
            using var client = new TextractJsonClient(_endpoint.Fixture);
            var start = await client.CallAsync("StartLendingAnalysis", new
            {
                DocumentLocation = Location,
                ClientRequestToken = "lending-http-1",
                OutputConfig = new { S3Bucket = Endpoint.Bucket, S3Prefix = "lending-out/" },
                KMSKeyId = Endpoint.KeyAlias,
            });
            Assert.Equal(200, start.Status);
            var jobId = start.Body.GetProperty("JobId").GetString()!;
            var again = await client.CallAsync("StartLendingAnalysis", new
            {
                DocumentLocation = Location,
                ClientRequestToken = "lending-http-1",
                OutputConfig = new { S3Bucket = Endpoint.Bucket, S3Prefix = "lending-out/" },
                KMSKeyId = Endpoint.KeyAlias,
            });
            Assert.Equal(jobId, again.Body.GetProperty("JobId").GetString());

            var done = await WaitAsync(client, "GetLendingAnalysis", jobId);
            Assert.Equal("SUCCEEDED", done.JobStatus);
            Assert.Equal(new[] { "INVOICES", "INVOICES" }, TextractTestHarness.Items(done, "Results")
                .Select(r => r.GetProperty("PageClassification").GetProperty("PageType")[0].GetProperty("Value").GetString()));
            var summary = await client.CallAsync("GetLendingAnalysisSummary", new { JobId = jobId });
            Assert.Equal(200, summary.Status);
            Assert.Equal("INVOICES", summary.Body.GetProperty("Summary").GetProperty("DocumentGroups")[0].GetProperty("Type").GetString());

            var wrongKind = await client.CallAsync("GetExpenseAnalysis", new { JobId = jobId });
            Assert.Equal(400, wrongKind.Status);
            Assert.Equal("InvalidJobIdException", wrongKind.ErrorType);

            using var s3 = _endpoint.Fixture.CreateS3();
            var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Endpoint.Bucket, Prefix = $"lending-out/{jobId}/" });
            Assert.Equal(new[] { ".s3_access_check", "detailedResponse/1", "splitDocuments/INVOICES/1.pdf", "summaryResponse/1" },
                listed.S3Objects.Select(o => o.Key.Substring($"lending-out/{jobId}/".Length)).OrderBy(k => k, StringComparer.Ordinal));
            foreach (var key in listed.S3Objects.Select(o => o.Key))
            {
                var head = await s3.GetObjectMetadataAsync(Endpoint.Bucket, key);
                Assert.Equal(_endpoint.KeyArn, head.ServerSideEncryptionKeyManagementServiceKeyId);
            }
        }
    }

    /// <summary>The policy engine names the expense and lending actions when a caller lacks them.</summary>
    public sealed class TextractExpenseLendingPolicyTests : IClassFixture<PolicyEndpointFixture>
    {
        private readonly PolicyEndpointFixture _endpoint;

        public TextractExpenseLendingPolicyTests(PolicyEndpointFixture endpoint) => _endpoint = endpoint;

        private static object Location => new { S3Object = new { Bucket = PolicyEndpointFixture.InputBucket, Name = PolicyEndpointFixture.InputKey } };

        [Fact]
        public async Task A_caller_allowed_only_document_analysis_is_refused_each_expense_and_lending_action()
        {
            // The starter may StartDocumentAnalysis/GetDocumentAnalysis, read the input and write the output: not these.
            using var starter = new TextractJsonClient(_endpoint.Endpoint, PolicyEndpointFixture.CredentialsOf("starter"));
            using var admin = new TextractJsonClient(_endpoint.Endpoint);
            var expense = (await admin.CallAsync("StartExpenseAnalysis", new { DocumentLocation = Location })).Body.GetProperty("JobId").GetString();
            var lending = (await admin.CallAsync("StartLendingAnalysis", new { DocumentLocation = Location })).Body.GetProperty("JobId").GetString();

            var calls = new (string Operation, object Body)[]
            {
                ("StartExpenseAnalysis", new { DocumentLocation = Location }),
                ("StartLendingAnalysis", new { DocumentLocation = Location }),
                ("GetExpenseAnalysis", new { JobId = expense }),
                ("GetLendingAnalysis", new { JobId = lending }),
                ("GetLendingAnalysisSummary", new { JobId = lending }),
            };
            foreach (var (operation, body) in calls)
            {
                var reply = await starter.CallAsync(operation, body);
                Assert.Equal(400, reply.Status);
                Assert.Equal("AccessDeniedException", reply.ErrorType);
                Assert.StartsWith($"User: {PolicyEndpointFixture.UserArn("starter")} is not authorized to perform: textract:{operation} on resource: *",
                    reply.Body.GetProperty("message").GetString());
            }
            Assert.Equal(200, (await admin.CallAsync("GetLendingAnalysisSummary", new { JobId = lending })).Status);
        }
    }
}
