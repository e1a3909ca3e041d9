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

    /// <summary>One document of the batch as the journal tells it.</summary>
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

        /// <summary>Could not be started (last run): tried again, since no job exists and nothing was paid for.</summary>
        public bool FailedToStart => Stage == BatchStage.Finished && Status == BatchStatus.FailedToStart;

        /// <summary>Nothing is left to do: delivered, or a job that ended FAILED (Textract would answer the same job again).</summary>
        public bool IsDone => Stage == BatchStage.Delivered || (Stage == BatchStage.Finished && Status == BatchStatus.Failed);
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
                    var discovered = new BatchDocumentState(record.Token, record.Document ?? "", record.Source);
                    _documents[record.Token] = discovered;
                    _inOrder.Add(discovered);
                }
                return;
            }
            if (!_documents.TryGetValue(record.Token, out var document)) return;
            switch (record.Type)
            {
                case BatchRecordType.Started:
                    document.Stage = BatchStage.Started;
                    document.JobId = record.JobId;
                    document.Status = null;
                    document.Message = null;
                    break;
                case BatchRecordType.Finished:
                    document.Stage = BatchStage.Finished;
                    document.JobId = record.JobId ?? document.JobId;
                    document.Status = record.Status;
                    document.Message = record.Message;
                    document.Pages = record.Pages;
                    break;
                case BatchRecordType.Delivered:
                    document.Stage = BatchStage.Delivered;
                    document.OutputFolder = record.Path;
                    break;
            }
        }

        public int Count(Func<BatchDocumentState, bool> predicate) => _inOrder.Count(predicate);
    }
}
