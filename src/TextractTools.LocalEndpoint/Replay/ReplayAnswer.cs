namespace TextractTools.LocalEndpoint.Replay
{
    /// <summary>What the library can say about one document for one job kind: its recording, or why the job must fail.</summary>
    internal sealed record ReplayAnswer<T>(T? Recording, string? FailureMessage) where T : class;

    internal static class ReplayAnswer
    {
        public static ReplayAnswer<T> Found<T>(T recording) where T : class => new(recording, null);
        public static ReplayAnswer<T> Failed<T>(string message) where T : class => new(null, message);
    }

    /// <summary>A lending job's recordings: the Results, and the summary when one was recorded (else it is derived).</summary>
    internal sealed record LendingReplay(LendingRecording Results, LendingSummaryRecording? Summary);
}
