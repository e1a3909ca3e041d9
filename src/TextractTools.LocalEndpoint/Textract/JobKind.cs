namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>Which Start*/Get* pair a job belongs to; a job is read only through its own Get operations.</summary>
    internal enum JobKind
    {
        TextDetection,
        Analysis,
        Expense,
        Lending,
    }

    internal static class JobKindNames
    {
        /// <summary>The model version the local endpoint reports; the service has answered "1.0" for years.</summary>
        public const string ModelVersion = "1.0";

        /// <summary>The Start operation (also the "API" of the job's SNS notification and the fault plan's rule).</summary>
        public static string StartOperation(this JobKind kind) => kind switch
        {
            JobKind.TextDetection => "StartDocumentTextDetection",
            JobKind.Analysis => "StartDocumentAnalysis",
            JobKind.Expense => "StartExpenseAnalysis",
            _ => "StartLendingAnalysis",
        };

        public static string ModelVersionMember(this JobKind kind) => kind switch
        {
            JobKind.TextDetection => "DetectDocumentTextModelVersion",
            JobKind.Analysis => "AnalyzeDocumentModelVersion",
            JobKind.Expense => "AnalyzeExpenseModelVersion",
            _ => "AnalyzeLendingModelVersion",
        };

        /// <summary>Whether the kind's Get answers page Blocks (else ExpenseDocuments or lending Results).</summary>
        public static bool ServesBlocks(this JobKind kind) => kind is JobKind.TextDetection or JobKind.Analysis;

        /// <summary>The array a Get answer of the kind pages: "Blocks", "ExpenseDocuments" or "Results".</summary>
        public static string PagedMember(this JobKind kind) => kind switch
        {
            JobKind.Expense => "ExpenseDocuments",
            JobKind.Lending => "Results",
            _ => "Blocks",
        };

        /// <summary>
        /// The most units one Get answer (and one output object) holds, and MaxResults' default: 1,000 blocks, 20
        /// ExpenseDocuments, 30 lending Results (service model: GetExpenseAnalysis / GetLendingAnalysis MaxResults).
        /// </summary>
        public static int PageSize(this JobKind kind) => kind switch
        {
            JobKind.Expense => 20,
            JobKind.Lending => 30,
            _ => 1000,
        };
    }
}
