using static TextractTools.LocalEndpoint.Textract.RequestMembers;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// A validated Get* request. MaxResults defaults to the kind's page size (<see cref="JobKindNames.PageSize"/>);
    /// below 1 it is an InvalidParameterException (the model's minimum). Above the page size: GetExpenseAnalysis and
    /// GetLendingAnalysis serve the page size, as their API reference says ("If you specify a value greater than 20,
    /// a maximum of 20 results is returned"); GetDocument* keep refusing more than 1,000 as this endpoint always has
    /// (their reference says the same as the others: a difference left for the lead to decide).
    /// </summary>
    internal sealed record GetRequest(string JobId, int MaxResults, string? NextToken)
    {
        public const int MaxBlocksPerPage = 1000;

        public static GetRequest Read(JobKind kind, byte[] body)
        {
            var root = ParseBody(body);
            var jobId = RequiredJobId(root);
            var pageSize = kind.PageSize();
            var maxResults = OptionalInteger(root, "MaxResults") ?? pageSize;
            if (maxResults < 1 || (kind.ServesBlocks() && maxResults > pageSize))
                throw TextractException.InvalidParameter(kind.ServesBlocks() ? $"MaxResults must be 1 to {pageSize}." : "MaxResults must be at least 1.");
            var nextToken = OptionalString(root, "NextToken", 1, 255, TextractPatterns.NonBlank);
            return new GetRequest(jobId, System.Math.Min(maxResults, pageSize), nextToken);
        }

        /// <summary>GetLendingAnalysisSummary: JobId only (the model has no paging members for it).</summary>
        public static string ReadJobIdOnly(byte[] body) => RequiredJobId(ParseBody(body));

        private static string RequiredJobId(System.Text.Json.JsonElement root) =>
            RequiredString(root, "JobId", 1, 64, TextractPatterns.TokenOrJobId);
    }
}
