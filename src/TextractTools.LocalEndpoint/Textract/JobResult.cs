using System;
using System.Collections.Generic;
using System.Text.Json;
using TextractTools.LocalEndpoint.Replay;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// How a finished job ended: SUCCEEDED with its output, PARTIAL_SUCCESS with some of it (and Warnings), or FAILED
    /// with a StatusMessage. The output is <see cref="Blocks"/> for text detection and analysis, <see cref="Items"/>
    /// (ExpenseDocuments or lending Results) for expense and lending, and for lending also <see cref="Summary"/>.
    /// </summary>
    internal sealed record JobResult(string Status, string? StatusMessage, int Pages, IReadOnlyList<RecordedBlock> Blocks)
    {
        public bool Succeeded => Status == "SUCCEEDED";

        /// <summary>SUCCEEDED or PARTIAL_SUCCESS: Get* serves the output and the output bucket gets objects.</summary>
        public bool HasOutput => Succeeded || Status == "PARTIAL_SUCCESS";

        /// <summary>The Get* answer's Warnings (PARTIAL_SUCCESS names its failed pages here).</summary>
        public IReadOnlyList<JobWarning> Warnings { get; init; } = Array.Empty<JobWarning>();

        /// <summary>The ExpenseDocuments (expense) or Results (lending) a Get* pages; empty for the block kinds.</summary>
        public IReadOnlyList<PagedItem> Items { get; init; } = Array.Empty<PagedItem>();

        /// <summary>The lending Summary (GetLendingAnalysisSummary); null for the other kinds.</summary>
        public JsonElement? Summary { get; init; }

        /// <summary>How many units the Get* operation of <paramref name="kind"/> pages through.</summary>
        public int PagedCount(JobKind kind) => kind.ServesBlocks() ? Blocks.Count : Items.Count;

        public static JobResult Success(int pages, IReadOnlyList<RecordedBlock> blocks) => new("SUCCEEDED", null, pages, blocks);

        public static JobResult Success(int pages, IReadOnlyList<PagedItem> items) =>
            new("SUCCEEDED", null, pages, Array.Empty<RecordedBlock>()) { Items = items };

        public static JobResult Failure(string message) => new("FAILED", message, 0, Array.Empty<RecordedBlock>());
    }

    /// <summary>One member of Warnings: {"ErrorCode": ..., "Pages": [...]}.</summary>
    internal sealed record JobWarning(string ErrorCode, IReadOnlyList<int> Pages);
}
