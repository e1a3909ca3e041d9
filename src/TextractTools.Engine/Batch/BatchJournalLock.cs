using System;
using System.IO;

namespace TextractTools.Engine.Batch
{
    /// <summary>A second run on a state file that another run is using.</summary>
    public sealed class BatchJournalLockedException : IOException
    {
        public BatchJournalLockedException(string stateFile, Exception inner)
            : base($"The state file {stateFile} is in use by another run (its lock file {BatchJournalLock.PathFor(stateFile)} is held). " +
                   "Two runs on one state file could start or deliver a document twice; wait for the other run to end.", inner)
        {
            StateFile = stateFile;
        }

        public string StateFile { get; }
    }

    /// <summary>
    /// Keeps two runs off one journal: "{state file}.lock" opened with FileShare.None for as long as the run lasts
    /// (on Linux and macOS .NET backs that with an exclusive flock). The operating system releases it when the
    /// process dies, so a crash never leaves the batch locked. The file itself is left in place: deleting it on
    /// close would let a third run lock a new file while a second still holds the unlinked old one.
    /// </summary>
    public sealed class BatchJournalLock : IDisposable
    {
        private readonly FileStream _stream;

        private BatchJournalLock(FileStream stream) => _stream = stream;

        public static string PathFor(string stateFile) => stateFile + ".lock";

        public static BatchJournalLock Acquire(string stateFile)
        {
            var path = PathFor(stateFile);
            try
            {
                return new BatchJournalLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException e) when (!(e is FileNotFoundException) && !(e is DirectoryNotFoundException) && !(e is PathTooLongException))
            {
                throw new BatchJournalLockedException(stateFile, e);
            }
        }

        public void Dispose() => _stream.Dispose();
    }
}
