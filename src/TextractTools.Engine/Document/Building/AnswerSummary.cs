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

        public static AnswerSummary Of(IReadOnlyList<AnswerInfo> answers)
        {
            var summary = new AnswerSummary();
            var seenWarnings = new HashSet<string>(StringComparer.Ordinal);
            foreach (AnswerInfo answer in answers)
            {
                ThrowIfUnreadable(answer);
                summary.JobStatus = MoreSevere(summary.JobStatus, answer.JobStatus);
                summary.StatusMessage ??= answer.StatusMessage;
                summary.ModelVersion ??= answer.ModelVersion;
                if (answer.PageCount.HasValue) summary.PageCount = Math.Max(summary.PageCount ?? 0, answer.PageCount.Value);
                foreach (TextractDocumentWarning warning in answer.Warnings)
                {
                    if (seenWarnings.Add(warning.Code + ":" + string.Join(",", warning.Pages))) summary.Warnings.Add(warning);
                }
            }
            if (summary.JobStatus == "PARTIAL_SUCCESS")
            {
                summary.Warnings.Add(new TextractDocumentWarning(ReaderWarningCodes.PartialSuccess,
                    "The job ended in PARTIAL_SUCCESS: some pages were not processed" +
                    (summary.StatusMessage == null ? "." : ": " + summary.StatusMessage)));
            }
            return summary;
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
