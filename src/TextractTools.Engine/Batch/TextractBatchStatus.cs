using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace TextractTools.Engine.Batch
{
    /// <summary>How a batch stands, read from its state (a journal file, or a shared batch's S3 prefix) by anyone.</summary>
    public sealed class TextractBatchStatus
    {
        /// <summary>Where the state is: the state file's path, or s3://bucket/prefix/.</summary>
        public string Location { get; set; } = "";

        /// <summary>The options the batch was begun with (null: not begun).</summary>
        public string? Options { get; set; }

        /// <summary>Every document of the batch.</summary>
        public int Total { get; set; }

        /// <summary>Not started yet.</summary>
        public int Waiting { get; set; }

        /// <summary>Started: its job runs, or ran and has not been seen to end.</summary>
        public int Running { get; set; }

        /// <summary>The job ended (SUCCEEDED or PARTIAL_SUCCESS) and its output is not delivered yet.</summary>
        public int ToDeliver { get; set; }

        public int Delivered { get; set; }

        /// <summary>The job ended FAILED (not started again).</summary>
        public int Failed { get; set; }

        /// <summary>Could not be started; the next run tries again.</summary>
        public int FailedToStart { get; set; }

        /// <summary>Documents a host holds now (shared batches).</summary>
        public int Held { get; set; }

        /// <summary>Documents held by a host whose lease expired or that is gone: the next host to look takes them over.</summary>
        public int HeldExpired { get; set; }

        /// <summary>The hosts working the batch now (shared batches; none for a journal).</summary>
        public IReadOnlyList<TextractBatchHost> Hosts { get; set; } = Array.Empty<TextractBatchHost>();

        /// <summary>Each document with its stage and holder.</summary>
        public IReadOnlyList<TextractBatchDocument> Documents { get; set; } = Array.Empty<TextractBatchDocument>();

        /// <summary>When the state was read, by this machine's clock.</summary>
        public DateTimeOffset ReadAt { get; set; }

        /// <summary>Every document is delivered or failed.</summary>
        public bool IsComplete => Total > 0 && Delivered + Failed == Total;

        public override string ToString() => $"{Location}: {Delivered} of {Total} delivered";

        /// <summary>The status of a journal, read without its lock (a run may be writing it).</summary>
        public static TextractBatchStatus FromStateFile(string path, DateTimeOffset now)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full)) throw new FileNotFoundException($"The state file {full} does not exist.", full);
            var state = BatchState.From(BatchJournal.ReadRecords(full));
            return Build(full, state, Array.Empty<TextractBatchHost>(), _ => false, now);
        }

        /// <summary>
        /// The status of a shared batch. A reader writes no heartbeat, so it judges leases by its own clock against
        /// S3's LastModified stamps (the hosts themselves judge by S3's clock; see <see cref="S3BatchStore"/>).
        /// </summary>
        internal static async Task<TextractBatchStatus> FromSharedStateAsync(IBatchStateObjects objects, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var reader = new S3BatchStore(objects, host: null);
            var options = await reader.ReadOptionsAsync(cancellationToken).ConfigureAwait(false);
            await reader.RefreshAsync(cancellationToken).ConfigureAwait(false);
            if (options is null && reader.State.Documents.Count == 0)
                throw new FileNotFoundException($"No batch state under {objects.Prefix}: no run with -StateUri {objects.Prefix} has begun a batch there.");
            return Build(reader.Location, reader.State, reader.Hosts(now), d => reader.IsOwnerGone(d, now), now);
        }

        private static TextractBatchStatus Build(string location, BatchState state, IReadOnlyList<TextractBatchHost> hosts, Func<BatchDocumentState, bool> ownerGone, DateTimeOffset now)
        {
            var documents = state.Documents.Select(d => new TextractBatchDocument
            {
                Document = d.Source ?? d.Document,
                S3Uri = d.Document,
                Token = d.Token,
                Stage = d.Stage,
                Status = d.Status,
                Message = d.Message,
                JobId = d.JobId,
                Pages = d.Pages,
                OutputFolder = d.OutputFolder,
                Owner = d.Owner,
                LeaseExpired = d.Owner != null && ownerGone(d),
                Host = d.Host,
                UpdatedAt = d.UpdatedAt,
            }).ToList();
            return new TextractBatchStatus
            {
                Location = location,
                Options = state.Options,
                Total = documents.Count,
                Waiting = state.Count(d => d.Stage == BatchStage.Discovered),
                Running = state.Count(d => d.Stage == BatchStage.Started),
                ToDeliver = state.Count(d => d.Stage == BatchStage.Finished && !d.IsDone && !d.FailedToStart),
                Delivered = state.Count(d => d.Stage == BatchStage.Delivered),
                Failed = state.Count(d => d.Stage == BatchStage.Finished && d.Status == BatchStatus.Failed),
                FailedToStart = state.Count(d => d.FailedToStart),
                Held = documents.Count(d => d.Owner != null),
                HeldExpired = documents.Count(d => d.LeaseExpired),
                Hosts = hosts,
                Documents = documents,
                ReadAt = now,
            };
        }
    }

    /// <summary>A host working a shared batch, as its heartbeat says.</summary>
    public sealed class TextractBatchHost
    {
        /// <summary>{machine}-{process id}-{random}: each run of Invoke-TextractBatch is a host of its own.</summary>
        public string HostId { get; set; } = "";
        public string Machine { get; set; } = "";
        public int ProcessId { get; set; }

        /// <summary>When the host joined, by its own clock.</summary>
        public DateTimeOffset Started { get; set; }

        /// <summary>When S3 stored its last heartbeat (S3's clock).</summary>
        public DateTimeOffset LastHeartbeat { get; set; }

        /// <summary>How long its claims last after a heartbeat.</summary>
        public double LeaseSec { get; set; }

        /// <summary>Its last heartbeat is older than its lease: it died or stalled, and its documents are free to take over.</summary>
        public bool Expired { get; set; }

        /// <summary>How many documents it holds.</summary>
        public int Held { get; set; }

        public override string ToString() => HostId;
    }

    /// <summary>One document of a batch, as its state says.</summary>
    public sealed class TextractBatchDocument
    {
        /// <summary>The local path the document came from, else its s3:// URI.</summary>
        public string Document { get; set; } = "";
        public string S3Uri { get; set; } = "";

        /// <summary>Its ClientRequestToken, the document's name in the state.</summary>
        public string Token { get; set; } = "";
        public BatchStage Stage { get; set; }

        /// <summary>SUCCEEDED, PARTIAL_SUCCESS, FAILED or FAILED_TO_START once finished.</summary>
        public string? Status { get; set; }
        public string? Message { get; set; }
        public string? JobId { get; set; }
        public int? Pages { get; set; }

        /// <summary>Where it was delivered (on the delivering host).</summary>
        public string? OutputFolder { get; set; }

        /// <summary>The host holding it now (null: free, or done).</summary>
        public string? Owner { get; set; }

        /// <summary>Its holder's lease expired (or the holder left): another host takes it over.</summary>
        public bool LeaseExpired { get; set; }

        /// <summary>The host that last moved it on (the one that delivered it, once Delivered).</summary>
        public string? Host { get; set; }

        /// <summary>When its state last changed, by the clock of the host that changed it.</summary>
        public DateTimeOffset? UpdatedAt { get; set; }

        public override string ToString() => Document;
    }
}
