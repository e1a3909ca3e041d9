using System;
using System.Collections.Generic;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Building
{
    /// <summary>
    /// Folds the job-level members of every answer into one: refuses output of a FAILED or unfinished job (it would
    /// read as a short document), keeps the status, model version, page count and Textract's warnings (once each:
    /// every Get* page repeats them).
    /// </summary>
    internal sealed class AnswerSummary
    {
        public string? JobStatus { get; private set; }
        public string? StatusMessage { get; private set; }
        public string? ModelVersion { get; private set; }
        public int? PageCount { get; private set; }
        public List<TextractDocumentWarning> Warnings { get; } = new List<TextractDocumentWarning>();

        private readonly HashSet<string> _seenWarnings = new HashSet<string>(StringComparer.Ordinal);
        private bool _finished;

        public static AnswerSummary Of(IReadOnlyList<AnswerInfo> answers)
        {
            var summary = new AnswerSummary();
            foreach (AnswerInfo answer in answers) summary.Add(answer);
            summary.Finish();
            return summary;
        }

        /// <summary>
        /// Folds in one more answer (as it arrives, when the output is read page by page): a FAILED or unfinished job
        /// is refused here, before anything after it is read.
        /// </summary>
        public void Add(AnswerInfo answer)
        {
            ThrowIfUnreadable(answer);
            JobStatus = MoreSevere(JobStatus, answer.JobStatus);
            StatusMessage ??= answer.StatusMessage;
            ModelVersion ??= answer.ModelVersion;
            if (answer.PageCount.HasValue) PageCount = Math.Max(PageCount ?? 0, answer.PageCount.Value);
            foreach (TextractDocumentWarning warning in answer.Warnings)
            {
                if (_seenWarnings.Add(warning.Code + ":" + string.Join(",", warning.Pages))) Warnings.Add(warning);
            }
        }

        /// <summary>Adds the reader's PARTIAL_SUCCESS warning (once): after the last answer, or as soon as one says so when read page by page.</summary>
        public void Finish()
        {
            if (_finished || JobStatus != "PARTIAL_SUCCESS") return;
            _finished = true;
            Warnings.Add(new TextractDocumentWarning(ReaderWarningCodes.PartialSuccess,
                "The job ended in PARTIAL_SUCCESS: some pages were not processed" +
                (StatusMessage == null ? "." : ": " + StatusMessage)));
        }

        private static void ThrowIfUnreadable(AnswerInfo answer)
        {
            if (answer.OtherResultMember != null)
            {
                throw new TextractOutputException(
                    $"{answer.Source}: this is {answer.OtherResultMember} output (expense, identity or lending analysis), " +
                    "which has no Blocks; the document model reads text detection and document analysis output.", answer.Source);
            }
            switch (answer.JobStatus)
            {
                case "FAILED":
                    throw new TextractOutputException(
                        $"{answer.Source}: the Textract job FAILED: {answer.StatusMessage ?? "(no StatusMessage given)"}", answer.Source)
                    { StatusMessage = answer.StatusMessage };
                case "IN_PROGRESS":
                    throw new TextractOutputException(
                        $"{answer.Source}: the Textract job is still IN_PROGRESS, so its output is incomplete; wait for it to finish." +
                        (answer.StatusMessage == null ? "" : " " + answer.StatusMessage), answer.Source)
                    { StatusMessage = answer.StatusMessage };
            }
        }

        private static string? MoreSevere(string? current, string? next)
        {
            if (current == "PARTIAL_SUCCESS" || next == null) return current;
            return next;
        }
    }
}
