using static TextractTools.LocalEndpoint.Textract.RequestMembers;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>A validated Get* request. MaxResults defaults to, and may not exceed, the service's 1,000 blocks.</summary>
    internal sealed record GetRequest(string JobId, int MaxResults, string? NextToken)
    {
        public const int MaxBlocksPerPage = 1000;

        public static GetRequest Read(byte[] body)
        {
            var root = ParseBody(body);
            var jobId = RequiredString(root, "JobId", 1, 64, TextractPatterns.TokenOrJobId);
            var maxResults = OptionalInteger(root, "MaxResults") ?? MaxBlocksPerPage;
            if (maxResults < 1 || maxResults > MaxBlocksPerPage)
                throw TextractException.InvalidParameter($"MaxResults must be 1 to {MaxBlocksPerPage}.");
            var nextToken = OptionalString(root, "NextToken", 1, 255, null);
            return new GetRequest(jobId, maxResults, nextToken);
        }
    }
}
