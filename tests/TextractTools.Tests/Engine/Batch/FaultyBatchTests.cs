using System;
using TextractTools.Engine;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Api;
using TextractTools.Engine.Batch;
using TextractTools.Engine.Document;
using TextractTools.Engine.Jobs;
using TextractTools.LocalEndpoint.Faults;
using TextractTools.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using TextractService = TextractTools.LocalEndpoint.Textract.TextractService;

namespace TextractTools.Tests.Engine.Batch
{
    /// <summary>
    /// The headline of unattended runs: 200 documents through the batch runner with 30% throttling, 5% 5xx and
    /// dropped connections on Textract, S3 and KMS, and a concurrent-job quota below the batch's throttle limit, end
    /// with the same output, document by document, as a run without faults, and one job per document.
    /// </summary>
    public sealed class FaultyBatchTests : IClassFixture<LocalEndpointFixture>, IDisposable
    {
        private const int DocumentCount = 200;
        private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(3);
        private const string FaultPlanJson = @"{""seed"": 2024, ""operations"": {
            ""Textract.*"": {""throttle"": 0.3, ""5xx"": 0.05, ""drop"": 0.02},
            ""S3.*"":       {""throttle"": 0.3, ""5xx"": 0.05, ""drop"": 0.02},
            ""Kms.*"":      {""throttle"": 0.3, ""5xx"": 0.05, ""drop"": 0.02}}}";

        private readonly LocalEndpointFixture _endpoint;
        private readonly FaultTestClients _clients;
        private readonly CancellationTokenSource _timeout = new(TestTimeout);
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "tt-faulty-batch-" + Guid.NewGuid().ToString("N"));

        private readonly ITestOutputHelper _output;
        private bool _held;

        public FaultyBatchTests(LocalEndpointFixture endpoint, ITestOutputHelper output)
        {
            _endpoint = endpoint;
            _output = output;
            _endpoint.Options.JobDuration = TimeSpan.FromMilliseconds(100);
            _endpoint.Server.Storage.CreateBucket("faulty-in");
            _endpoint.Server.Storage.CreateBucket("faulty-out");
            if (!_endpoint.Server.Keys.TryResolve("alias/faulty", out _))
                _endpoint.Server.Keys.CreateAlias("alias/faulty", _endpoint.Server.Keys.CreateKey("faulty batch").KeyId);
            _clients = new FaultTestClients(endpoint);
            Directory.CreateDirectory(_folder);
        }

        public void Dispose()
        {
            _endpoint.Server.Faults.Clear();
            _endpoint.Options.MaxConcurrentJobs = null;
            _clients.Dispose();
            _timeout.Dispose();
            if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
        }

        private int EndpointJobCount => _endpoint.Server.JsonServices.OfType<TextractService>().Single().JobCount;

        [Fact]
        public async Task Two_hundred_documents_under_faults_end_as_without_them_with_one_job_each()
        {
            var documents = WriteDocuments(DocumentCount);

            var clean = await RunAsync("clean", documents);

            _endpoint.Server.Faults.Configure(FaultPlan.FromJson(FaultPlanJson));
            _endpoint.Server.Faults.ResetStatistics();
            // A quota below the throttle limit, with jobs long enough to fill it: LimitExceededException must hold starts.
            _endpoint.Options.MaxConcurrentJobs = 10;
            _endpoint.Options.JobDuration = TimeSpan.FromMilliseconds(400);
            var jobsBefore = EndpointJobCount;
            var faulty = await RunAsync("faulty", documents);
            var jobsStarted = EndpointJobCount - jobsBefore;
            var stats = _endpoint.Server.Faults.Statistics;
            _endpoint.Server.Faults.Clear();

            _output.WriteLine($"{stats.TotalCalls} calls, {stats.TotalFaulted} faulted: " + string.Join("; ", stats.Operations.Values
                .OrderBy(o => o.Operation).Select(o => $"{o.Operation} {o.Calls} (throttled {o.Throttled}, 5xx {o.ServerErrors}, dropped {o.Dropped})")));
            Assert.Equal(DocumentCount, jobsStarted); // no document started twice, none skipped
            Assert.True(_held, "the concurrent-job quota never held a start");
            foreach (var (path, text) in documents)
            {
                var name = Path.GetFileName(path);
                var expected = clean[name];
                var actual = faulty[name];
                Assert.Equal(expected.Blocks, actual.Blocks);          // the same raw blocks, page by page
                Assert.Equal(new[] { text }, actual.Lines);            // the document's own text, whole
                Assert.Equal(expected.Lines, actual.Lines);
            }

            // The faults did happen, enough of them for the result to mean something.
            Assert.True(stats.TotalFaulted > DocumentCount, $"only {stats.TotalFaulted} faults in {stats.TotalCalls} calls");
            Assert.True(stats.Operations.Values.Where(o => o.Operation.StartsWith("Textract.Start", StringComparison.Ordinal)).Sum(o => o.Faulted) > 0);
            Assert.True(stats["S3.GetObject"].Dropped + stats["S3.GetObject"].Throttled > 0);
            Assert.True(stats.Operations.Values.Sum(o => o.Dropped) > 0);
        }

        private sealed record Delivered(IReadOnlyList<string> Blocks, IReadOnlyList<string> Lines);

        /// <summary>Runs the whole batch once (its own upload prefix, journal and output folder); returns each document's output.</summary>
        private async Task<Dictionary<string, Delivered>> RunAsync(string scenario, IReadOnlyList<(string Path, string Text)> documents)
        {
            var options = new BatchOptions
            {
                Job = new JobOptions { KmsKeyId = "alias/faulty", Output = S3Location.Of("faulty-out", scenario) },
                UploadLocation = S3Location.Parse($"s3://faulty-in/{scenario}/", "UploadUri"),
                ThrottleLimit = 20,
                OutputFolder = Path.Combine(_folder, scenario, "output"),
                PollSchedule = new PollSchedule(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100)),
                OutputSettleTime = TimeSpan.FromSeconds(5),
                Region = _clients.Session.Region,
                EndpointUrl = _clients.Session.EndpointUrl,
            };
            var items = new List<TextractBatchItem>();
            var errors = new List<Exception>();
            using (var journal = BatchJournal.Open(Path.Combine(_folder, scenario, "state.jsonl")))
            {
                var runner = new BatchRunner(_clients.Textract, _clients.S3, journal, options)
                {
                    ItemCompleted = (item, error) =>
                    {
                        items.Add(item);
                        if (error != null) errors.Add(error);
                    },
                    ItemDeferred = (_, error) => errors.Add(error),
                    ProgressChanged = progress => _held |= progress.Held && scenario == "faulty",
                };
                var inputs = documents.Select(d => BatchDocument.FromLocalFile(d.Path, options.UploadLocation!)).ToList();
                var result = await runner.RunAsync(inputs, _timeout.Token);
                Assert.Empty(result.Unfinished);
            }

            Assert.Empty(errors.Select(e => e.Message));
            Assert.Equal(documents.Count, items.Count);
            Assert.All(items, i => Assert.True(i.Delivered && i.Status == "SUCCEEDED", i.Document + ": " + i.Status + " " + i.StatusMessage));
            return items.ToDictionary(i => Path.GetFileName(i.Document), i => Read(i.OutputFolder!));
        }

        private static Delivered Read(string folder)
        {
            var pages = Directory.GetFiles(folder, "*.json").Where(f => Path.GetFileName(f) != "job.json")
                .OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f))).ToList();
            var blocks = pages.Select(p =>
            {
                using var json = JsonDocument.Parse(File.ReadAllBytes(p));
                return json.RootElement.GetProperty("Blocks").GetRawText();
            }).ToList();
            var lines = TextractDocumentReader.ReadFolder(folder).Lines.Select(l => l.Text).ToList();
            return new Delivered(blocks, lines);
        }

        private List<(string Path, string Text)> WriteDocuments(int count)
        {
            var inbox = Path.Combine(_folder, "inbox");
            Directory.CreateDirectory(inbox);
            var tag = Guid.NewGuid().ToString("N").Substring(0, 8);
            var documents = new List<(string, string)>();
            for (var i = 1; i <= count; i++)
            {
                var text = $"Faulty batch document {i} {tag}";
                var path = Path.Combine(inbox, $"doc-{i:000}.pdf");
                File.WriteAllBytes(path, TestPdfs.Pages(text));
                documents.Add((path, text));
            }
            return documents;
        }
    }
}
