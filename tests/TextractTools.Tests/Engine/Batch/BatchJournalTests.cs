using System;
using System.IO;
using System.Linq;
using System.Text;
using TextractTools.Engine.Batch;
using Xunit;

namespace TextractTools.Tests.Engine.Batch
{
    /// <summary>The journal on disk: what goes in comes back, a torn end is cut, damage and a second run are refused.</summary>
    public sealed class BatchJournalTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "tt-journal-" + Guid.NewGuid().ToString("N"));

        private string StateFile => Path.Combine(_folder, "state", "batch.jsonl");

        public void Dispose()
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
        }

        private static BatchRecord[] SampleRecords() => new[]
        {
            new BatchRecord { Type = BatchRecordType.Batch, Options = "features=TABLES; region=us-east-1" },
            new BatchRecord { Type = BatchRecordType.Discovered, Token = "tt-a", Document = "s3://in/a.pdf", Source = "/tmp/a \"quoted\" ü.pdf" },
            new BatchRecord { Type = BatchRecordType.Discovered, Token = "tt-b", Document = "s3://in/b.pdf" },
            new BatchRecord { Type = BatchRecordType.Started, Token = "tt-a", JobId = "job-a" },
            new BatchRecord { Type = BatchRecordType.Finished, Token = "tt-a", JobId = "job-a", Status = "SUCCEEDED", Pages = 3 },
            new BatchRecord { Type = BatchRecordType.Finished, Token = "tt-b", Status = BatchStatus.FailedToStart, Message = "UnsupportedDocumentException: nope\nsecond line" },
            new BatchRecord { Type = BatchRecordType.Delivered, Token = "tt-a", JobId = "job-a", Path = "/out/a.pdf.job-a" },
        };

        [Fact]
        public void Records_written_come_back_in_order_with_every_member()
        {
            var written = SampleRecords();
            using (var journal = BatchJournal.Open(StateFile))
            {
                foreach (var r in written) journal.Append(r);
            }

            using var reopened = BatchJournal.Open(StateFile);
            Assert.Equal(0, reopened.TornBytesDiscarded);
            Assert.Equal(written.Length, reopened.Records.Count);
            for (var i = 0; i < written.Length; i++)
            {
                var (a, b) = (written[i], reopened.Records[i]);
                Assert.Equal(a.Type, b.Type);
                Assert.Equal(a.Token, b.Token);
                Assert.Equal(a.Document, b.Document);
                Assert.Equal(a.Source, b.Source);
                Assert.Equal(a.JobId, b.JobId);
                Assert.Equal(a.Status, b.Status);
                Assert.Equal(a.Message, b.Message);
                Assert.Equal(a.Pages, b.Pages);
                Assert.Equal(a.Path, b.Path);
                Assert.Equal(a.Options, b.Options);
                Assert.Equal(a.At, b.At);
            }
            // One JSON object per line, each line complete.
            var lines = File.ReadAllText(StateFile).Split('\n');
            Assert.Equal(written.Length + 1, lines.Length);
            Assert.Equal("", lines[^1]);
        }

        [Fact]
        public void The_state_of_each_document_is_its_last_record()
        {
            var state = BatchState.From(SampleRecords());
            Assert.Equal("features=TABLES; region=us-east-1", state.Options);
            Assert.Equal(new[] { "tt-a", "tt-b" }, state.Documents.Select(d => d.Token));
            var a = state.Find("tt-a")!;
            Assert.Equal(BatchStage.Delivered, a.Stage);
            Assert.Equal("job-a", a.JobId);
            Assert.Equal("/out/a.pdf.job-a", a.OutputFolder);
            Assert.True(a.IsDone);
            var b = state.Find("tt-b")!;
            Assert.True(b.FailedToStart);
            Assert.False(b.IsDone);

            // A FAILED_TO_START document started in a later run is Started again.
            state.Apply(new BatchRecord { Type = BatchRecordType.Started, Token = "tt-b", JobId = "job-b" });
            Assert.Equal(BatchStage.Started, b.Stage);
            Assert.False(b.FailedToStart);
            Assert.Null(b.Status);
        }

        [Theory]
        [InlineData("{\"type\":\"Started\",\"tok")]
        [InlineData("{\"type\":\"Started\",\"token\":\"tt-b\",\"jobId\":\"job-b\"}")]
        [InlineData("\0\0\0\0\0\0\0\0")]
        [InlineData("{\"type\":\"Sta\0\0\0\n")]
        public void A_torn_last_line_is_cut_and_the_next_record_starts_on_a_line_of_its_own(string tornTail)
        {
            using (var journal = BatchJournal.Open(StateFile))
            {
                foreach (var r in SampleRecords().Take(3)) journal.Append(r);
            }
            var goodLength = new FileInfo(StateFile).Length;
            File.AppendAllText(StateFile, tornTail, new UTF8Encoding(false));

            using (var reopened = BatchJournal.Open(StateFile))
            {
                Assert.Equal(3, reopened.Records.Count);
                Assert.Equal(new FileInfo(StateFile).Length, goodLength);
                Assert.True(reopened.TornBytesDiscarded > 0);
                reopened.Append(new BatchRecord { Type = BatchRecordType.Started, Token = "tt-a", JobId = "job-a" });
            }

            using var again = BatchJournal.Open(StateFile);
            Assert.Equal(4, again.Records.Count);
            Assert.Equal("job-a", again.Records[3].JobId);
            Assert.Equal(0, again.TornBytesDiscarded);
        }

        [Fact]
        public void A_damaged_line_with_records_after_it_is_refused_naming_the_line()
        {
            Directory.CreateDirectory(Path.GetDirectoryName(StateFile)!);
            var lines = SampleRecords().Select(r => r.ToString()).ToList();
            lines[2] = "this is not a record";
            File.WriteAllText(StateFile, string.Join("\n", lines) + "\n");

            var error = Assert.Throws<BatchJournalException>(() => BatchJournal.Open(StateFile));
            Assert.Contains("Line 3", error.Message);
            Assert.Contains(StateFile, error.Message);
            // Refusing cut nothing.
            Assert.Equal(string.Join("\n", lines) + "\n", File.ReadAllText(StateFile));
        }

        [Fact]
        public void A_second_run_on_the_same_state_file_is_refused_until_the_first_ends()
        {
            using (var first = BatchJournal.Open(StateFile))
            {
                first.Append(SampleRecords()[0]);
                var error = Assert.Throws<BatchJournalLockedException>(() => BatchJournal.Open(StateFile));
                Assert.Contains("in use by another run", error.Message);
                Assert.Equal(Path.GetFullPath(StateFile), error.StateFile);
                // Readers may still look at the journal while the run holds it.
                using var reader = new StreamReader(new FileStream(StateFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
                Assert.Contains("\"Batch\"", reader.ReadToEnd());
            }

            using var second = BatchJournal.Open(StateFile);
            Assert.Single(second.Records);
        }

        [Fact]
        public void Hooks_see_each_record_before_and_after_it_is_written()
        {
            using var journal = BatchJournal.Open(StateFile);
            var seen = new System.Collections.Generic.List<string>();
            journal.Appending += r => seen.Add("before " + r.Type + " " + journal.Records.Count);
            journal.Appended += r => seen.Add("after " + r.Type + " " + journal.Records.Count);
            journal.Append(SampleRecords()[0]);
            Assert.Equal(new[] { "before Batch 0", "after Batch 1" }, seen);
        }
    }
}
