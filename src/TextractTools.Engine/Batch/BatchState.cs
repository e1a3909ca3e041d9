using System;
using System.Collections.Generic;
using System.Linq;

namespace TextractTools.Engine.Batch
{
    /// <summary>How far a document of the batch has come.</summary>
    public enum BatchStage
    {
        Discovered,
        Started,
        Finished,
        Delivered,
    }

    /// <summary>
    /// One document of the batch as its state tells it: the local journal folds its records into this, and a shared
    /// batch keeps this, as one record per document, in S3 (see <see cref="BatchRecord.Snapshot"/>).
    /// </summary>
    public sealed class BatchDocumentState
    {
        public BatchDocumentState(string token, string document, string? source)
        {
            Token = token;
            Document = document;
            Source = source;
        }

        public string Token { get; }
        public string Document { get; }
        public string? Source { get; }
        public BatchStage Stage { get; internal set; }
        public string? JobId { get; internal set; }
        public string? Status { get; internal set; }
        public string? Message { get; internal set; }
        public int? Pages { get; internal set; }
        public string? OutputFolder { get; internal set; }

        /// <summary>The host working the document now (a shared batch's claim); null when free, done, or in a local journal.</summary>
        public string? Owner { get; internal set; }

        /// <summary>The host that last moved the document on (in a shared batch: the one that delivered it, once Delivered).</summary>
        public string? Host { get; internal set; }

        /// <summary>When the state last changed, by the clock of the host that changed it.</summary>
        public DateTimeOffset? UpdatedAt { get; internal set; }

        /// <summary>Could not be started (last run): tried again, since no job exists and nothing was paid for.</summary>
        public bool FailedToStart => Stage == BatchStage.Finished && Status == BatchStatus.FailedToStart;

        /// <summary>Nothing is left to do: delivered, or a job that ended FAILED (Textract would answer the same job again).</summary>
        public bool IsDone => Stage == BatchStage.Delivered || (Stage == BatchStage.Finished && Status == BatchStatus.Failed);

        /// <summary>Nothing more happens to it in this run: done, or failed to start (tried again by a later run). Nobody holds it.</summary>
        internal bool IsSettled => IsDone || FailedToStart;

        /// <summary>Moves the document on by one journal record of its own (Started, Finished or Delivered).</summary>
        internal void Apply(BatchRecord record)
        {
            switch (record.Type)
            {
                case BatchRecordType.Started:
                    Stage = BatchStage.Started;
                    JobId = record.JobId;
                    Status = null;
                    Message = null;
                    break;
                case BatchRecordType.Finished:
                    Stage = BatchStage.Finished;
                    JobId = record.JobId ?? JobId;
                    Status = record.Status;
                    Message = record.Message;
                    Pages = record.Pages;
                    break;
                case BatchRecordType.Delivered:
                    Stage = BatchStage.Delivered;
                    OutputFolder = record.Path;
                    break;
            }
            UpdatedAt = record.At;
        }

        internal BatchDocumentState Clone() => (BatchDocumentState)MemberwiseClone();

        /// <summary>Takes every changing member of <paramref name="other"/> (the same document, read again).</summary>
        internal void CopyFrom(BatchDocumentState other)
        {
            Stage = other.Stage;
            JobId = other.JobId;
            Status = other.Status;
            Message = other.Message;
            Pages = other.Pages;
            OutputFolder = other.OutputFolder;
            Owner = other.Owner;
            Host = other.Host;
            UpdatedAt = other.UpdatedAt;
        }
    }

    /// <summary>The statuses the journal records besides the service's own.</summary>
    public static class BatchStatus
    {
        public const string Succeeded = "SUCCEEDED";
        public const string PartialSuccess = "PARTIAL_SUCCESS";
        public const string Failed = "FAILED";

        /// <summary>The Start (or the upload before it) failed with an error that retrying does not cure.</summary>
        public const string FailedToStart = "FAILED_TO_START";
    }

    /// <summary>The journal's records folded into one state per document (keyed by ClientRequestToken).</summary>
    public sealed class BatchState
    {
        private readonly Dictionary<string, BatchDocumentState> _documents = new Dictionary<string, BatchDocumentState>(StringComparer.Ordinal);
        private readonly List<BatchDocumentState> _inOrder = new List<BatchDocumentState>();

        /// <summary>The fingerprint of the options the batch was begun with (null for a new journal).</summary>
        public string? Options { get; private set; }

        /// <summary>Documents in the order they were discovered.</summary>
        public IReadOnlyList<BatchDocumentState> Documents => _inOrder;

        public BatchDocumentState? Find(string token) => _documents.TryGetValue(token, out var state) ? state : null;

        public static BatchState From(IEnumerable<BatchRecord> records)
        {
            var state = new BatchState();
            foreach (var record in records) state.Apply(record);
            return state;
        }

        /// <summary>Moves a document on; records of documents never discovered are ignored (they cannot be resumed).</summary>
        public void Apply(BatchRecord record)
        {
            if (record.Type == BatchRecordType.Batch)
            {
                Options ??= record.Options;
                return;
            }
            if (record.Type == BatchRecordType.Discovered)
            {
                if (!_documents.ContainsKey(record.Token))
                {
                    var discovered = new BatchDocumentState(record.Token, record.Document ?? "", record.Source) { UpdatedAt = record.At };
                    _documents[record.Token] = discovered;
                    _inOrder.Add(discovered);
                }
                return;
            }
            if (_documents.TryGetValue(record.Token, out var document)) document.Apply(record);
        }

        /// <summary>
        /// Puts a document's whole state, as a shared store read it, in place of what was known: the same object is
        /// updated, so whoever holds it sees the change.
        /// </summary>
        internal BatchDocumentState Put(BatchDocumentState latest)
        {
            if (_documents.TryGetValue(latest.Token, out var known))
            {
                known.CopyFrom(latest);
                return known;
            }
            _documents[latest.Token] = latest;
            _inOrder.Add(latest);
            return latest;
        }

        internal void SetOptions(string options) => Options ??= options;

        public int Count(Func<BatchDocumentState, bool> predicate) => _inOrder.Count(predicate);
    }
}
