namespace TextractTools.LocalEndpoint.Replay
{
    /// <summary>What the library can say about one document: its blocks, or why the job must fail.</summary>
    internal sealed record ReplayAnswer(Recording? Recording, string? FailureMessage)
    {
        public static ReplayAnswer Found(Recording recording) => new(recording, null);
        public static ReplayAnswer Failed(string message) => new(null, message);
    }
}
