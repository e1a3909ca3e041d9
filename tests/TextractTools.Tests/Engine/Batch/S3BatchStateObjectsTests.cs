using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine;
using TextractTools.Engine.Batch;
using TextractTools.Engine.Session;
using TextractTools.Tests.Support;
using Xunit;

namespace TextractTools.Tests.Engine.Batch
{
    /// <summary>A shared batch's objects in S3 (the local endpoint): conditional writes answered as S3 does, S3's clock in the stamps.</summary>
    public sealed class S3BatchStateObjectsTests : IClassFixture<LocalEndpointFixture>, IDisposable
    {
        private readonly LocalEndpointFixture _endpoint;
        private readonly AwsSession _session;
        private readonly S3BatchStateObjects _objects;
        private readonly CancellationTokenSource _timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        public S3BatchStateObjectsTests(LocalEndpointFixture endpoint)
        {
            _endpoint = endpoint;
            _session = _endpoint.CreateSession();
            _endpoint.Server.Storage.CreateBucket("objects-state");
            _objects = new S3BatchStateObjects(_session.S3, S3Location.Parse($"s3://objects-state/{Guid.NewGuid():N}", "StateUri"), null);
        }

        public void Dispose()
        {
            _session.Dispose();
            _timeout.Dispose();
        }

        private CancellationToken Ct => _timeout.Token;

        private string Key(string name) => _objects.Prefix.Key + name;

        private static byte[] Body(string text) => Encoding.UTF8.GetBytes(text);

        [Fact]
        public async Task Conditional_writes_happen_only_when_their_condition_holds()
        {
            var first = await _objects.PutAsync(Key("a.json"), Body("{\"v\":1}"), WriteCondition.Absent, Ct);
            Assert.NotNull(first);
            Assert.Null(await _objects.PutAsync(Key("a.json"), Body("{\"v\":2}"), WriteCondition.Absent, Ct));

            var second = await _objects.PutAsync(Key("a.json"), Body("{\"v\":3}"), WriteCondition.Match(first!), Ct);
            Assert.NotNull(second);
            Assert.NotEqual(first, second);
            Assert.Null(await _objects.PutAsync(Key("a.json"), Body("{\"v\":4}"), WriteCondition.Match(first!), Ct));
            // If-Match on a key with no object: S3 answers 404, which is the same "not as you read it".
            Assert.Null(await _objects.PutAsync(Key("missing.json"), Body("{}"), WriteCondition.Match(second!), Ct));

            var read = await _objects.GetAsync(Key("a.json"), Ct);
            Assert.Equal("{\"v\":3}", Encoding.UTF8.GetString(read!.Body));
            Assert.Equal(second, read.ETag);
            Assert.Null(await _objects.GetAsync(Key("missing.json"), Ct));
        }

        [Fact]
        public async Task Concurrent_creates_of_one_key_let_exactly_one_through()
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => _objects.PutAsync(Key("race.json"), Body($"{{\"host\":{i}}}"), WriteCondition.Absent, Ct)));
            var winner = Assert.Single(results, r => r != null);
            Assert.Equal(winner, (await _objects.GetAsync(Key("race.json"), Ct))!.ETag);
        }

        [Fact]
        public async Task Listings_show_each_objects_ETag_and_S3s_stamp_in_UTC()
        {
            var before = DateTimeOffset.UtcNow.AddSeconds(-2);
            var etag = await _objects.PutAsync(Key("hosts/h.json"), Body("{}"), WriteCondition.None, Ct);
            await _objects.PutAsync(Key("documents/d.json"), Body("{}"), WriteCondition.None, Ct);

            var listed = Assert.Single(await _objects.ListAsync(Key("hosts/"), Ct));
            Assert.Equal((Key("hosts/h.json"), etag), (listed.Key, listed.ETag));
            Assert.InRange(listed.LastModified, before, DateTimeOffset.UtcNow.AddSeconds(2));
            Assert.Equal(TimeSpan.Zero, listed.LastModified.Offset);

            await _objects.DeleteAsync(Key("hosts/h.json"), Ct);
            Assert.Empty(await _objects.ListAsync(Key("hosts/"), Ct));
        }
    }
}
