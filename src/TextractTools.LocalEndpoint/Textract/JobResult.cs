using System;
using System.Collections.Generic;
using TextractTools.LocalEndpoint.Replay;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>How a finished job ended: SUCCEEDED with its blocks, or FAILED with a StatusMessage.</summary>
    internal sealed record JobResult(string Status, string? StatusMessage, int Pages, IReadOnlyList<RecordedBlock> Blocks)
    {
        public bool Succeeded => Status == "SUCCEEDED";

        public static JobResult Success(int pages, IReadOnlyList<RecordedBlock> blocks) => new("SUCCEEDED", null, pages, blocks);

        public static JobResult Failure(string message) => new("FAILED", message, 0, Array.Empty<RecordedBlock>());
    }
}
