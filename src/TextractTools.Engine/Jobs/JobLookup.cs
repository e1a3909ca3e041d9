using System;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Api;

namespace TextractTools.Engine.Jobs
{
    /// <summary>
    /// Finds out about a job known only by its id. A JobId does not say which API it belongs to, and each kind's Get
    /// operation knows only its own jobs (InvalidJobIdException for the others), so the kinds are asked in turn,
    /// most common first, with MaxResults 1.
    /// </summary>
    public static class JobLookup
    {
        private static readonly TextractJobKind[] AskingOrder =
        {
            TextractJobKind.DocumentAnalysis, TextractJobKind.TextDetection, TextractJobKind.ExpenseAnalysis, TextractJobKind.LendingAnalysis,
        };

        /// <summary>The job with its kind and status; InvalidJobIdException (the last kind's) when no kind knows it.</summary>
        public static async Task<TextractJob> FindAsync(ITextractApi api, string jobId, string region, string? endpointUrl, CancellationToken cancellationToken)
        {
            InvalidJobIdException? unknown = null;
            foreach (var kind in AskingOrder)
            {
                try
                {
                    var page = await api.GetJobPageAsync(kind, new GetJobPageRequest(jobId, 1), cancellationToken).ConfigureAwait(false);
                    var job = new TextractJob { JobId = jobId, Kind = kind, Region = region, EndpointUrl = endpointUrl };
                    JobWaiter.Apply(job, page, DateTimeOffset.UtcNow);
                    return job;
                }
                catch (InvalidJobIdException e)
                {
                    unknown = e;
                }
            }
            throw unknown!;
        }
    }
}
