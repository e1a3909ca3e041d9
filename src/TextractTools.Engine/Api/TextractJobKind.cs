using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Api
{
    /// <summary>Which asynchronous Textract API a job belongs to.</summary>
    public enum TextractJobKind
    {
        /// <summary>StartDocumentTextDetection / GetDocumentTextDetection.</summary>
        TextDetection,

        /// <summary>StartDocumentAnalysis / GetDocumentAnalysis (tables, forms, queries, signatures, layout).</summary>
        DocumentAnalysis,

        /// <summary>StartExpenseAnalysis / GetExpenseAnalysis (invoices and receipts).</summary>
        ExpenseAnalysis,

        /// <summary>StartLendingAnalysis / GetLendingAnalysis and GetLendingAnalysisSummary (mortgage packages).</summary>
        LendingAnalysis,
    }

    /// <summary>
    /// One job kind, described once: its operations, the options it takes, how its answers are paged and shaped, and
    /// where its output lands in the output bucket. The client, the starter, the waiter, the output readers, the
    /// token, the batch's option check and the policy generator read this table, so a new kind is one entry here.
    /// </summary>
    public sealed class TextractJobKindInfo
    {
        private static readonly TextractJobKindInfo[] Kinds =
        {
            new TextractJobKindInfo(TextractJobKind.TextDetection, "text detection", "StartDocumentTextDetection", "GetDocumentTextDetection",
                null, maxResultsPerPage: 1000, "DetectDocumentTextModelVersion", "Blocks", takesFeatures: false, pagesFolder: "", summaryFolder: null),
            new TextractJobKindInfo(TextractJobKind.DocumentAnalysis, "document analysis", "StartDocumentAnalysis", "GetDocumentAnalysis",
                null, maxResultsPerPage: 1000, "AnalyzeDocumentModelVersion", "Blocks", takesFeatures: true, pagesFolder: "", summaryFolder: null),
            new TextractJobKindInfo(TextractJobKind.ExpenseAnalysis, "expense analysis", "StartExpenseAnalysis", "GetExpenseAnalysis",
                null, maxResultsPerPage: 20, "AnalyzeExpenseModelVersion", "ExpenseDocuments", takesFeatures: false, pagesFolder: "", summaryFolder: null),
            // The job's output folder holds detailedResponse/ (GetLendingAnalysis pages), summaryResponse/ and
            // splitDocuments/ (StartLendingAnalysis API reference); the object names inside are unverified.
            new TextractJobKindInfo(TextractJobKind.LendingAnalysis, "lending analysis", "StartLendingAnalysis", "GetLendingAnalysis",
                "GetLendingAnalysisSummary", maxResultsPerPage: 30, "AnalyzeLendingModelVersion", "Results", takesFeatures: false,
                pagesFolder: "detailedResponse/", summaryFolder: "summaryResponse/"),
        };

        private TextractJobKindInfo(TextractJobKind kind, string description, string startOperation, string getOperation,
            string? summaryOperation, int maxResultsPerPage, string modelVersionMember, string resultsMember, bool takesFeatures,
            string pagesFolder, string? summaryFolder)
        {
            Kind = kind;
            Description = description;
            StartOperation = startOperation;
            GetOperation = getOperation;
            SummaryOperation = summaryOperation;
            MaxResultsPerPage = maxResultsPerPage;
            ModelVersionMember = modelVersionMember;
            ResultsMember = resultsMember;
            TakesFeatures = takesFeatures;
            PagesFolder = pagesFolder;
            SummaryFolder = summaryFolder;
        }

        public static IReadOnlyList<TextractJobKindInfo> All => Kinds;

        public static TextractJobKindInfo Of(TextractJobKind kind)
        {
            foreach (var info in Kinds)
                if (info.Kind == kind) return info;
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown Textract job kind.");
        }

        public TextractJobKind Kind { get; }

        /// <summary>How messages name the kind ("expense analysis").</summary>
        public string Description { get; }

        public string StartOperation { get; }

        /// <summary>The paged Get operation that gives the job's status and results.</summary>
        public string GetOperation { get; }

        /// <summary>A further Get operation without paging (GetLendingAnalysisSummary), or null.</summary>
        public string? SummaryOperation { get; }

        /// <summary>The most results one Get call returns (the service's cap on MaxResults).</summary>
        public int MaxResultsPerPage { get; }

        /// <summary>The answer's model version member (AnalyzeExpenseModelVersion, ...).</summary>
        public string ModelVersionMember { get; }

        /// <summary>The answer's member that holds the results (Blocks, ExpenseDocuments, Results).</summary>
        public string ResultsMember { get; }

        /// <summary>Whether the Start operation takes FeatureTypes, QueriesConfig and AdaptersConfig.</summary>
        public bool TakesFeatures { get; }

        /// <summary>Where the numbered Get-style pages are, relative to the job's output folder ({prefix}/{JobId}/).</summary>
        public string PagesFolder { get; }

        /// <summary>Where the summary answer is, relative to the job's output folder; null when the kind has none.</summary>
        public string? SummaryFolder { get; }

        /// <summary>The IAM actions of the kind's operations (textract:StartExpenseAnalysis, ...): <see cref="StartAction"/> and <see cref="ResultActions"/>.</summary>
        public IEnumerable<string> Actions
        {
            get
            {
                yield return StartAction;
                foreach (var action in ResultActions) yield return action;
            }
        }

        /// <summary>The IAM action of the Start operation (textract:StartDocumentAnalysis).</summary>
        public string StartAction => "textract:" + StartOperation;

        /// <summary>The IAM actions that read a job's status and results (textract:GetLendingAnalysis, textract:GetLendingAnalysisSummary).</summary>
        public IEnumerable<string> ResultActions
        {
            get
            {
                yield return "textract:" + GetOperation;
                if (SummaryOperation != null) yield return "textract:" + SummaryOperation;
            }
        }

        public override string ToString() => Kind.ToString();
    }
}
