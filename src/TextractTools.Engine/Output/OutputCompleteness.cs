using System.IO;
using System.Linq;
using TextractTools.Engine.Document;
using TextractTools.Engine.Jobs;

namespace TextractTools.Engine.Output
{
    /// <summary>
    /// The last check before a job's output is handed out: a job that SUCCEEDED must come back whole. A document
    /// shorter than the job says (pages without a PAGE block, fewer pages than DocumentMetadata.Pages) is an error,
    /// never a silently shorter result. PARTIAL_SUCCESS output is allowed to lack the pages its warnings name.
    /// </summary>
    public static class OutputCompleteness
    {
        public static void Check(TextractDocument document, TextractJob job, string source) =>
            Check(document.Warnings, document.PageCount, job, source);

        /// <summary>The same check for output of any kind.</summary>
        public static void Check(TextractOutput output, TextractJob job, string source) =>
            Check(output.Warnings, output.PageCount, job, source);

        /// <summary>The same check for output read in parts: every part's warnings and the highest page count they gave.</summary>
        public static void Check(System.Collections.Generic.IReadOnlyList<TextractDocumentWarning> warnings, int pageCount, TextractJob job, string source)
        {
            if (job.Status == "PARTIAL_SUCCESS") return;
            var missing = warnings.FirstOrDefault(w => w.Code == ReaderWarningCodes.MissingPages);
            if (missing != null)
                throw new InvalidDataException($"The output of job {job.JobId} read from {source} is incomplete: {missing.Message}");
            if (job.Pages.HasValue && pageCount < job.Pages.Value)
                throw new InvalidDataException($"The output of job {job.JobId} read from {source} describes {pageCount} page(s), " +
                                               $"but the job reported {job.Pages.Value}: part of the output is missing.");
        }
    }
}
