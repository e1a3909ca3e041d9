using System.Collections.Generic;
using System.Threading;
using TextractTools.Engine.Api;
using TextractTools.Engine.Jobs;

namespace TextractTools.Engine.Output
{
    /// <summary>
    /// The pages of a finished job read through Get* (NextToken after NextToken, 1,000 blocks each). Pages are
    /// yielded as they arrive so the document model can stream them; a page that cannot be had after the client's
    /// retries ends the enumeration with the error, never with a silently shorter document.
    /// </summary>
    public static class ApiOutputSource
    {
        public const int MaxResultsPerPage = 1000;

        public static IEnumerable<RawOutputPage> ReadPages(ITextractApi api, TextractJob job, CancellationToken cancellationToken)
        {
            string? nextToken = null;
            var number = 0;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                var request = new GetJobPageRequest(job.JobId, MaxResultsPerPage, nextToken);
                // The one sync-over-async point of output reading: the model consumes an IEnumerable, and this runs
                // on a worker thread (the cmdlet's bridge), never on the pipeline thread.
                var page = (job.Kind == TextractJobKind.DocumentAnalysis
                        ? api.GetDocumentAnalysisAsync(request, cancellationToken)
                        : api.GetDocumentTextDetectionAsync(request, cancellationToken))
                    .ConfigureAwait(false).GetAwaiter().GetResult();
                number++;
                if (number == 1) JobWaiter.Apply(job, page, System.DateTimeOffset.UtcNow);
                yield return new RawOutputPage($"{OperationName(job)} page {number} of job {job.JobId}", page.Json);
                nextToken = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
            }
            while (nextToken != null);
        }

        private static string OperationName(TextractJob job) =>
            job.Kind == TextractJobKind.DocumentAnalysis ? "GetDocumentAnalysis" : "GetDocumentTextDetection";
    }
}
