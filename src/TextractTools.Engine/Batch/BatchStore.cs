using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace TextractTools.Engine.Batch
{
    /// <summary>
    /// Where a batch's state lives, as the runner sees it: the local journal file of one host (<see cref="BatchJournal"/>,
    /// -StateFile) or an S3 prefix that any number of hosts share (<see cref="S3BatchStore"/>, -StateUri). The runner
    /// moves documents through the same stages on either; the stores differ only in who else may hold a document. In
    /// a journal this run holds every document (the lock file keeps other runs out); in a shared store a document is
    /// claimed before it is worked, and a write by a host that lost its claim is refused.
    /// </summary>
    public abstract class BatchStore : IDisposable
    {
        // Only this assembly's stores: the runner relies on what each promises.
        private protected BatchStore()
        {
        }

        /// <summary>Where the state is: the journal's full path, or s3://bucket/prefix/.</summary>
        public abstract string Location { get; }

        /// <summary>The batch as this store knows it now (a shared store's view is as fresh as its last refresh).</summary>
        public abstract BatchState State { get; }

        /// <summary>The parameter that names this store, for messages (StateFile, StateUri).</summary>
        internal abstract string ParameterName { get; }

        /// <summary>"the state file /x" or "the shared state s3://b/p/", for messages.</summary>
        internal abstract string Description { get; }

        /// <summary>
        /// Records the batch's options when the batch is new, or refuses (BatchJournalException) options other than
        /// the ones it was begun with; then makes the store ready for work. Call before anything else.
        /// </summary>
        internal abstract Task BeginAsync(string options, CancellationToken cancellationToken);

        /// <summary>Adds documents to the batch (Discovered records of documents it does not know yet).</summary>
        internal abstract Task AddAsync(IReadOnlyList<BatchRecord> discovered, CancellationToken cancellationToken);

        /// <summary>Makes the document this host's to work; false when another host holds it (the state is updated).</summary>
        internal abstract Task<bool> ClaimAsync(BatchDocumentState document, CancellationToken cancellationToken);

        /// <summary>
        /// Records a step of a document this host holds; false when the document is no longer this host's (another
        /// host took it over: the state is updated and this host must leave the document alone).
        /// </summary>
        internal abstract Task<bool> RecordAsync(BatchRecord record, CancellationToken cancellationToken);

        /// <summary>Gives a document back without a step (this host cannot go on with it in this run).</summary>
        internal abstract Task ReleaseAsync(BatchDocumentState document, CancellationToken cancellationToken);

        /// <summary>How often other hosts' changes are read; null when no other host writes.</summary>
        internal virtual TimeSpan? RefreshInterval => null;

        /// <summary>Reads what other hosts changed since the last refresh.</summary>
        internal virtual Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <summary>True when a live host other than this one holds the document (so this one must not claim it).</summary>
        internal virtual bool IsHeldByOther(BatchDocumentState document) => false;

        /// <summary>True when the state says this host holds the document (after a refresh: it was not taken over).</summary>
        internal virtual bool IsHeldByThisHost(BatchDocumentState document) => true;

        /// <summary>This host's id in a shared batch's records; null in a journal.</summary>
        internal virtual string? HostIdOrNull => null;

        /// <summary>Ends this host's part (what it still holds becomes free for others at once).</summary>
        internal virtual Task LeaveAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public abstract void Dispose();

        /// <summary>The refusal of a run whose options differ from the batch's, naming each option that differs.</summary>
        internal BatchJournalException OptionsMismatch(string batchOptions, string runOptions) =>
            new BatchJournalException(
                $"{Capitalized(Description)} belongs to a batch begun with other options ({OptionDifference(batchOptions, runOptions)}). " +
                $"The batch: ({batchOptions}); this run: ({runOptions}). " +
                $"Finish that batch with its own options, or give this batch another -{ParameterName}.");

        /// <summary>"features: TABLES in the batch, FORMS in this run; kms: alias/a in the batch, none in this run".</summary>
        internal static string OptionDifference(string batchOptions, string runOptions)
        {
            var batch = Entries(batchOptions);
            var run = Entries(runOptions);
            var names = batch.Select(e => e.Name).Concat(run.Select(e => e.Name)).Distinct(StringComparer.Ordinal);
            var differences = new List<string>();
            foreach (var name in names)
            {
                var inBatch = string.Join(", ", batch.Where(e => e.Name == name).Select(e => e.Value));
                var inRun = string.Join(", ", run.Where(e => e.Name == name).Select(e => e.Value));
                if (inBatch == inRun) continue;
                differences.Add($"{name}: {(inBatch.Length == 0 ? "none" : inBatch)} in the batch, {(inRun.Length == 0 ? "none" : inRun)} in this run");
            }
            // Options lines are for people; a value holding "; " can split oddly, and then the lines say the rest.
            return differences.Count == 0 ? "the option lines differ" : string.Join("; ", differences);
        }

        private static List<(string Name, string Value)> Entries(string options) =>
            options.Split(new[] { "; " }, StringSplitOptions.RemoveEmptyEntries)
                .Select(e =>
                {
                    var equals = e.IndexOf('=');
                    return equals < 0 ? (e, "") : (e.Substring(0, equals), e.Substring(equals + 1));
                })
                .ToList();

        private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
