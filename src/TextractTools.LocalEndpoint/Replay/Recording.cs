using System;
using System.Collections.Generic;
using System.Text.Json;

namespace TextractTools.LocalEndpoint.Replay
{
    /// <summary>
    /// What Textract found in one document, normalised from whichever shape it was recorded in: every block, in
    /// the recorded order, each knowing its page, and the page count. <see cref="Origin"/> says where it came from
    /// (a file, the project sample, the PDF text layer) for messages and logs. Serves text detection and analysis.
    /// </summary>
    internal sealed class Recording
    {
        public Recording(int pages, IReadOnlyList<RecordedBlock> blocks, string origin)
        {
            Pages = pages;
            Blocks = blocks;
            Origin = origin;
        }

        public int Pages { get; }
        public IReadOnlyList<RecordedBlock> Blocks { get; }
        public string Origin { get; }
    }

    /// <summary>
    /// One unit a Get* operation pages by (an ExpenseDocument, a LendingResult): its recorded JSON, read-only and
    /// shared by every job that serves it, and the document pages it lies on (for PARTIAL_SUCCESS, which drops the
    /// units of a failed page).
    /// </summary>
    internal sealed record PagedItem(JsonElement Json, IReadOnlyCollection<int> Pages);

    /// <summary>An expense analysis (GetExpenseAnalysis merged, or AnalyzeExpense): its ExpenseDocuments in order.</summary>
    internal sealed record ExpenseRecording(int Pages, IReadOnlyList<PagedItem> Documents, string Origin);

    /// <summary>A lending analysis (GetLendingAnalysis merged): its Results in order, one per page.</summary>
    internal sealed record LendingRecording(int Pages, IReadOnlyList<PagedItem> Results, string Origin);

    /// <summary>A recorded GetLendingAnalysisSummary answer: its Summary member.</summary>
    internal sealed record LendingSummaryRecording(int Pages, JsonElement Summary, string Origin);

    /// <summary>The kinds of recording a response file may hold, recognised from its content (REPLAY.md).</summary>
    internal enum RecordingKind
    {
        Blocks,
        Expense,
        Lending,
        LendingSummary,
    }

    /// <summary>
    /// Everything recorded for one document: at most one recording of each kind. A document may have several kinds
    /// at once (an analysis and an expense recording, say); each job kind reads its own.
    /// </summary>
    internal sealed record DocumentRecordings(
        Recording? Blocks = null,
        ExpenseRecording? Expense = null,
        LendingRecording? Lending = null,
        LendingSummaryRecording? LendingSummary = null)
    {
        public static readonly DocumentRecordings None = new();

        /// <summary>These recordings with <paramref name="recording"/> in its kind's place (the newer one wins).</summary>
        public DocumentRecordings With(object recording) => recording switch
        {
            Recording blocks => this with { Blocks = blocks },
            ExpenseRecording expense => this with { Expense = expense },
            LendingRecording lending => this with { Lending = lending },
            LendingSummaryRecording summary => this with { LendingSummary = summary },
            _ => throw new ArgumentException($"Not a recording: {recording?.GetType().Name}.", nameof(recording)),
        };

        public static RecordingKind KindOf(object recording) => recording switch
        {
            Recording => RecordingKind.Blocks,
            ExpenseRecording => RecordingKind.Expense,
            LendingRecording => RecordingKind.Lending,
            LendingSummaryRecording => RecordingKind.LendingSummary,
            _ => throw new ArgumentException($"Not a recording: {recording?.GetType().Name}.", nameof(recording)),
        };

        /// <summary>How much a recording holds (blocks, documents, results): of several of one kind, the richest is kept.</summary>
        public static int SizeOf(object recording) => recording switch
        {
            Recording blocks => blocks.Blocks.Count,
            ExpenseRecording expense => expense.Documents.Count,
            LendingRecording lending => lending.Results.Count,
            LendingSummaryRecording => 1,
            _ => 0,
        };
    }
}
