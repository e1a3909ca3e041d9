using System;
using System.Linq;
using TextractTools.LocalEndpoint.Textract;

namespace TextractTools.LocalEndpoint.Faults
{
    /// <summary>How a job's end is spoiled by the fault plan, decided once when the job starts.</summary>
    public enum JobOutcome
    {
        /// <summary>The job ends as its recording says.</summary>
        AsRecorded,

        /// <summary>The job ends FAILED, with no output.</summary>
        Failed,

        /// <summary>The job ends PARTIAL_SUCCESS: its last page failed (named in Warnings), the other pages are served
        /// (blocks, expense documents and lending results of that page are left out).</summary>
        Partial,
    }

    /// <summary>
    /// The fault decided for one job: its outcome, how late its numbered output objects appear, and how long it
    /// stays IN_PROGRESS (null: the endpoint's --job-seconds).
    /// </summary>
    public sealed record JobFault(JobOutcome Outcome, TimeSpan LateOutput, TimeSpan? Duration = null)
    {
        public static JobFault None { get; } = new(JobOutcome.AsRecorded, TimeSpan.Zero);

        /// <summary>The Warnings ErrorCode of the failed page (the service's own codes for this case are unverified).</summary>
        public const string FailedPageCode = "PAGE_PROCESSING_FAILED";

        public const string FailedMessage = "Injected by the local endpoint's fault plan: the job failed.";

        /// <summary>Applies the outcome to a SUCCEEDED result; other results (a recording that failed) are kept as they are.</summary>
        internal JobResult Shape(JobResult result)
        {
            if (!result.Succeeded || Outcome == JobOutcome.AsRecorded) return result;
            if (Outcome == JobOutcome.Failed) return JobResult.Failure(FailedMessage);
            var failedPage = Math.Max(1, result.Pages);
            var kept = result.Blocks.Where(b => b.Page != failedPage).ToList();
            // Expense documents and lending results that lie on the failed page only are left out with it.
            var keptItems = result.Items.Where(i => !(i.Pages.Count > 0 && i.Pages.All(p => p == failedPage))).ToList();
            return new JobResult("PARTIAL_SUCCESS", null, result.Pages, kept)
            {
                Items = keptItems,
                Warnings = new[] { new JobWarning(FailedPageCode, new[] { failedPage }) },
            };
        }
    }
}
