namespace TextractTools.Engine.Document
{
    /// <summary>What a Textract answer (or a file of answers) holds; see <see cref="TextractOutputKinds"/>.</summary>
    public enum TextractOutputKind
    {
        /// <summary>JSON that is no Textract answer this module knows.</summary>
        Unknown = 0,

        /// <summary>Answers with a JobStatus (or DocumentMetadata) but no results: e.g. a FAILED or IN_PROGRESS job's Get answer.</summary>
        StatusOnly,

        /// <summary>Blocks: text detection or document analysis (read by <see cref="TextractDocumentReader"/>).</summary>
        Blocks,

        /// <summary>ExpenseDocuments: expense analysis of invoices and receipts (read by <see cref="TextractExpenseReader"/>).</summary>
        Expense,

        /// <summary>Results: lending analysis, page by page (read by <see cref="TextractLendingReader"/>).</summary>
        Lending,

        /// <summary>Summary: the lending analysis summary (read by <see cref="TextractLendingReader"/>).</summary>
        LendingSummary,

        /// <summary>IdentityDocuments: identity document analysis (AnalyzeID), which no reader of this module reads.</summary>
        Identity,
    }
}
