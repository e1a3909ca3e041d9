using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Kms;
using TextractTools.LocalEndpoint.Replay;
using TextractTools.LocalEndpoint.Storage;
using TextractTools.LocalEndpoint.Textract;
using Xunit;

namespace TextractTools.Tests.Support
{
    /// <summary>An answer of the service: HTTP status and parsed body.</summary>
    internal sealed record TextractReply(int Status, JsonElement Body)
    {
        public string? ErrorType => Body.TryGetProperty("__type", out var type) ? type.GetString() : null;
        public string? JobStatus => Body.TryGetProperty("JobStatus", out var status) ? status.GetString() : null;
        public string? StatusMessage => Body.TryGetProperty("StatusMessage", out var message) ? message.GetString() : null;
        public string? NextToken => Body.TryGetProperty("NextToken", out var token) ? token.GetString() : null;

        public IReadOnlyList<JsonElement> Blocks =>
            Body.TryGetProperty("Blocks", out var blocks) ? blocks.EnumerateArray().ToList() : new List<JsonElement>();
    }

    /// <summary>
    /// A TextractService over in-memory storage and keys, driven with JSON bodies (no HTTP) and a manual clock.
    /// Buckets "input" and "output" exist; the job duration is 5 seconds.
    /// </summary>
    internal sealed class TextractTestHarness
    {
        public static readonly TimeSpan JobDuration = TimeSpan.FromSeconds(5);
        private static readonly CallContext Caller = new("AKIDLOCALENDPOINT", "us-east-1", "textract", "request-1");

        public TextractTestHarness(ReplayLibrary? library = null, TextractTools.LocalEndpoint.Faults.FaultInjector? faults = null)
        {
            Options = new EndpointOptions { JobDuration = JobDuration };
            Storage = new ObjectStore();
            Storage.CreateBucket("input");
            Storage.CreateBucket("output");
            Keys = new KeyStore(Options.Region, Options.AccountId);
            Library = library ?? new ReplayLibrary(includeProjectSample: false);
            Service = new TextractService(Options, Storage, Keys, Library, Clock, faults: faults);
        }

        public TextractManualClock Clock { get; } = new();
        public EndpointOptions Options { get; }
        public ObjectStore Storage { get; }
        public KeyStore Keys { get; }
        public ReplayLibrary Library { get; }
        public TextractService Service { get; }

        public TextractReply Call(string operation, object body) => CallRaw(operation, JsonSerializer.Serialize(body));

        public TextractReply CallRaw(string operation, string json)
        {
            var response = Service.HandleAsync(operation, Encoding.UTF8.GetBytes(json), Caller, CancellationToken.None).GetAwaiter().GetResult();
            using var document = JsonDocument.Parse(response.Json);
            return new TextractReply(response.StatusCode, document.RootElement.Clone());
        }

        public void PutDocument(string key, byte[] data) => Storage.PutObject("input", key, data);

        public static object Location(string key) => new { S3Object = new { Bucket = "input", Name = key } };

        /// <summary>Starts a job and returns its id, failing the test with the error when the Start is refused.</summary>
        public string Start(string operation, object body)
        {
            var reply = Call(operation, body);
            Assert.True(reply.Status == 200, $"{operation} failed: {reply.Body}");
            return reply.Body.GetProperty("JobId").GetString()!;
        }

        public string StartTextDetection(string key) => Start("StartDocumentTextDetection", new { DocumentLocation = Location(key) });

        public string StartAnalysis(string key, params string[] features) =>
            Start("StartDocumentAnalysis", new { DocumentLocation = Location(key), FeatureTypes = features });

        /// <summary>Moves time past the job duration.</summary>
        public void FinishJobs() => Clock.Advance(JobDuration + TimeSpan.FromSeconds(1));

        /// <summary>Every block of a finished job, following NextToken; also returns how many Get calls it took.</summary>
        public (List<JsonElement> Blocks, int Calls, TextractReply First) GetAll(string getOperation, string jobId, int? maxResults = null) =>
            GetAllOf(getOperation, "Blocks", jobId, maxResults);

        /// <summary>
        /// Every unit of a finished job's paged <paramref name="member"/> (Blocks, ExpenseDocuments, Results), following
        /// NextToken; also how many Get calls it took and the size of each answer.
        /// </summary>
        public (List<JsonElement> Items, int Calls, TextractReply First) GetAllOf(string getOperation, string member, string jobId, int? maxResults = null)
        {
            var pages = GetPages(getOperation, jobId, maxResults);
            return (pages.SelectMany(p => Items(p, member)).ToList(), pages.Count, pages[0]);
        }

        public static IReadOnlyList<JsonElement> Items(TextractReply reply, string member) =>
            reply.Body.TryGetProperty(member, out var items) ? items.EnumerateArray().ToList() : new List<JsonElement>();

        /// <summary>Every answer of a finished job's Get operation, following NextToken.</summary>
        public List<TextractReply> GetPages(string getOperation, string jobId, int? maxResults = null)
        {
            var pages = new List<TextractReply>();
            string? token = null;
            do
            {
                var body = new Dictionary<string, object> { ["JobId"] = jobId };
                if (maxResults is not null) body["MaxResults"] = maxResults;
                if (token is not null) body["NextToken"] = token;
                var reply = Call(getOperation, body);
                Assert.True(reply.Status == 200, $"{getOperation} failed: {reply.Body}");
                Assert.Equal("SUCCEEDED", reply.JobStatus);
                pages.Add(reply);
                token = reply.NextToken;
                Assert.True(pages.Count < 10_000, "NextToken never ended");
            } while (token is not null);
            return pages;
        }

        /// <summary>Bytes that read as a PNG (magic bytes) and are unique, so each test has its own SHA-256.</summary>
        public static byte[] UniquePng()
        {
            var magic = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
            return magic.Concat(Guid.NewGuid().ToByteArray()).ToArray();
        }

        public static IEnumerable<string> RelationshipTargets(JsonElement block) =>
            block.TryGetProperty("Relationships", out var relationships) && relationships.ValueKind == JsonValueKind.Array
                ? relationships.EnumerateArray().SelectMany(r => r.GetProperty("Ids").EnumerateArray().Select(i => i.GetString()!))
                : Enumerable.Empty<string>();
    }
}
