using System.Collections.Generic;
using System.Threading;
using TextractTools.Engine.Api;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Document;

namespace TextractTools.Engine.Output
{
    /// <summary>
    /// The pages of a finished job read through its kind's Get* operation (NextToken after NextToken, as many
    /// results per call as the kind allows). Pages are yielded as they arrive so the document model can stream them;
    /// a page that cannot be had after the client's retries ends the enumeration with the error, never with a
    /// silently shorter document. Used through <see cref="JobOutputReader"/>.
    /// </summary>
    internal static class ApiOutputSource
    {
        public static IEnumerable<RawOutputPage> ReadPages(ITextractApi api, TextractJob job, CancellationToken cancellationToken)
        {
            var kind = TextractJobKindInfo.Of(job.Kind);
            string? nextToken = null;
            var number = 0;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                var request = new GetJobPageRequest(job.JobId, kind.MaxResultsPerPage, nextToken);
                number++;
                var page = GetPage(api, job, kind, request, number, cancellationToken);
                if (number == 1) JobWaiter.Apply(job, page, System.DateTimeOffset.UtcNow);
                yield return new RawOutputPage($"{kind.GetOperation} page {number} of job {job.JobId}", page.Json);
                nextToken = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
            }
            while (nextToken != null);
        }

        /// <summary>
        /// One page, fetched again (same NextToken) when the SDK's own retries could not get it; after
        /// <see cref="OutputReadRetry.MaxAttempts"/> fetches the read fails, naming the page.
        /// </summary>
        private static JobResultPage GetPage(ITextractApi api, TextractJob job, TextractJobKindInfo kind, GetJobPageRequest request, int number, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    // The one sync-over-async point of API output reading: the model consumes an IEnumerable, and
                    // this runs on a worker thread (the cmdlet's bridge), never on the pipeline thread.
                    return api.GetJobPageAsync(job.Kind, request, cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();
                }
                catch (System.Exception e) when (Session.AwsFailures.IsRetryable(e, cancellationToken))
                {
                    if (attempt >= OutputReadRetry.MaxAttempts)
                        throw new System.IO.IOException($"Could not get {kind.GetOperation} page {number} of job {job.JobId} in {attempt} attempts: {e.Message}", e);
                    System.Threading.Tasks.Task.Delay(OutputReadRetry.DelayBefore(attempt + 1), cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();
                }
            }
        }
    }
}
