using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using TextractTools.LocalEndpoint.Faults;
using TextractTools.LocalEndpoint.Replay;
using TextractTools.LocalEndpoint.Samples;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.LocalEndpoint.Textract
{
    /// <summary>
    /// StartExpenseAnalysis / GetExpenseAnalysis and StartLendingAnalysis / GetLendingAnalysis /
    /// GetLendingAnalysisSummary in process, on a manual clock: validation shared with the other Starts, paging by
    /// ExpenseDocument (20) and lending Result (30), jobs read only through their own Get operations, idempotency,
    /// the concurrent-job limit, fault injection and documents without a recording of the kind.
    /// </summary>
    public sealed class TextractExpenseLendingJobTests
    {
        private readonly TextractTestHarness _harness = new();

        private string PutDocument(string key, string? expense = null, string? lending = null, string? blocks = null)
        {
            var document = TextractTestHarness.UniquePng();
            if (expense is not null) _harness.Library.AddRecording(document, expense);
            if (lending is not null) _harness.Library.AddRecording(document, lending);
            if (blocks is not null) _harness.Library.AddRecording(document, blocks);
            _harness.PutDocument(key, document);
            return key;
        }

        private string StartExpense(string key, object? extra = null) => _harness.Start("StartExpenseAnalysis", Body(key, extra));

        private string StartLending(string key, object? extra = null) => _harness.Start("StartLendingAnalysis", Body(key, extra));

        private static Dictionary<string, object?> Body(string key, object? extra = null)
        {
            var body = new Dictionary<string, object?> { ["DocumentLocation"] = TextractTestHarness.Location(key) };
            if (extra is not null)
                foreach (var property in extra.GetType().GetProperties()) body[property.Name] = property.GetValue(extra);
            return body;
        }

        private void AssertError(string expectedType, string operation, object body)
        {
            var reply = _harness.Call(operation, body);
            Assert.True(reply.Status == 400, $"{operation} answered {reply.Status}: {reply.Body}");
            Assert.Equal(expectedType, reply.ErrorType);
        }

        [Fact]
        public void An_expense_job_is_IN_PROGRESS_until_its_time_is_up_then_serves_its_ExpenseDocuments()
        {
            var key = PutDocument("invoice.png", expense: TextractExpenseLendingRecording.Expense(3));
            var jobId = StartExpense(key);

            var running = _harness.Call("GetExpenseAnalysis", new { JobId = jobId });
            Assert.Equal(200, running.Status);
            Assert.Equal("IN_PROGRESS", running.JobStatus);
            Assert.False(running.Body.TryGetProperty("ExpenseDocuments", out _));

            _harness.FinishJobs();
            var done = _harness.Call("GetExpenseAnalysis", new { JobId = jobId });
            Assert.Equal("SUCCEEDED", done.JobStatus);
            Assert.Equal(3, done.Body.GetProperty("DocumentMetadata").GetProperty("Pages").GetInt32());
            Assert.Equal("1.0", done.Body.GetProperty("AnalyzeExpenseModelVersion").GetString());
            Assert.Equal(new[] { 1, 2, 3 }, TextractTestHarness.Items(done, "ExpenseDocuments").Select(d => d.GetProperty("ExpenseIndex").GetInt32()));
            Assert.Null(done.NextToken);
            Assert.False(done.Body.TryGetProperty("Blocks", out _));
        }

        [Theory]
        [InlineData(null, 45, new[] { 20, 20, 5 })]
        [InlineData(7, 45, new[] { 7, 7, 7, 7, 7, 7, 3 })]
        [InlineData(21, 45, new[] { 20, 20, 5 })]
        [InlineData(1000, 20, new[] { 20 })]
        public void GetExpenseAnalysis_pages_by_ExpenseDocument_at_most_20(int? maxResults, int documents, int[] expectedPageSizes)
        {
            var jobId = StartExpense(PutDocument("many.png", expense: TextractExpenseLendingRecording.Expense(documents)));
            _harness.FinishJobs();

            var pages = _harness.GetPages("GetExpenseAnalysis", jobId, maxResults);
            Assert.Equal(expectedPageSizes, pages.Select(p => TextractTestHarness.Items(p, "ExpenseDocuments").Count).ToArray());
            var indexes = pages.SelectMany(p => TextractTestHarness.Items(p, "ExpenseDocuments")).Select(d => d.GetProperty("ExpenseIndex").GetInt32());
            Assert.Equal(Enumerable.Range(1, documents), indexes);
            Assert.All(pages, p => Assert.Equal(documents, p.Body.GetProperty("DocumentMetadata").GetProperty("Pages").GetInt32()));
        }

        [Theory]
        [InlineData(null, 65, new[] { 30, 30, 5 })]
        [InlineData(31, 65, new[] { 30, 30, 5 })]
        [InlineData(10, 25, new[] { 10, 10, 5 })]
        public void GetLendingAnalysis_pages_by_Result_at_most_30(int? maxResults, int pageCount, int[] expectedPageSizes)
        {
            var jobId = StartLending(PutDocument("package.png", lending: TextractExpenseLendingRecording.Lending(pageCount)));
            _harness.FinishJobs();

            var pages = _harness.GetPages("GetLendingAnalysis", jobId, maxResults);
            Assert.Equal(expectedPageSizes, pages.Select(p => TextractTestHarness.Items(p, "Results").Count).ToArray());
            Assert.Equal(Enumerable.Range(1, pageCount), pages.SelectMany(p => TextractTestHarness.Items(p, "Results")).Select(r => r.GetProperty("Page").GetInt32()));
            Assert.All(pages, p => Assert.Equal("1.0", p.Body.GetProperty("AnalyzeLendingModelVersion").GetString()));
        }

        [Theory]
        [InlineData("GetExpenseAnalysis", 0)]
        [InlineData("GetExpenseAnalysis", -3)]
        [InlineData("GetLendingAnalysis", 0)]
        public void MaxResults_below_1_is_InvalidParameterException(string operation, int maxResults)
        {
            var key = PutDocument("doc.png", expense: TextractExpenseLendingRecording.Expense(1), lending: TextractExpenseLendingRecording.Lending(1));
            var jobId = operation == "GetExpenseAnalysis" ? StartExpense(key) : StartLending(key);
            _harness.FinishJobs();
            AssertError("InvalidParameterException", operation, new { JobId = jobId, MaxResults = maxResults });
        }

        [Fact]
        public void A_NextToken_of_another_job_or_kind_is_InvalidParameterException()
        {
            var key = PutDocument("doc.png", expense: TextractExpenseLendingRecording.Expense(3), lending: TextractExpenseLendingRecording.Lending(3));
            var expense = StartExpense(key);
            var otherExpense = StartExpense(key, new { JobTag = "other" });
            var lending = StartLending(key);
            _harness.FinishJobs();

            var token = _harness.Call("GetExpenseAnalysis", new { JobId = otherExpense, MaxResults = 1 }).NextToken;
            Assert.NotNull(token);
            AssertError("InvalidParameterException", "GetExpenseAnalysis", new { JobId = expense, NextToken = token });
            AssertError("InvalidParameterException", "GetLendingAnalysis", new { JobId = lending, NextToken = token });
            AssertError("InvalidParameterException", "GetExpenseAnalysis", new { JobId = expense, NextToken = " " });
        }

        [Fact]
        public void The_lending_summary_is_derived_from_the_Results_when_none_was_recorded()
        {
            var jobId = StartLending(PutDocument("package.png", lending: TextractExpenseLendingRecording.Lending(4)));
            _harness.FinishJobs();

            var reply = _harness.Call("GetLendingAnalysisSummary", new { JobId = jobId });
            Assert.Equal(200, reply.Status);
            Assert.Equal("SUCCEEDED", reply.JobStatus);
            Assert.Equal(4, reply.Body.GetProperty("DocumentMetadata").GetProperty("Pages").GetInt32());
            Assert.Equal("1.0", reply.Body.GetProperty("AnalyzeLendingModelVersion").GetString());
            Assert.False(reply.Body.TryGetProperty("NextToken", out _));
            var groups = reply.Body.GetProperty("Summary").GetProperty("DocumentGroups").EnumerateArray().ToList();
            Assert.Equal(new[] { "PAYSLIPS", "W_2" }, groups.Select(g => g.GetProperty("Type").GetString()));
            // Each page says it is page "1" of its document: each starts a split document of its own.
            Assert.Equal(new[] { "1:1", "2:3" }, groups[0].GetProperty("SplitDocuments").EnumerateArray()
                .Select(s => s.GetProperty("Index").GetInt32() + ":" + string.Join(",", s.GetProperty("Pages").EnumerateArray().Select(p => p.GetInt32()))));
            var undetected = reply.Body.GetProperty("Summary").GetProperty("UndetectedDocumentTypes").EnumerateArray().Select(t => t.GetString()).ToList();
            Assert.Contains("1003", undetected);
            Assert.DoesNotContain("PAYSLIPS", undetected);
            Assert.DoesNotContain("W_2", undetected);
        }

        [Fact]
        public void A_recorded_lending_summary_is_served_as_recorded()
        {
            const string summary = @"{""DocumentMetadata"": {""Pages"": 2}, ""JobStatus"": ""SUCCEEDED"", ""Summary"": {
                ""DocumentGroups"": [{""Type"": ""1003"", ""SplitDocuments"": [{""Index"": 1, ""Pages"": [1, 2]}], ""DetectedSignatures"": [{""Page"": 2}], ""UndetectedSignatures"": [{""Page"": 1}]}],
                ""UndetectedDocumentTypes"": [""W_2""]}, ""AnalyzeLendingModelVersion"": ""1.0""}";
            var key = PutDocument("package.png", lending: TextractExpenseLendingRecording.Lending(2));
            var document = _harness.Storage.ListObjects("input", null).Single(o => o.Key == key).Data;
            _harness.Library.AddRecording(document, summary);
            var jobId = StartLending(key);
            _harness.FinishJobs();

            var reply = _harness.Call("GetLendingAnalysisSummary", new { JobId = jobId });
            using var expected = JsonDocument.Parse(summary);
            Assert.True(JsonElement.DeepEquals(expected.RootElement.GetProperty("Summary"), reply.Body.GetProperty("Summary")), reply.Body.ToString());
        }

        [Fact]
        public void A_job_is_read_only_through_its_own_Get_operations()
        {
            var key = PutDocument("doc.png", expense: TextractExpenseLendingRecording.Expense(1), lending: TextractExpenseLendingRecording.Lending(1),
                blocks: TextractTestRecording.Build(pages: 1, linesPerPage: 1));
            var text = _harness.StartTextDetection(key);
            var analysis = _harness.StartAnalysis(key, "TABLES");
            var expense = StartExpense(key);
            var lending = StartLending(key);
            _harness.FinishJobs();

            AssertError("InvalidJobIdException", "GetExpenseAnalysis", new { JobId = text });
            AssertError("InvalidJobIdException", "GetExpenseAnalysis", new { JobId = analysis });
            AssertError("InvalidJobIdException", "GetExpenseAnalysis", new { JobId = lending });
            AssertError("InvalidJobIdException", "GetLendingAnalysis", new { JobId = expense });
            AssertError("InvalidJobIdException", "GetLendingAnalysisSummary", new { JobId = expense });
            AssertError("InvalidJobIdException", "GetLendingAnalysisSummary", new { JobId = analysis });
            AssertError("InvalidJobIdException", "GetDocumentAnalysis", new { JobId = expense });
            AssertError("InvalidJobIdException", "GetDocumentTextDetection", new { JobId = lending });
            Assert.Equal("SUCCEEDED", _harness.Call("GetExpenseAnalysis", new { JobId = expense }).JobStatus);
            Assert.Equal("SUCCEEDED", _harness.Call("GetLendingAnalysis", new { JobId = lending }).JobStatus);
            Assert.Equal("SUCCEEDED", _harness.Call("GetLendingAnalysisSummary", new { JobId = lending }).JobStatus);
        }

        [Fact]
        public void A_ClientRequestToken_returns_the_same_job_for_the_same_parameters_and_refuses_others()
        {
            var key = PutDocument("doc.png", expense: TextractExpenseLendingRecording.Expense(1), lending: TextractExpenseLendingRecording.Lending(1));
            var first = StartExpense(key, new { ClientRequestToken = "token-1", JobTag = "a" });
            Assert.Equal(first, StartExpense(key, new { ClientRequestToken = "token-1", JobTag = "a" }));
            AssertError("IdempotentParameterMismatchException", "StartExpenseAnalysis", Body(key, new { ClientRequestToken = "token-1", JobTag = "b" }));

            // A token belongs to one Start operation: the same token on StartLendingAnalysis is a new request.
            var lending = StartLending(key, new { ClientRequestToken = "token-1", JobTag = "a" });
            Assert.NotEqual(first, lending);
            Assert.Equal(lending, StartLending(key, new { ClientRequestToken = "token-1", JobTag = "a" }));
            AssertError("IdempotentParameterMismatchException", "StartLendingAnalysis",
                Body(key, new { ClientRequestToken = "token-1", JobTag = "a", OutputConfig = new { S3Bucket = "output" } }));
            Assert.Equal(2, _harness.Service.JobCount);
        }

        public static IEnumerable<object[]> AnalysisOnlyMembers() => new[]
        {
            new object[] { "FeatureTypes", new[] { "TABLES" } },
            new object[] { "QueriesConfig", new { Queries = new[] { new { Text = "What is the total?" } } } },
            new object[] { "AdaptersConfig", new { Adapters = new[] { new { AdapterId = "123456789012", Version = "1" } } } },
        };

        [Theory]
        [MemberData(nameof(AnalysisOnlyMembers))]
        public void Members_only_StartDocumentAnalysis_has_are_refused(string member, object value)
        {
            var key = PutDocument("doc.png", expense: TextractExpenseLendingRecording.Expense(1));
            foreach (var operation in new[] { "StartExpenseAnalysis", "StartLendingAnalysis", "StartDocumentTextDetection" })
            {
                var body = Body(key);
                body[member] = value;
                var reply = _harness.Call(operation, body);
                Assert.Equal("InvalidParameterException", reply.ErrorType);
                Assert.Contains(member, reply.Body.GetProperty("message").GetString());
            }
            Assert.Equal(0, _harness.Service.JobCount);
        }

        public static IEnumerable<object[]> InvalidStarts() => new[]
        {
            new object[] { "InvalidParameterException", new Dictionary<string, object?>() },
            new object[] { "InvalidParameterException", new Dictionary<string, object?> { ["DocumentLocation"] = TextractTestHarness.Location("doc.png"), ["JobTag"] = "bad tag!" } },
            new object[] { "InvalidParameterException", new Dictionary<string, object?> { ["DocumentLocation"] = TextractTestHarness.Location("doc.png"), ["ClientRequestToken"] = new string('x', 65) } },
            new object[] { "InvalidParameterException", new Dictionary<string, object?> { ["DocumentLocation"] = TextractTestHarness.Location("doc.png"), ["OutputConfig"] = new { S3Prefix = "x" } } },
            new object[] { "InvalidParameterException", new Dictionary<string, object?> { ["DocumentLocation"] = TextractTestHarness.Location("doc.png"), ["NotificationChannel"] = new { SNSTopicArn = "arn:aws:sns:us-east-1:000000000000:missing", RoleArn = "arn:aws:iam::000000000000:role/TextractSns" } } },
            new object[] { "InvalidKMSKeyException", new Dictionary<string, object?> { ["DocumentLocation"] = TextractTestHarness.Location("doc.png"), ["KMSKeyId"] = "alias/nope" } },
            new object[] { "InvalidS3ObjectException", new Dictionary<string, object?> { ["DocumentLocation"] = TextractTestHarness.Location("missing.png") } },
            new object[] { "InvalidS3ObjectException", new Dictionary<string, object?> { ["DocumentLocation"] = TextractTestHarness.Location("doc.png"), ["OutputConfig"] = new { S3Bucket = "no-such-bucket" } } },
        };

        [Theory]
        [MemberData(nameof(InvalidStarts))]
        public void Expense_and_lending_Starts_are_validated_as_the_other_Starts(string expectedType, Dictionary<string, object?> body)
        {
            PutDocument("doc.png", expense: TextractExpenseLendingRecording.Expense(1), lending: TextractExpenseLendingRecording.Lending(1));
            AssertError(expectedType, "StartExpenseAnalysis", body);
            AssertError(expectedType, "StartLendingAnalysis", body);
        }

        [Fact]
        public void Expense_and_lending_jobs_count_against_the_concurrent_job_limit()
        {
            var key = PutDocument("doc.png", expense: TextractExpenseLendingRecording.Expense(1), lending: TextractExpenseLendingRecording.Lending(1));
            _harness.Options.MaxConcurrentJobs = 1;
            StartExpense(key);
            AssertError("LimitExceededException", "StartLendingAnalysis", Body(key));
            _harness.FinishJobs();
            StartLending(key);
            AssertError("LimitExceededException", "StartExpenseAnalysis", Body(key));
        }

        [Fact]
        public void A_document_without_a_recording_of_the_kind_fails_the_job_saying_how_to_add_one()
        {
            // The document has an analysis recording only: analysis works, expense and lending say what is missing.
            var key = PutDocument("doc.png", blocks: TextractTestRecording.Build(pages: 1, linesPerPage: 1));
            var expense = StartExpense(key);
            var lending = StartLending(key);
            _harness.FinishJobs();

            var expenseReply = _harness.Call("GetExpenseAnalysis", new { JobId = expense });
            Assert.Equal("FAILED", expenseReply.JobStatus);
            Assert.Contains("no expense recording", expenseReply.StatusMessage);
            Assert.Contains("--replay", expenseReply.StatusMessage);
            Assert.Equal("1.0", expenseReply.Body.GetProperty("AnalyzeExpenseModelVersion").GetString());
            Assert.False(expenseReply.Body.TryGetProperty("ExpenseDocuments", out _));

            foreach (var operation in new[] { "GetLendingAnalysis", "GetLendingAnalysisSummary" })
            {
                var reply = _harness.Call(operation, new { JobId = lending });
                Assert.Equal("FAILED", reply.JobStatus);
                Assert.Contains("no lending recording", reply.StatusMessage);
                Assert.False(reply.Body.TryGetProperty("Summary", out _));
            }
        }

        [Fact]
        public void A_PDF_with_a_text_layer_still_needs_an_expense_recording()
        {
            var harness = new TextractTestHarness(new ReplayLibrary(includeProjectSample: false));
            var pdf = ProjectSample.CreatePdf();
            harness.Library.AddRecording(pdf, ProjectSample.CreateAnalysisJson());
            harness.PutDocument("sample.pdf", pdf);
            var jobId = harness.Start("StartExpenseAnalysis", new { DocumentLocation = TextractTestHarness.Location("sample.pdf") });
            harness.FinishJobs();
            Assert.Equal("FAILED", harness.Call("GetExpenseAnalysis", new { JobId = jobId }).JobStatus);
        }

        [Fact]
        public void Fault_plans_apply_to_expense_and_lending_Starts_by_their_operation_names()
        {
            var faults = new FaultInjector(FaultPlan.FromSpec("Textract.StartExpenseAnalysis:fail=1").WithSeed(3));
            var harness = new TextractTestHarness(faults: faults);
            var document = TextractTestHarness.UniquePng();
            harness.Library.AddRecording(document, TextractExpenseLendingRecording.Expense(2));
            harness.Library.AddRecording(document, TextractExpenseLendingRecording.Lending(3));
            harness.PutDocument("doc.png", document);
            var expense = harness.Start("StartExpenseAnalysis", new { DocumentLocation = TextractTestHarness.Location("doc.png") });
            faults.Configure(FaultPlan.FromSpec("Textract.StartLendingAnalysis:partial=1").WithSeed(3));
            var lending = harness.Start("StartLendingAnalysis", new { DocumentLocation = TextractTestHarness.Location("doc.png") });
            harness.FinishJobs();

            var failed = harness.Call("GetExpenseAnalysis", new { JobId = expense });
            Assert.Equal("FAILED", failed.JobStatus);
            Assert.Equal(JobFault.FailedMessage, failed.StatusMessage);

            var partial = harness.Call("GetLendingAnalysis", new { JobId = lending });
            Assert.Equal("PARTIAL_SUCCESS", partial.JobStatus);
            Assert.Equal(new[] { 1, 2 }, TextractTestHarness.Items(partial, "Results").Select(r => r.GetProperty("Page").GetInt32()));
            Assert.Equal(3, partial.Body.GetProperty("DocumentMetadata").GetProperty("Pages").GetInt32());
            var warning = Assert.Single(partial.Body.GetProperty("Warnings").EnumerateArray());
            Assert.Equal(new[] { 3 }, warning.GetProperty("Pages").EnumerateArray().Select(p => p.GetInt32()));
            var summary = harness.Call("GetLendingAnalysisSummary", new { JobId = lending });
            Assert.Equal("PARTIAL_SUCCESS", summary.JobStatus);
            var summarizedPages = summary.Body.GetProperty("Summary").GetProperty("DocumentGroups").EnumerateArray()
                .SelectMany(g => g.GetProperty("SplitDocuments").EnumerateArray()).SelectMany(s => s.GetProperty("Pages").EnumerateArray()).Select(p => p.GetInt32());
            Assert.Equal(new[] { 1, 2 }, summarizedPages.OrderBy(p => p));
            Assert.Equal(1, faults.Statistics.JobsFailed);
            Assert.Equal(1, faults.Statistics.JobsPartial);
        }
    }
}
