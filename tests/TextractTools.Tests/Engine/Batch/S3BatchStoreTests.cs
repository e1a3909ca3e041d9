using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine;
using TextractTools.Engine.Batch;
using Xunit;

namespace TextractTools.Tests.Engine.Batch
{
    /// <summary>
    /// The shared store's state machine on in-memory objects with S3's conditional-write rules, and clocks that only
    /// move when a test moves them: S3's own, and hosts' clocks set hours apart from it and from each other.
    /// </summary>
    public sealed class S3BatchStoreTests
    {
        private const string Options = "features=TABLES; region=us-east-1";
        private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
        private static readonly S3Location Prefix = S3Location.Parse("s3://state/batches/nightly/", "StateUri");
        private readonly InMemoryBatchStateObjects _objects;
        private DateTimeOffset _time = new DateTimeOffset(2025, 6, 1, 12, 0, 0, 400, TimeSpan.Zero);

        public S3BatchStoreTests() => _objects = new InMemoryBatchStateObjects(Prefix, () => _time);

        private static CancellationToken Ct => CancellationToken.None;

        /// <summary>Background heartbeats never fire on their own here: the tests beat when they mean to.</summary>
        private static Task NeverDelay(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);

        /// <summary>A host whose clock reads <paramref name="clockOffset"/> away from S3's.</summary>
        private S3BatchStore Host(string name, TimeSpan clockOffset = default) =>
            new S3BatchStore(new HostDoor(_objects), new BatchHostRecord { HostId = name, Machine = "machine-" + name, ProcessId = 100, Lease = Lease, Started = _time + clockOffset },
                () => _time + clockOffset, NeverDelay);

        private static BatchRecord Discovered(string token) =>
            new BatchRecord { Type = BatchRecordType.Discovered, Token = token, Document = $"s3://in/{token}.pdf", Source = $"/inbox/{token}.pdf" };

        private static async Task<S3BatchStore> Begun(S3BatchStore store)
        {
            await store.BeginAsync(Options, Ct);
            return store;
        }

        private static BatchDocumentState Doc(S3BatchStore store, string token) => store.State.Find(token) ?? throw new InvalidOperationException(token + " is unknown to " + store.HostId);

        [Fact]
        public async Task The_first_host_fixes_the_options_and_a_host_with_others_is_refused_naming_the_difference()
        {
            using var first = await Begun(Host("a"));
            using var other = Host("b");

            var error = await Assert.ThrowsAsync<BatchJournalException>(() => other.BeginAsync("features=FORMS; kms=alias/k; region=us-east-1", Ct));

            Assert.Contains("features: TABLES in the batch, FORMS in this run", error.Message);
            Assert.Contains("kms: none in the batch, alias/k in this run", error.Message);
            Assert.Contains("-StateUri", error.Message);
            Assert.Contains(Prefix.ToString(), error.Message);
            Assert.DoesNotContain("hosts/b.json", await _objects.KeysAsync(Ct));
            Assert.Contains("\"options\":\"" + Options + "\"", (await _objects.ReadAllAsync("batch.json", Ct))["batch.json"]);

            using var same = await Begun(Host("c"));
            Assert.Equal(Options, same.State.Options);
        }

        [Fact]
        public async Task Two_hosts_discovering_a_document_make_one_record_and_only_one_holds_it()
        {
            using var a = await Begun(Host("a"));
            using var b = await Begun(Host("b", TimeSpan.FromHours(5)));

            await a.AddAsync(new[] { Discovered("tt-1") }, Ct);
            await b.AddAsync(new[] { Discovered("tt-1"), Discovered("tt-2") }, Ct);

            Assert.Equal(new[] { "documents/tt-1.json", "documents/tt-2.json" }, (await _objects.KeysAsync(Ct)).Where(k => k.StartsWith("documents/")));
            Assert.Equal("a", Doc(b, "tt-1").Host);

            Assert.True(await a.ClaimAsync(Doc(a, "tt-1"), Ct));
            await b.RefreshAsync(Ct);
            Assert.True(b.IsHeldByOther(Doc(b, "tt-1")));
            Assert.False(await b.ClaimAsync(Doc(b, "tt-1"), Ct));
            // Only the holder moves it on; another host's write is refused before it is sent.
            var writes = _objects.Writes;
            Assert.False(await b.RecordAsync(new BatchRecord { Type = BatchRecordType.Started, Token = "tt-1", JobId = "job-b" }, Ct));
            Assert.Equal(writes, _objects.Writes);
            Assert.True(await a.RecordAsync(new BatchRecord { Type = BatchRecordType.Started, Token = "tt-1", JobId = "job-1" }, Ct));

            await b.RefreshAsync(Ct);
            Assert.Equal(BatchStage.Started, Doc(b, "tt-1").Stage);
            Assert.Equal("job-1", Doc(b, "tt-1").JobId);
            Assert.Equal("a", Doc(b, "tt-1").Owner);
        }

        [Fact]
        public async Task Two_hosts_claiming_the_same_free_document_from_the_same_read_get_it_once()
        {
            using var a = await Begun(Host("a"));
            using var b = await Begun(Host("b"));
            await a.AddAsync(new[] { Discovered("tt-1") }, Ct);
            await b.RefreshAsync(Ct);

            var claims = await Task.WhenAll(a.ClaimAsync(Doc(a, "tt-1"), Ct), b.ClaimAsync(Doc(b, "tt-1"), Ct));

            Assert.Single(claims, c => c);
            var winner = claims[0] ? a : b;
            var loser = claims[0] ? b : a;
            Assert.Equal(winner.HostId, Doc(loser, "tt-1").Owner);
            Assert.True(loser.IsHeldByOther(Doc(loser, "tt-1")));
        }

        [Fact]
        public async Task A_dead_hosts_claim_ends_with_its_lease_on_S3s_clock_whatever_the_hosts_clocks_say()
        {
            // A's clock is 3 hours behind S3's, B's 2 h 17 min ahead: neither is used to judge the other.
            using var a = await Begun(Host("a", TimeSpan.FromHours(-3)));
            await a.AddAsync(new[] { Discovered("tt-1") }, Ct);
            Assert.True(await a.ClaimAsync(Doc(a, "tt-1"), Ct));
            using var b = await Begun(Host("b", TimeSpan.FromHours(2) + TimeSpan.FromMinutes(17)));
            // S3 stamped both heartbeats 12:00:00 (the stamp drops the 0.4 s). A beats no more from here: it died.

            Assert.True(b.IsHeldByOther(Doc(b, "tt-1")));
            // A's lease truly ends at 12:01:00.4 (its heartbeat's true time plus 60 s). Up to then, and in the margin
            // that the stamp's whole seconds leave, B keeps off, beating and refreshing as a live host does.
            foreach (var seconds in new[] { 30.0, 55, 60, 61, 62.0 })
            {
                _time = new DateTimeOffset(2025, 6, 1, 12, 0, 0, 0, TimeSpan.Zero).AddSeconds(seconds);
                await b.BeatAsync(Ct);
                await b.RefreshAsync(Ct);
                Assert.True(b.IsHeldByOther(Doc(b, "tt-1")), $"taken over {seconds} s after A's heartbeat");
                Assert.False(await b.ClaimAsync(Doc(b, "tt-1"), Ct));
            }

            _time = new DateTimeOffset(2025, 6, 1, 12, 1, 4, 0, TimeSpan.Zero);
            await b.RefreshAsync(Ct);
            Assert.False(b.IsHeldByOther(Doc(b, "tt-1")));
            Assert.True(await b.ClaimAsync(Doc(b, "tt-1"), Ct));

            // A was only stalled: its next step is refused, and it learns who holds the document.
            Assert.False(await a.RecordAsync(new BatchRecord { Type = BatchRecordType.Started, Token = "tt-1", JobId = "job-1" }, Ct));
            Assert.False(a.IsHeldByThisHost(Doc(a, "tt-1")));
            Assert.Equal("b", Doc(a, "tt-1").Owner);
            Assert.True(await b.RecordAsync(new BatchRecord { Type = BatchRecordType.Started, Token = "tt-1", JobId = "job-1" }, Ct));
        }

        [Fact]
        public async Task A_live_host_keeps_its_claims_however_long_it_works()
        {
            using var a = await Begun(Host("a", TimeSpan.FromMinutes(-40)));
            await a.AddAsync(new[] { Discovered("tt-1") }, Ct);
            Assert.True(await a.ClaimAsync(Doc(a, "tt-1"), Ct));
            using var b = await Begun(Host("b", TimeSpan.FromMinutes(25)));

            for (var i = 1; i <= 20; i++)
            {
                _time += TimeSpan.FromSeconds(15);
                await a.BeatAsync(Ct);
                await b.BeatAsync(Ct);
                await b.RefreshAsync(Ct);
                Assert.True(b.IsHeldByOther(Doc(b, "tt-1")));
            }
            Assert.True(await a.RecordAsync(new BatchRecord { Type = BatchRecordType.Started, Token = "tt-1", JobId = "job-1" }, Ct));
        }

        [Fact]
        public async Task A_host_that_leaves_frees_what_it_held_at_once()
        {
            using var a = await Begun(Host("a"));
            await a.AddAsync(new[] { Discovered("tt-1"), Discovered("tt-2") }, Ct);
            Assert.True(await a.ClaimAsync(Doc(a, "tt-1"), Ct));
            Assert.True(await a.RecordAsync(new BatchRecord { Type = BatchRecordType.Started, Token = "tt-1", JobId = "job-1" }, Ct));
            using var b = await Begun(Host("b"));
            Assert.True(b.IsHeldByOther(Doc(b, "tt-1")));

            await a.LeaveAsync(Ct);
            await b.RefreshAsync(Ct);

            Assert.DoesNotContain("hosts/a.json", await _objects.KeysAsync(Ct));
            Assert.False(b.IsHeldByOther(Doc(b, "tt-1")));
            Assert.True(await b.ClaimAsync(Doc(b, "tt-1"), Ct));
            Assert.Equal("job-1", Doc(b, "tt-1").JobId);
        }

        [Fact]
        public async Task A_claim_read_before_its_host_was_listed_is_not_taken_for_a_dead_hosts()
        {
            using var b = await Begun(Host("b"));
            // C joins after B listed the hosts, and claims a document B has not seen yet.
            using var c = await Begun(Host("c"));
            await c.AddAsync(new[] { Discovered("tt-1") }, Ct);
            Assert.True(await c.ClaimAsync(Doc(c, "tt-1"), Ct));

            // B finds the record when it discovers the same document: C is not in B's list of hosts, yet C is alive.
            await b.AddAsync(new[] { Discovered("tt-1") }, Ct);
            Assert.Equal("c", Doc(b, "tt-1").Owner);
            Assert.True(b.IsHeldByOther(Doc(b, "tt-1")));
            Assert.False(await b.ClaimAsync(Doc(b, "tt-1"), Ct));

            await b.RefreshAsync(Ct);
            Assert.True(b.IsHeldByOther(Doc(b, "tt-1")));
        }

        [Fact]
        public async Task A_write_whose_answer_was_lost_is_known_by_its_own_bytes()
        {
            using var a = await Begun(Host("a"));
            await a.AddAsync(new[] { Discovered("tt-1") }, Ct);
            // The write lands; the SDK's retry of it meets the first write's ETag and S3 answers 412.
            _objects.LoseAnswer = key => key.EndsWith("/tt-1.json", StringComparison.Ordinal);

            Assert.True(await a.ClaimAsync(Doc(a, "tt-1"), Ct));
            Assert.Null(_objects.LoseAnswer);
            Assert.True(await a.RecordAsync(new BatchRecord { Type = BatchRecordType.Started, Token = "tt-1", JobId = "job-1" }, Ct));
        }

        [Fact]
        public async Task Settled_documents_are_held_by_nobody_and_record_who_moved_them_on()
        {
            using var a = await Begun(Host("a"));
            await a.AddAsync(new[] { Discovered("tt-1"), Discovered("tt-2") }, Ct);
            foreach (var token in new[] { "tt-1", "tt-2" }) Assert.True(await a.ClaimAsync(Doc(a, token), Ct));

            Assert.True(await a.RecordAsync(new BatchRecord { Type = BatchRecordType.Finished, Token = "tt-1", Status = BatchStatus.FailedToStart, Message = "UnsupportedDocumentException" }, Ct));
            Assert.True(await a.RecordAsync(new BatchRecord { Type = BatchRecordType.Started, Token = "tt-2", JobId = "job-2" }, Ct));
            Assert.True(await a.RecordAsync(new BatchRecord { Type = BatchRecordType.Finished, Token = "tt-2", JobId = "job-2", Status = BatchStatus.Succeeded, Pages = 3 }, Ct));
            Assert.Equal("a", Doc(a, "tt-2").Owner);
            Assert.True(await a.RecordAsync(new BatchRecord { Type = BatchRecordType.Delivered, Token = "tt-2", JobId = "job-2", Path = "/out/tt-2" }, Ct));

            using var reader = new S3BatchStore(new HostDoor(_objects), host: null);
            await reader.RefreshAsync(Ct);
            var failed = Doc(reader, "tt-1");
            Assert.True(failed.FailedToStart);
            Assert.Null(failed.Owner);
            var delivered = Doc(reader, "tt-2");
            Assert.Equal(BatchStage.Delivered, delivered.Stage);
            Assert.Equal(("job-2", 3, "/out/tt-2", "a"), (delivered.JobId, delivered.Pages, delivered.OutputFolder, delivered.Host));
            Assert.Null(delivered.Owner);
        }

        [Fact]
        public async Task A_damaged_record_is_refused_naming_the_object()
        {
            using var a = await Begun(Host("a"));
            await _objects.PutTextAsync("documents/tt-x.json", "{\"type\": \"Started\"", Ct);

            var error = await Assert.ThrowsAsync<BatchJournalException>(() => a.RefreshAsync(Ct));
            Assert.Contains("s3://state/batches/nightly/documents/tt-x.json", error.Message);
        }

        [Fact]
        public async Task The_status_counts_documents_by_stage_and_names_each_hosts_holdings_and_expired_leases()
        {
            using var a = await Begun(Host("a"));
            using var b = await Begun(Host("b"));
            await a.AddAsync(new[] { Discovered("tt-1"), Discovered("tt-2"), Discovered("tt-3"), Discovered("tt-4") }, Ct);
            Assert.True(await a.ClaimAsync(Doc(a, "tt-1"), Ct));
            Assert.True(await a.RecordAsync(new BatchRecord { Type = BatchRecordType.Started, Token = "tt-1", JobId = "job-1" }, Ct));
            await b.RefreshAsync(Ct);
            foreach (var token in new[] { "tt-2", "tt-3" }) Assert.True(await b.ClaimAsync(Doc(b, token), Ct));
            Assert.True(await b.RecordAsync(new BatchRecord { Type = BatchRecordType.Started, Token = "tt-2", JobId = "job-2" }, Ct));
            Assert.True(await b.RecordAsync(new BatchRecord { Type = BatchRecordType.Finished, Token = "tt-2", JobId = "job-2", Status = BatchStatus.Succeeded }, Ct));
            Assert.True(await b.RecordAsync(new BatchRecord { Type = BatchRecordType.Delivered, Token = "tt-2", JobId = "job-2", Path = "/b/out" }, Ct));

            // 90 s on, only A beat again: B's lease (60 s) has expired.
            _time += TimeSpan.FromSeconds(90);
            await a.BeatAsync(Ct);
            var status = await TextractBatchStatus.FromSharedStateAsync(new HostDoor(_objects), _time, Ct);

            Assert.Equal(Prefix.ToString(), status.Location);
            Assert.Equal(Options, status.Options);
            Assert.Equal((4, 2, 1, 0, 1, 0, 0), (status.Total, status.Waiting, status.Running, status.ToDeliver, status.Delivered, status.Failed, status.FailedToStart));
            Assert.Equal(2, status.Held);
            Assert.Equal(1, status.HeldExpired);
            Assert.Equal(new[] { ("a", 1, false), ("b", 1, true) }, status.Hosts.Select(h => (h.HostId, h.Held, h.Expired)).OrderBy(h => h.HostId));
            var stale = Assert.Single(status.Documents, d => d.LeaseExpired);
            Assert.Equal(("tt-3", "b", BatchStage.Discovered), (stale.Token, stale.Owner, stale.Stage));
            Assert.Equal("/inbox/tt-2.pdf", status.Documents.Single(d => d.Stage == BatchStage.Delivered).Document);
            Assert.False(status.IsComplete);
        }

        [Fact]
        public async Task A_reader_of_a_prefix_without_a_batch_is_told_so()
        {
            var error = await Assert.ThrowsAsync<System.IO.FileNotFoundException>(() => TextractBatchStatus.FromSharedStateAsync(new HostDoor(_objects), _time, Ct));
            Assert.Contains("No batch state under s3://state/batches/nightly/", error.Message);
        }
    }
}
