using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace TextractTools.Engine.Batch
{
    /// <summary>A batch state that cannot be used: a journal damaged in the middle, or a batch (journal or shared) begun with other options.</summary>
    public sealed class BatchJournalException : IOException
    {
        public BatchJournalException(string message, Exception? inner = null) : base(message, inner) { }
    }

    /// <summary>
    /// The batch's memory across runs: an append-only file of JSON lines, one per state change. Each record is on
    /// disk (flushed through the OS cache) before the caller acts on it, so after a crash the journal never says
    /// less than what the next step needs to resume. A crash while writing leaves at most a torn last line, which
    /// opening cuts off; a bad line followed by good ones is damage, and opening refuses it. As a
    /// <see cref="BatchStore"/> it is one host's: the lock file keeps other runs out, so every claim succeeds.
    /// </summary>
    public sealed class BatchJournal : BatchStore
    {
        private readonly BatchJournalLock _lock;
        private readonly FileStream _file;
        private readonly List<BatchRecord> _records;

        private BatchJournal(string path, BatchJournalLock fileLock, FileStream file, List<BatchRecord> records, long cutBytes)
        {
            Path = path;
            _lock = fileLock;
            _file = file;
            _records = records;
            TornBytesDiscarded = cutBytes;
            State = BatchState.From(records);
        }

        public string Path { get; }

        public override string Location => Path;

        /// <summary>The records folded into one state per document, kept up to date as records are appended.</summary>
        public override BatchState State { get; }

        internal override string ParameterName => "StateFile";

        internal override string Description => "the state file " + Path;

        /// <summary>The records in the order they were written.</summary>
        public IReadOnlyList<BatchRecord> Records => _records;

        /// <summary>How many bytes of a torn last line opening cut off (0 after a clean end).</summary>
        public long TornBytesDiscarded { get; }

        /// <summary>Raised before a record is written (tests use it to stop a run just before a step is recorded).</summary>
        public event Action<BatchRecord>? Appending;

        /// <summary>Raised once a record is on disk.</summary>
        public event Action<BatchRecord>? Appended;

        /// <summary>Locks the journal for this run (see <see cref="BatchJournalLock"/>), reads it and cuts a torn end.</summary>
        public static BatchJournal Open(string path)
        {
            var full = System.IO.Path.GetFullPath(path);
            var folder = System.IO.Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            var fileLock = BatchJournalLock.Acquire(full);
            FileStream? file = null;
            try
            {
                // Others may read the journal while the run lasts (to watch it); nobody else may write it.
                file = new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
                var (records, goodLength) = ReadRecords(file, full);
                var cut = file.Length - goodLength;
                if (cut > 0)
                {
                    file.SetLength(goodLength);
                    file.Flush(true);
                }
                file.Seek(0, SeekOrigin.End);
                return new BatchJournal(full, fileLock, file, records, cut);
            }
            catch
            {
                file?.Dispose();
                fileLock.Dispose();
                throw;
            }
        }

        /// <summary>Writes the record and forces it to disk before returning.</summary>
        public void Append(BatchRecord record)
        {
            Appending?.Invoke(record);
            var line = record.ToJsonLine();
            // One write of the whole line: a crash can tear it but never interleave it with another record.
            _file.Write(line, 0, line.Length);
            _file.Flush(true);
            _records.Add(record);
            State.Apply(record);
            Appended?.Invoke(record);
        }

        internal override Task BeginAsync(string options, CancellationToken cancellationToken)
        {
            if (State.Options is null) Append(new BatchRecord { Type = BatchRecordType.Batch, Options = options });
            else if (!string.Equals(State.Options, options, StringComparison.Ordinal)) throw OptionsMismatch(State.Options, options);
            return Task.CompletedTask;
        }

        internal override Task AddAsync(IReadOnlyList<BatchRecord> discovered, CancellationToken cancellationToken)
        {
            foreach (var record in discovered) Append(record);
            return Task.CompletedTask;
        }

        // One run holds the journal and so every document of it.
        internal override Task<bool> ClaimAsync(BatchDocumentState document, CancellationToken cancellationToken) => Task.FromResult(true);

        internal override Task<bool> RecordAsync(BatchRecord record, CancellationToken cancellationToken)
        {
            Append(record);
            return Task.FromResult(true);
        }

        internal override Task ReleaseAsync(BatchDocumentState document, CancellationToken cancellationToken) => Task.CompletedTask;

        /// <summary>The records of a journal, read without taking its lock (a run may be writing it): a torn last line is left out.</summary>
        public static IReadOnlyList<BatchRecord> ReadRecords(string path)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return ReadRecords(file, System.IO.Path.GetFullPath(path)).Records;
        }

        public override void Dispose()
        {
            _file.Dispose();
            _lock.Dispose();
        }

        private static (List<BatchRecord> Records, long GoodLength) ReadRecords(FileStream file, string path)
        {
            var bytes = new byte[file.Length];
            file.Seek(0, SeekOrigin.Begin);
            var read = 0;
            while (read < bytes.Length)
            {
                var n = file.Read(bytes, read, bytes.Length - read);
                if (n == 0) break;
                read += n;
            }

            var records = new List<BatchRecord>();
            long goodLength = 0;
            var start = 0;
            var lineNumber = 0;
            while (start < read)
            {
                lineNumber++;
                var end = Array.IndexOf(bytes, (byte)'\n', start, read - start);
                // No newline: the write of the last record was cut short.
                if (end < 0) break;
                var text = Encoding.UTF8.GetString(bytes, start, end - start).Trim();
                if (text.Length > 0)
                {
                    BatchRecord record;
                    try
                    {
                        record = BatchRecord.Parse(text);
                    }
                    catch (Exception e) when (e is System.Text.Json.JsonException || e is FormatException || e is ArgumentException)
                    {
                        // A bad last line is a torn write (a crash can leave garbage up to a newline); a bad line
                        // with good ones after it is damage that cutting would lose.
                        if (HasRecordAfter(bytes, end + 1, read)) throw new BatchJournalException($"Line {lineNumber} of the state file {path} is not a journal record ({e.Message}); the file is damaged. Repair or remove that line, or start a new state file.", e);
                        break;
                    }
                    records.Add(record);
                }
                start = end + 1;
                goodLength = start;
            }
            return (records, goodLength);
        }

        private static bool HasRecordAfter(byte[] bytes, int from, int length)
        {
            for (var i = from; i < length; i++)
            {
                var b = bytes[i];
                if (b != (byte)'\n' && b != (byte)'\r' && b != (byte)' ' && b != (byte)'\t' && b != 0) return true;
            }
            return false;
        }
    }
}
