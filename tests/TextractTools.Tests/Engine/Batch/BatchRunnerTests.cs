using System;
using TextractTools.Engine;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Api;
using TextractTools.Engine.Batch;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Session;
using TextractTools.Engine.Document;
using TextractTools.LocalEndpoint.Samples;
using TextractTools.Tests.Support;
using Xunit;
using TextractService = TextractTools.LocalEndpoint.Textract.TextractService;

namespace TextractTools.Tests.Engine.Batch
{
    /// <summary>
    /// Batches against the local endpoint: everything delivered once; runs that die after any journal record (or
    /// just before it is written) and are run again end the same way, with one job per document.
    /// </summary>
    public sealed class BatchRunnerTests : IClassFixture<LocalEndpointFixture>, IDisposable
    {
        private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);
        private readonly LocalEndpointFixture _endpoint;
        private readonly AwsSession _session;
        private readonly CancellationTokenSource _timeout = new CancellationTokenSource(TestTimeout);
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "tt-batch-" + Guid.NewGuid().ToString("N"));

        public BatchRunnerTests(LocalEndpointFixture endpoint)
        {
            _endpoint = endpoint;
            _endpoint.Options.JobDuration = TimeSpan.FromMilliseconds(150);
            _session = _endpoint.CreateSession();
            _endpoint.Server.Storage.CreateBucket("batch-in");
            _endpoint.Server.Storage.CreateBucket("batch-out");
            Directory.CreateDirectory(_folder);
        }

        public void Dispose()
        {
            _session.Dispose();
            _timeout.Dispose();
            if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
        }

        private CancellationToken Ct => _timeout.Token;

        private int EndpointJobCount => _endpoint.Server.JsonServices.OfType<TextractService>().Single().JobCount;

        /// <summary>Writes <paramref name="count"/> unique PDFs and returns them with the text each holds.</summary>
        private List<(string Path, string Text)> WriteDocuments(string scenario, int count)
        {
            var inbox = Path.Combine(_folder, scenario, "inbox");
            Directory.CreateDirectory(inbox);
            var tag = Guid.NewGuid().ToString("N").Substring(0, 8);
            var documents = new List<(string, string)>();
            for (var i = 1; i <= count; i++)
            {
                var text = $"Batch {scenario} document {i} {tag}";
                var path = Path.Combine(inbox, $"doc-{i:00}.pdf");
                File.WriteAllBytes(path, TestPdfs.Pages(text));
                documents.Add((path, text));
            }
            return documents;
        }

        private BatchOptions Options(string scenario, bool outputToBucket, int throttleLimit = 5) => new BatchOptions
        {
            Job = new JobOptions { Output = outputToBucket ? S3Location.Of("batch-out", scenario) : null },
            UploadLocation = S3Location.Parse($"s3://batch-in/{scenario}/", "UploadUri"),
            ThrottleLimit = throttleLimit,
            OutputFolder = Path.Combine(_folder, scenario, "output"),
            PollSchedule = new PollSchedule(TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(200)),
            OutputSettleTime = TimeSpan.FromSeconds(2),
            Region = _session.Region,
            EndpointUrl = _session.EndpointUrl,
        };

        private string StateFile(string scenario) => Path.Combine(_folder, scenario, "state.jsonl");

        private static IReadOnlyList<BatchDocument> Inputs(IEnumerable<(string Path, string Text)> documents, BatchOptions options) =>
            documents.Select(d => BatchDocument.FromLocalFile(d.Path, options.UploadLocation!)).ToList();

        private sealed class Run
        {
            public List<TextractBatchItem> Items { get; } = new List<TextractBatchItem>();
            public List<Exception> Errors { get; } = new List<Exception>();
            public BatchRunResult? Result { get; set; }
        }

        private async Task<Run> RunAsync(BatchOptions options, string stateFile, IReadOnlyList<BatchDocument> inputs,
            Action<BatchJournal>? arrange = null, CancellationToken? cancellationToken = null, ITextractApi? textract = null, Run? into = null)
        {
            var run = into ?? new Run();
            using var journal = BatchJournal.Open(stateFile);
            arrange?.Invoke(journal);
            var runner = new BatchRunner(textract ?? _session.Textract, _session.S3, journal, options)
            {
                ItemCompleted = (item, error) =>
                {
                    run.Items.Add(item);
                    if (error != null) run.Errors.Add(error);
                },
                ItemDeferred = (_, error) => run.Errors.Add(error),
            };
            run.Result = await runner.RunAsync(inputs, cancellationToken ?? Ct);
            return run;
        }

        private static List<BatchRecord> ReadJournal(string stateFile)
        {
            using var journal = BatchJournal.Open(stateFile);
            return journal.Records.ToList();
        }

        /// <summary>Every document delivered exactly once, with one job, its output folder holding its own text.</summary>
        private static void AssertDeliveredOnce(string stateFile, BatchOptions options, IReadOnlyList<(string Path, string Text)> documents)
        {
            var records = ReadJournal(stateFile);
            var state = BatchState.From(records);
            Assert.Equal(documents.Count, state.Documents.Count);
            Assert.All(state.Documents, d => Assert.Equal(BatchStage.Delivered, d.Stage));
            foreach (var group in records.Where(r => r.Type != BatchRecordType.Batch).GroupBy(r => r.Token))
            {
                Assert.Single(group, r => r.Type == BatchRecordType.Discovered);
                Assert.Single(group, r => r.Type == BatchRecordType.Delivered);
                var jobIds = group.Where(r => r.JobId != null).Select(r => r.JobId).Distinct().ToList();
                Assert.Single(jobIds);
            }

            var folders = Directory.GetDirectories(options.OutputFolder);
            Assert.Equal(documents.Count, folders.Length);
            Assert.DoesNotContain(folders, f => Path.GetFileName(f).StartsWith(".", StringComparison.Ordinal));
            foreach (var (path, text) in documents)
            {
                var document = state.Documents.Single(d => d.Source == path);
                // A folder named after the document, the raw pages as 1.json ..., job.json naming the document and job.
                Assert.Equal(Path.Combine(options.OutputFolder, Path.GetFileName(path)), document.OutputFolder);
                var page = File.ReadAllText(Path.Combine(document.OutputFolder!, "1.json"));
                Assert.Contains(text, page);
                Assert.False(File.Exists(Path.Combine(document.OutputFolder!, "2.json")));
                var job = File.ReadAllText(Path.Combine(document.OutputFolder!, "job.json"));
                Assert.Contains(document.JobId!, job);
                Assert.Contains(System.Text.Json.JsonSerializer.Serialize(path), job);
            }
        }

        [Fact]
        public async Task Every_document_is_delivered_once_and_a_rerun_does_nothing()
        {
            var documents = WriteDocuments("all", 30);
            var options = Options("all", outputToBucket: true);
            var jobsBefore = EndpointJobCount;

            var first = await RunAsync(options, StateFile("all"), Inputs(documents, options));

            Assert.Empty(first.Errors);
            Assert.Equal(30, first.Items.Count);
            Assert.All(first.Items, i =>
            {
                Assert.True(i.Delivered);
                Assert.Equal("SUCCEEDED", i.Status);
                Assert.StartsWith("s3://batch-in/all/", i.S3Uri);
                Assert.True(Directory.Exists(i.OutputFolder));
            });
            Assert.Equal(documents.Select(d => d.Path).OrderBy(p => p), first.Items.Select(i => i.Document).OrderBy(p => p));
            Assert.False(first.Result!.TimedOut);
            Assert.Empty(first.Result.Unfinished);
            AssertDeliveredOnce(StateFile("all"), options, documents);
            Assert.Equal(30, EndpointJobCount - jobsBefore);

            var recordsBefore = ReadJournal(StateFile("all")).Count;
            var second = await RunAsync(options, StateFile("all"), Inputs(documents, options));
            Assert.Empty(second.Items);
            Assert.Equal(recordsBefore, ReadJournal(StateFile("all")).Count);
            Assert.Equal(30, EndpointJobCount - jobsBefore);
        }

        [Fact]
        public async Task Each_document_s_folder_holds_the_deliverables_asked_for_and_reads_back()
        {
            var inbox = Path.Combine(_folder, "deliver", "inbox");
            Directory.CreateDirectory(inbox);
            var sample = Path.Combine(inbox, "invoice-0142.pdf");
            File.WriteAllBytes(sample, ProjectSample.CreatePdf());
            var options = Options("deliver", outputToBucket: true);
            options.Job.Features = new[] { "Tables", "Forms" };
            options.Deliverables = new[] { BatchDeliverable.Text, BatchDeliverable.Tables, BatchDeliverable.KeyValues };

            var run = await RunAsync(options, StateFile("deliver"), new[] { BatchDocument.FromLocalFile(sample, options.UploadLocation!) });

            Assert.Empty(run.Errors);
            var folder = Assert.Single(run.Items).OutputFolder!;
            Assert.Equal(Path.Combine(options.OutputFolder, "invoice-0142.pdf"), folder);
            Assert.Equal(ProjectSample.ExpectedLines, File.ReadAllText(Path.Combine(folder, "text.txt")).Split('\n').Where(l => l.Length > 0));
            var table = Assert.Single(Directory.GetFiles(Path.Combine(folder, "tables")));
            Assert.Matches(@"page\d+_table1(_.+)?\.csv$", Path.GetFileName(table));
            var csv = File.ReadAllLines(table);
            Assert.Equal("\"Item\",\"Quantity\",\"Unit Price\",\"Amount\"", csv[0]);
            Assert.Equal(6, csv.Length);
            var keyValues = File.ReadAllLines(Path.Combine(folder, "key-values.csv"));
            Assert.StartsWith("\"Page\",\"Key\",\"Value\"", keyValues[0]);
            Assert.Contains(keyValues, l => l.Contains("\"Invoice Number:\",\"INV-1042\""));
            // The folder reads back as the output it holds (the deliverables beside the pages are ignored).
            var document = TextractDocumentReader.ReadFolder(folder);
            Assert.Equal(ProjectSample.ExpectedLines, document.Lines.Select(l => l.Text));
        }

        [Fact]
        public async Task Files_with_the_same_content_are_one_job_and_each_name_gets_its_folder()
        {
            var documents = WriteDocuments("same", 2);
            var copy = Path.Combine(Path.GetDirectoryName(documents[0].Path)!, "copy-of-doc-01.pdf");
            File.Copy(documents[0].Path, copy);
            var options = Options("same", outputToBucket: true);
            options.Deliverables = new[] { BatchDeliverable.Text };
            var inputs = BatchDocument.CombineIdenticalContent(documents.Select(d => d.Path).Concat(new[] { copy })
                .Select(p => BatchDocument.FromLocalFile(p, options.UploadLocation!)));
            var jobsBefore = EndpointJobCount;

            var run = await RunAsync(options, StateFile("same"), inputs);

            Assert.Equal(2, inputs.Count);
            Assert.Empty(run.Errors);
            Assert.Equal(2, EndpointJobCount - jobsBefore);
            Assert.Equal(3, run.Items.Count(i => i.Delivered));
            var original = run.Items.Single(i => i.Document == documents[0].Path);
            var twin = run.Items.Single(i => i.Document == copy);
            Assert.Equal(original.JobId, twin.JobId);
            Assert.Equal(Path.Combine(options.OutputFolder, "copy-of-doc-01.pdf"), twin.OutputFolder);
            Assert.Contains(documents[0].Text, File.ReadAllText(Path.Combine(twin.OutputFolder!, "text.txt")));
            Assert.Contains("copy-of-doc-01.pdf", File.ReadAllText(Path.Combine(twin.OutputFolder!, "job.json")));

            // A rerun finds every folder in place and does nothing.
            var again = await RunAsync(options, StateFile("same"), inputs);
            Assert.Empty(again.Items);
            Assert.Equal(2, EndpointJobCount - jobsBefore);
        }

        [Fact]
        public async Task A_file_added_later_with_delivered_content_gets_its_folder_from_the_same_job()
        {
            var documents = WriteDocuments("later", 1);
            var options = Options("later", outputToBucket: false);
            options.Deliverables = new[] { BatchDeliverable.Text };
            var first = await RunAsync(options, StateFile("later"), Inputs(documents, options));
            var delivered = Assert.Single(first.Items);
            var jobsBefore = EndpointJobCount;

            // The new name comes first, as Get-ChildItem might list it: the document the journal knows stays the one job.
            var copy = Path.Combine(Path.GetDirectoryName(documents[0].Path)!, "again.pdf");
            File.Copy(documents[0].Path, copy);
            IReadOnlyList<BatchDocument> inputs;
            using (var before = BatchJournal.Open(StateFile("later")))
            {
                inputs = BatchDocument.CombineIdenticalContent(new[] { copy, documents[0].Path }.Select(p => BatchDocument.FromLocalFile(p, options.UploadLocation!)),
                    BatchState.From(before.Records), options);
            }
            Assert.Equal(documents[0].Path, Assert.Single(inputs).LocalPath);
            var second = await RunAsync(options, StateFile("later"), inputs);
            // The runner starts nothing for what is delivered, and the name added since gets its folder from the same job.
            var twin = Assert.Single(second.Items);
            Assert.Equal(copy, twin.Document);
            Assert.Equal(delivered.JobId, twin.JobId);
            Assert.Equal(File.ReadAllText(Path.Combine(delivered.OutputFolder!, "text.txt")), File.ReadAllText(Path.Combine(twin.OutputFolder!, "text.txt")));
            Assert.Contains("again.pdf", File.ReadAllText(Path.Combine(twin.OutputFolder!, "job.json")));
            Assert.Equal(jobsBefore, EndpointJobCount);
            // Once in place, the folder is not delivered again.
            using var journal = BatchJournal.Open(StateFile("later"));
            Assert.Empty(BatchDeliveries.DeliverMissingAliases(inputs, BatchState.From(journal.Records), options));
        }

        [Fact]
        public async Task Two_documents_with_one_name_get_two_folders()
        {
            var first = WriteDocuments("names-a", 1)[0];
            var second = WriteDocuments("names-b", 1)[0];
            Assert.Equal(Path.GetFileName(first.Path), Path.GetFileName(second.Path));
            var options = Options("names", outputToBucket: false);

            var run = await RunAsync(options, StateFile("names"), new[] { first.Path, second.Path }
                .Select(p => BatchDocument.FromLocalFile(p, options.UploadLocation!)).ToList());

            Assert.Empty(run.Errors);
            var folders = run.Items.Select(i => i.OutputFolder!).ToList();
            Assert.Equal(2, folders.Distinct().Count());
            Assert.Contains(Path.Combine(options.OutputFolder, "doc-01.pdf"), folders);
            Assert.Contains(folders, f => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(f), @"^doc-01-[0-9a-f]{6}\.pdf$"));
            Assert.Contains(first.Text, File.ReadAllText(Path.Combine(run.Items.Single(i => i.Document == first.Path).OutputFolder!, "1.json")));
            Assert.Contains(second.Text, File.ReadAllText(Path.Combine(run.Items.Single(i => i.Document == second.Path).OutputFolder!, "1.json")));
        }

        private sealed class SimulatedCrash : Exception
        {
        }

        /// <summary>
        /// Runs the batch again and again, each run dying at another point (after its k-th record is written, or just
        /// before it is), until one completes. Dying through a cancelled token and through an exception both count.
        /// </summary>
        [Theory]
        [InlineData("crash-after", false, false, 3)]
        [InlineData("crash-before", true, false, 4)]
        [InlineData("cancel-after", false, true, 5)]
        [InlineData("crash-api", true, false, 7)]
        public async Task A_batch_that_dies_at_any_point_and_is_rerun_delivers_each_document_once_with_one_job(
            string scenario, bool beforeWrite, bool byCancellation, int step)
        {
            var documents = WriteDocuments(scenario, 20);
            var options = Options(scenario, outputToBucket: scenario != "crash-api", throttleLimit: 6);
            var inputs = Inputs(documents, options);
            var jobsBefore = EndpointJobCount;
            var stops = 0;
            var all = new Run();

            for (var attempt = 1; attempt <= 200; attempt++)
            {
                // Each run stops after a different number of records: 1, then step+1, ... so every kind of step is hit.
                var stopAt = 1 + (attempt - 1) * step % 11;
                using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
                var written = 0;
                void Stop(BatchRecord _)
                {
                    if (++written != stopAt) return;
                    if (byCancellation) cancel.Cancel();
                    else throw new SimulatedCrash();
                }

                try
                {
                    await RunAsync(options, StateFile(scenario), inputs, journal =>
                    {
                        if (beforeWrite) journal.Appending += Stop;
                        else journal.Appended += Stop;
                    }, cancel.Token, into: all);
                    if (written < stopAt) break;
                }
                catch (SimulatedCrash)
                {
                    stops++;
                }
                catch (OperationCanceledException) when (byCancellation && !Ct.IsCancellationRequested)
                {
                    stops++;
                }
            }

            Assert.True(stops >= 5, $"the batch should have been stopped many times, was stopped {stops} times");
            Assert.Empty(all.Errors);
            AssertDeliveredOnce(StateFile(scenario), options, documents);
            Assert.Equal(20, EndpointJobCount - jobsBefore);
            // What the runs reported names the one folder the journal names (a run that died just after recording a
            // delivery never got to report it: the folder and the journal are the truth, not the output stream).
            var folders = BatchState.From(ReadJournal(StateFile(scenario))).Documents.ToDictionary(d => d.Source!, d => d.OutputFolder);
            var delivered = all.Items.Where(i => i.Delivered).ToList();
            Assert.NotEmpty(delivered);
            Assert.All(delivered, i => Assert.Equal(folders[i.Document], i.OutputFolder));
        }

        [Fact]
        public async Task A_document_that_cannot_be_started_is_reported_and_the_batch_goes_on()
        {
            var documents = WriteDocuments("unsupported", 4);
            var bad = Path.Combine(_folder, "unsupported", "inbox", "notes.pdf");
            File.WriteAllText(bad, "not a document at all");
            var options = Options("unsupported", outputToBucket: false);
            var inputs = Inputs(documents, options).Concat(new[] { BatchDocument.FromLocalFile(bad, options.UploadLocation!) }).ToList();

            var run = await RunAsync(options, StateFile("unsupported"), inputs);

            var failed = Assert.Single(run.Items, i => !i.Delivered);
            Assert.Equal(bad, failed.Document);
            Assert.Equal(BatchStatus.FailedToStart, failed.Status);
            Assert.Null(failed.JobId);
            var error = Assert.Single(run.Errors);
            Assert.Equal("UnsupportedDocumentException", Assert.IsAssignableFrom<TextractServiceException>(error).ErrorCode);
            Assert.Equal(4, run.Items.Count(i => i.Delivered));
            // Through the Get API (no output bucket): the pages are the Get answers.
            Assert.All(run.Items.Where(i => i.Delivered), i => Assert.True(File.Exists(Path.Combine(i.OutputFolder!, "1.json"))));

            var state = BatchState.From(ReadJournal(StateFile("unsupported")));
            var journaled = state.Documents.Single(d => d.Source == bad);
            Assert.True(journaled.FailedToStart);
            Assert.Contains("Unsupported", journaled.Message, StringComparison.OrdinalIgnoreCase);

            // A rerun tries the failed start again (no job exists for it) and leaves the delivered ones alone.
            var again = await RunAsync(options, StateFile("unsupported"), inputs);
            Assert.Equal(bad, Assert.Single(again.Items).Document);
        }

        [Fact]
        public async Task LimitExceeded_on_start_holds_new_starts_until_a_job_ends()
        {
            var documents = WriteDocuments("limit", 8);
            var options = Options("limit", outputToBucket: true, throttleLimit: 8);
            var limited = new ConcurrentJobLimit(_session.Textract, 2);

            var run = await RunAsync(options, StateFile("limit"), Inputs(documents, options), textract: limited);

            Assert.Empty(run.Errors);
            Assert.Equal(8, run.Items.Count(i => i.Delivered));
            Assert.True(limited.Refusals > 0, "the limit should have refused some starts");
            Assert.True(limited.MostRunning <= 2);
            AssertDeliveredOnce(StateFile("limit"), options, documents);
        }

        [Fact]
        public async Task A_rerun_with_other_options_is_refused_before_anything_is_done()
        {
            var documents = WriteDocuments("options", 2);
            var options = Options("options", outputToBucket: false);
            await RunAsync(options, StateFile("options"), Inputs(documents, options));
            var jobs = EndpointJobCount;

            options.Job.Features = new[] { "Forms" };
            var error = await Assert.ThrowsAsync<BatchJournalException>(() => RunAsync(options, StateFile("options"), Inputs(documents, options)));
            Assert.Contains("other options", error.Message);
            Assert.Contains("features=FORMS", error.Message);
            Assert.Equal(jobs, EndpointJobCount);
        }

        [Fact]
        public async Task A_run_cancelled_while_jobs_run_leaves_them_for_the_rerun_to_wait_for()
        {
            var documents = WriteDocuments("cancel", 3);
            var options = Options("cancel", outputToBucket: true);
            var inputs = Inputs(documents, options);
            _endpoint.Options.JobDuration = TimeSpan.FromSeconds(3);
            try
            {
                using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(options, StateFile("cancel"), inputs, journal =>
                    journal.Appended += r => { if (r.Type == BatchRecordType.Started && journal.Records.Count(x => x.Type == BatchRecordType.Started) == 3) cancel.Cancel(); },
                    cancel.Token));
                var state = BatchState.From(ReadJournal(StateFile("cancel")));
                Assert.All(state.Documents, d => Assert.Equal(BatchStage.Started, d.Stage));
            }
            finally
            {
                _endpoint.Options.JobDuration = TimeSpan.FromMilliseconds(150);
            }

            var jobs = EndpointJobCount;
            var rerun = await RunAsync(options, StateFile("cancel"), inputs);
            Assert.Equal(3, rerun.Items.Count(i => i.Delivered));
            Assert.Equal(jobs, EndpointJobCount);
            AssertDeliveredOnce(StateFile("cancel"), options, documents);
        }

        /// <summary>Textract's concurrent-job quota in front of the real API: a Start beyond it is LimitExceededException.</summary>
        private sealed class ConcurrentJobLimit : ITextractApi
        {
            private readonly ITextractApi _inner;
            private readonly int _limit;
            private readonly HashSet<string> _running = new HashSet<string>();

            public ConcurrentJobLimit(ITextractApi inner, int limit)
            {
                _inner = inner;
                _limit = limit;
            }

            public int Refusals { get; private set; }
            public int MostRunning { get; private set; }

            public Task<string> StartJobAsync(StartJobRequest request, CancellationToken cancellationToken) =>
                StartAsync(() => _inner.StartJobAsync(request, cancellationToken));

            public Task<JobResultPage> GetJobPageAsync(TextractJobKind kind, GetJobPageRequest request, CancellationToken cancellationToken) =>
                GetAsync(request, () => _inner.GetJobPageAsync(kind, request, cancellationToken));

            public Task<JobResultPage> GetJobSummaryAsync(TextractJobKind kind, string jobId, CancellationToken cancellationToken) =>
                _inner.GetJobSummaryAsync(kind, jobId, cancellationToken);

            private async Task<string> StartAsync(Func<Task<string>> start)
            {
                lock (_running)
                {
                    if (_running.Count >= _limit)
                    {
                        Refusals++;
                        throw new LimitExceededException("Too many concurrent jobs.", 400, "test");
                    }
                }
                var jobId = await start();
                lock (_running)
                {
                    _running.Add(jobId);
                    MostRunning = Math.Max(MostRunning, _running.Count);
                }
                return jobId;
            }

            private async Task<JobResultPage> GetAsync(GetJobPageRequest request, Func<Task<JobResultPage>> get)
            {
                var page = await get();
                if (page.JobStatus != "IN_PROGRESS") lock (_running) _running.Remove(request.JobId);
                return page;
            }

            public void Dispose()
            {
            }
        }
    }
}
