using System.Collections.Generic;

namespace TextractTools.Engine.Document.Parsing
{
    /// <summary>The members of one Get*/Analyze* answer that are about the job rather than its blocks.</summary>
    internal sealed class AnswerInfo
    {
        public AnswerInfo(string source)
        {
            Source = source;
        }

        public string Source { get; }
        public string? JobStatus { get; set; }
        public string? StatusMessage { get; set; }
        public string? ModelVersion { get; set; }
        public int? PageCount { get; set; }
        public List<TextractDocumentWarning> Warnings { get; } = new List<TextractDocumentWarning>();
        public bool HasBlocks { get; set; }
        /// <summary>The member that shows the answer is not block output (ExpenseDocuments, IdentityDocuments, ...).</summary>
        public string? OtherResultMember { get; set; }

        /// <summary>Keeps one of the answer's Warnings (ErrorCode and Pages, either may be absent).</summary>
        public void AddTextractWarning(string? code, List<int> pages)
        {
            code ??= "UnknownWarning";
            string where = pages.Count == 0 ? string.Empty : $" on page(s) {string.Join(", ", pages)}";
            Warnings.Add(new TextractDocumentWarning(code, $"Textract reported {code}{where}", pages, Source));
        }
    }
}
