using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine;
using TextractTools.Engine.Api;
using TextractTools.Engine.Batch;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Session;
using TextractTools.Tests.Support;
using Xunit;
using TextractService = TextractTools.LocalEndpoint.Textract.TextractService;
using TextractTools.Tests.LocalEndpoint.Faults;

namespace TextractTools.Tests.Engine.Batch
{
    /// <summary>
    /// Several hosts (runners with stores of their own) working one shared batch in one process, against the local
    /// endpoint's Textract and S3, the shared state in memory or in the endpoint's S3 (conditional writes over the
    /// wire, SSE-KMS): one of them dies in the middle and the others take its documents over; one job per document,
    /// every document delivered once, and a rerun does nothing.
    /// </summary>
    public sealed class SharedBatchRunnerTests : IClassFixture<LocalEndpointFixture>, IDisposable
    {
        private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);
        private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);
        private readonly LocalEndpointFixture _endpoint;
        private readonly AwsSession _session;
        private readonly CancellationTokenSource _timeout = new CancellationTokenSource(TestTimeout);
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "tt-shared-" + Guid.NewGuid().ToString("N"));
        private const string StateKey = "alias/shared-state";
        private IBatchStateObjects _objects = new InMemoryBatchStateObjects(S3Location.Parse("s3://state/shared/", "StateUri"), () => DateTimeOffset.UtcNow);

        public SharedBatchRunnerTests(LocalEndpointFixture endpoint)
        {
            _endpoint = endpoint;
            _endpoint.Options.JobDuration = TimeSpan.FromMilliseconds(300);
            _session = _endpoint.CreateSession();
            _endpoint.Server.Storage.CreateBucket("shared-in");
            _endpoint.Server.Storage.CreateBucket("shared-out");
            _endpoint.Server.Storage.CreateBucket("shared-state");
            if (!_endpoint.Server.Keys.TryResolve(StateKey, out _))
                _endpoint.Server.Keys.CreateAlias(StateKey, _endpoint.Server.Keys.CreateKey("shared batch state").KeyId);
            Directory.CreateDirectory(_folder);
        }

        public void Dispose()
        {
            _session.Dispose();
            _timeout.Dispose();
            if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
        }

        private int EndpointJobCount => _endpoint.Server.JsonServices.OfType<TextractService>().Single().JobCount;

        private BatchOptions Options(string scenario) => new BatchOptions
        {
            Job = new JobOptions { Output = S3Location.Of("shared-out", scenario) },
            UploadLocation = S3Location.Parse($"s3://shared-in/{scenario}/", "UploadUri"),
            ThrottleLimit = 4,
            // One folder for every host, as a share they all mount would be.
            OutputFolder = Path.Combine(_folder, scenario, "output"),
            PollSchedule = new PollSchedule(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200)),
            OutputSettleTime = TimeSpan.FromSeconds(2),
            Region = _session.Region,
            EndpointUrl = _session.EndpointUrl,
        };

        private List<(string Path, string Text)> WriteDocuments(string scenario, int count)
        {
            var inbox = Path.Combine(_folder, scenario, "inbox");
            Directory.CreateDirectory(inbox);
            var tag = Guid.NewGuid().ToString("N").Substring(0, 8);
            return Enumerable.Range(1, count).Select(i =>
            {
                var text = $"Shared {scenario} document {i} {tag}";
                var path = Path.Combine(inbox, $"doc-{i:00}.pdf");
                File.WriteAllBytes(path, TestPdfs.Pages(text));
                return (path, text);
            }).ToList();
        }

        /// <summary>The batch's state in memory, or under s3://shared-state/{scenario}/ in the endpoint, SSE-KMS under the batch's key.</summary>
        private void StateIn(string where, string scenario)
        {
            if (where == "s3") _objects = new S3BatchStateObjects(_session.S3, S3Location.Parse($"s3://shared-state/{scenario}/", "StateUri"), StateKey);
        }

        private sealed class Host
        {
            public Host(string name, HostDoor door) => (Name, Door) = (name, door);

            public string Name { get; }
            public HostDoor Door { get; }
            public ConcurrentQueue<TextractBatchItem> Items { get; } = new ConcurrentQueue<TextractBatchItem>();
            public ConcurrentQueue<Exception> Errors { get; } = new ConcurrentQueue<Exception>();
            public BatchRunResult? Result { get; set; }
            public Exception? Died { get; set; }
        }

        /// <summary>Runs one host to its end (or its death, when its door is shut).</summary>
        private async Task<Host> RunHostAsync(string name, BatchOptions options, IReadOnlyList<BatchDocument> inputs, Action<Host>? arrange = null)
        {
            var host = new Host(name, new HostDoor(_objects));
            arrange?.Invoke(host);
            using var store = new S3BatchStore(host.Door, new BatchHostRecord { HostId = name + "-" + Guid.NewGuid().ToString("N").Substring(0, 4), Machine = name, Lease = Lease, Started = DateTimeOffset.UtcNow });
            var runner = new BatchRunner(_session.Textract, _session.S3, store, options)
            {
                ItemCompleted = (item, error) =>
                {
                    host.Items.Enqueue(item);
                    if (error != null) host.Errors.Enqueue(error);
                },
                ItemDeferred = (_, error) => host.Errors.Enqueue(error),
            };
            try
            {
                host.Result = await runner.RunAsync(inputs, _timeout.Token);
            }
            catch (HostKilledException e)
            {
                host.Died = e;
            }
            return host;
        }

        private static IReadOnlyList<BatchDocument> Inputs(IEnumerable<(string Path, string Text)> documents, BatchOptions options) =>
            documents.Select(d => BatchDocument.FromLocalFile(d.Path, options.UploadLocation!)).ToList();

        private async Task<BatchState> ReadStateAsync()
        {
            using var reader = new S3BatchStore(_objects, host: null);
            await reader.RefreshAsync(_timeout.Token);
            return reader.State;
        }

        [Theory]
        [InlineData("memory")]
        [InlineData("s3")]
        public async Task Three_hosts_one_dying_mid_run_deliver_every_document_once_with_one_job_each(string where)
        {
            var scenario = "three-" + where;
            StateIn(where, scenario);
            var documents = WriteDocuments(scenario, 30);
            var options = Options(scenario);
            var inputs = Inputs(documents, options);
            var jobsBefore = EndpointJobCount;

            // Host c dies (its state calls fail from then on, its heartbeat stops) once it has started two jobs.
            var hosts = await Task.WhenAll(
                RunHostAsync("a", options, inputs),
                RunHostAsync("b", options, inputs),
                RunHostAsync("c", options, inputs, c =>
                {
                    var started = 0;
                    c.Door.Written = (key, body) =>
                    {
                        if (body.Contains("\"type\":\"Started\"") && Interlocked.Increment(ref started) == 2) c.Door.Shut();
                    };
                }));
            var dead = hosts.Single(h => h.Name == "c");
            Assert.NotNull(dead.Died);

            var survivors = hosts.Where(h => h.Name != "c").ToList();
            Assert.All(survivors, h => Assert.Empty(h.Errors));
            Assert.All(survivors, h => Assert.Empty(h.Result!.Unfinished));
            var state = await ReadStateAsync();
            Assert.Equal(30, state.Documents.Count);
            Assert.All(state.Documents, d => Assert.Equal(BatchStage.Delivered, d.Stage));
            Assert.All(state.Documents, d => Assert.Null(d.Owner));
            Assert.Equal(30, EndpointJobCount - jobsBefore);
            // The documents c held were taken over: delivered by a or b, with the job c started.
            Assert.All(state.Documents, d => Assert.DoesNotContain("c-", d.Host));

            var folders = Directory.GetDirectories(options.OutputFolder);
            Assert.Equal(30, folders.Length);
            foreach (var (path, text) in documents)
            {
                var document = state.Documents.Single(d => d.Source == path);
                Assert.Equal(Path.Combine(options.OutputFolder, Path.GetFileName(path)), document.OutputFolder);
                Assert.Contains(text, File.ReadAllText(Path.Combine(document.OutputFolder!, "1.json")));
            }
            var delivered = hosts.SelectMany(h => h.Items).Where(i => i.Delivered).ToList();
            Assert.Equal(30, delivered.Select(i => i.Document).Distinct().Count());

            // c starts again (a new host) and finds nothing to do: nothing is started, no record changes, and no
            // heartbeat is left (its own is removed as it leaves, the dead one's by whoever saw it expired holding nothing).
            var records = await _objects.ReadAllAsync(S3BatchStore.DocumentsFolder, _timeout.Token);
            var again = await RunHostAsync("c", options, inputs);
            Assert.Empty(again.Items);
            Assert.Empty(again.Errors);
            Assert.Equal(30, EndpointJobCount - jobsBefore);
            Assert.Equal(records, await _objects.ReadAllAsync(S3BatchStore.DocumentsFolder, _timeout.Token));
            Assert.DoesNotContain(await _objects.KeysAsync(_timeout.Token), k => k.StartsWith(S3BatchStore.HostsFolder));

            if (where != "s3") return;
            // Every state object is SSE-KMS under the batch's key.
            using var s3 = _endpoint.CreateS3();
            var keyArn = _endpoint.Server.Keys.TryResolve(StateKey, out var key) ? key.Arn : null;
            var stateKeys = await _objects.KeysAsync(_timeout.Token);
            Assert.Equal(31, stateKeys.Count); // batch.json and the documents
            foreach (var stateKey in stateKeys)
            {
                var head = await s3.GetObjectMetadataAsync("shared-state", _objects.Prefix.Key + stateKey, _timeout.Token);
                Assert.Equal(Amazon.S3.ServerSideEncryptionMethod.AWSKMS, head.ServerSideEncryptionMethod);
                Assert.Equal(keyArn, head.ServerSideEncryptionKeyManagementServiceKeyId);
            }
        }

        [Fact]
        public async Task A_host_that_cannot_read_another_hosts_file_leaves_it_for_one_that_can()
        {
            StateIn("memory", "unreadable");
            var documents = WriteDocuments("unreadable", 3);
            var options = Options("unreadable");
            var jobsBefore = EndpointJobCount;
            // Host a discovers the documents and dies at its first claim, before any upload.
            var a = await RunHostAsync("a", options, Inputs(documents, options), host =>
                host.Door.Written = (key, body) => { if (body.Contains("\"owner\":")) host.Door.Shut(); });
            Assert.NotNull(a.Died);
            foreach (var (path, _) in documents) File.Move(path, path + ".elsewhere");

            // Host b is given nothing: it finds a's documents in the state, and cannot read their files.
            var b = await RunHostAsync("b", options, Array.Empty<BatchDocument>());

            Assert.Equal(3, b.Errors.Count);
            Assert.All(b.Errors, e => Assert.IsType<DocumentUnavailableException>(e));
            Assert.Empty(b.Items);
            Assert.Equal(jobsBefore, EndpointJobCount);
            var state = await ReadStateAsync();
            Assert.All(state.Documents, d => Assert.Equal((BatchStage.Discovered, (string?)null), (d.Stage, d.Owner)));

            // Where the files can be read again, the next host does them.
            foreach (var (path, _) in documents) File.Move(path + ".elsewhere", path);
            var c = await RunHostAsync("c", options, Array.Empty<BatchDocument>());
            Assert.Empty(c.Errors);
            Assert.Equal(3, c.Items.Count(i => i.Delivered));
            Assert.Equal(3, EndpointJobCount - jobsBefore);
        }
    }
}
