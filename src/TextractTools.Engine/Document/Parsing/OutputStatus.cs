using System;
using System.Collections.Generic;
using TextractTools.Engine.Document.Building;

namespace TextractTools.Engine.Document.Parsing
{
    /// <summary>
    /// The job-level facts of expense and lending output, folded from every answer by <see cref="AnswerSummary"/>
    /// (which refuses FAILED and unfinished jobs), plus the warnings the reader itself raises.
    /// </summary>
    internal sealed class OutputStatus
    {
        private OutputStatus(AnswerSummary summary)
        {
            JobStatus = summary.JobStatus;
            StatusMessage = summary.StatusMessage;
            ModelVersion = summary.ModelVersion;
            PageCount = summary.PageCount ?? 0;
            Warnings = summary.Warnings;
        }

        public string? JobStatus { get; }
        public string? StatusMessage { get; }
        public string? ModelVersion { get; }
        public int PageCount { get; private set; }
        public List<TextractDocumentWarning> Warnings { get; }

        /// <summary>Folds the answers' job-level members; refuses a FAILED or unfinished job before its results are built.</summary>
        public static OutputStatus Of(IReadOnlyList<AnswerInfo> answers) => new OutputStatus(AnswerSummary.Of(answers));

        /// <param name="highestPage">The highest page number the results name: the page count when no answer gives one.</param>
        /// <param name="readerWarnings">Warnings the reader raised while reading, kept after Textract's own.</param>
        public void Complete(int highestPage, params IEnumerable<TextractDocumentWarning>[] readerWarnings)
        {
            PageCount = Math.Max(PageCount, highestPage);
            foreach (IEnumerable<TextractDocumentWarning> warnings in readerWarnings) Warnings.AddRange(warnings);
        }
    }
}
