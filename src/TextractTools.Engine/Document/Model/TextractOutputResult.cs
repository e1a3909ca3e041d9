using System.Collections.Generic;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// What the whole output of one read says about itself, whatever its kind (expense, lending, lending summary):
    /// the job's status and message, the model version, the page count and the warnings, and the origin every object
    /// of the read refers to.
    /// </summary>
    public abstract class TextractOutputResult : TextractOutputObject
    {
        private protected TextractOutputResult(TextractDocumentOrigin origin, OutputStatus status)
            : base(origin)
        {
            JobStatus = status.JobStatus;
            StatusMessage = status.StatusMessage;
            ModelVersion = status.ModelVersion;
            PageCount = status.PageCount;
            Warnings = new CountedList<TextractDocumentWarning>(status.Warnings, "warning", "warnings");
        }

        /// <summary>The origin every object of this output reads Document and JobId through: set them here.</summary>
        public new TextractDocumentOrigin Origin => base.Origin;

        /// <summary>SUCCEEDED or PARTIAL_SUCCESS for a job's output; null for a synchronous answer.</summary>
        public string? JobStatus { get; }

        public string? StatusMessage { get; }

        /// <summary>The answers' *ModelVersion (AnalyzeExpenseModelVersion, AnalyzeLendingModelVersion).</summary>
        public string? ModelVersion { get; }

        /// <summary>DocumentMetadata.Pages, or the highest page number seen when the answers do not say.</summary>
        public int PageCount { get; }

        /// <summary>Textract's warnings and the reader's own.</summary>
        public IReadOnlyList<TextractDocumentWarning> Warnings { get; }
    }
}
