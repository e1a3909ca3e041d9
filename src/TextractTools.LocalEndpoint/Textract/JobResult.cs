using System;
using System.Collections.Generic;
using TextractTools.LocalEndpoint.Replay;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>How a finished job ended: SUCCEEDED with its blocks, PARTIAL_SUCCESS with some of them (and Warnings), or FAILED with a StatusMessage.</summary>
    internal sealed record JobResult(string Status, string? StatusMessage, int Pages, IReadOnlyList<RecordedBlock> Blocks)
    {
        public bool Succeeded => Status == "SUCCEEDED";

        /// <summary>SUCCEEDED or PARTIAL_SUCCESS: Get* serves blocks and the output bucket gets objects.</summary>
        public bool HasOutput => Succeeded || Status == "PARTIAL_SUCCESS";

        /// <summary>The Get* answer's Warnings (PARTIAL_SUCCESS names its failed pages here).</summary>
        public IReadOnlyList<JobWarning> Warnings { get; init; } = Array.Empty<JobWarning>();

        public static JobResult Success(int pages, IReadOnlyList<RecordedBlock> blocks) => new("SUCCEEDED", null, pages, blocks);

        public static JobResult Failure(string message) => new("FAILED", message, 0, Array.Empty<RecordedBlock>());
    }

    /// <summary>One member of Warnings: {"ErrorCode": ..., "Pages": [...]}.</summary>
    internal sealed record JobWarning(string ErrorCode, IReadOnlyList<int> Pages);
}
