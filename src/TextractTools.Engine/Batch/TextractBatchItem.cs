namespace TextractTools.Engine.Batch
{
    /// <summary>A document of a batch that was delivered, or failed, in this run.</summary>
    public sealed class TextractBatchItem
    {
        /// <summary>The local path of the document, or its s3:// URI.</summary>
        public string Document { get; set; } = "";

        /// <summary>Where Textract read the document: s3://bucket/key.</summary>
        public string S3Uri { get; set; } = "";

        /// <summary>Null when the job could not be started.</summary>
        public string? JobId { get; set; }

        /// <summary>SUCCEEDED, PARTIAL_SUCCESS, FAILED or FAILED_TO_START.</summary>
        public string Status { get; set; } = "";

        public string? StatusMessage { get; set; }
        public int? Pages { get; set; }

        /// <summary>
        /// The document's delivered folder, named after it: the raw output pages (1.json ...), job.json and the
        /// deliverables asked for. Get-TextractOutput -Path reads it.
        /// </summary>
        public string? OutputFolder { get; set; }

        public bool Delivered { get; set; }

        public override string ToString() => Document;
    }

    /// <summary>Counts over the whole batch (earlier runs included), for progress displays.</summary>
    public sealed class BatchProgress
    {
        public int Discovered { get; set; }
        public int Started { get; set; }
        public int Running { get; set; }
        public int Finished { get; set; }
        public int Delivered { get; set; }
        public int Failed { get; set; }

        /// <summary>Documents other hosts of a shared batch hold now.</summary>
        public int HeldByOthers { get; set; }

        /// <summary>A Start was refused for the concurrent-job limit; new starts wait for a running job to end.</summary>
        public bool Held { get; set; }

        public string? LastEvent { get; set; }
    }

    /// <summary>How a run ended.</summary>
    public sealed class BatchRunResult
    {
        public BatchRunResult(System.Collections.Generic.IReadOnlyList<BatchDocumentState> unfinished, int pollCount, bool timedOut)
        {
            Unfinished = unfinished;
            PollCount = pollCount;
            TimedOut = timedOut;
        }

        /// <summary>Documents with work left (after a timeout, or an error a rerun may cure).</summary>
        public System.Collections.Generic.IReadOnlyList<BatchDocumentState> Unfinished { get; }

        public int PollCount { get; }
        public bool TimedOut { get; }
    }
}
