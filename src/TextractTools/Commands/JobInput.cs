using System;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Api;
using TextractTools.Engine.Jobs;

namespace TextractTools.Commands
{
    /// <summary>
    /// Turns a bare -JobId into a TextractJob: from this session's history when it started here, else by asking
    /// Textract (GetDocumentAnalysis first, then GetDocumentTextDetection), since a job id alone does not say which API it belongs to.
    /// </summary>
    internal static class JobInput
    {
        /// <summary>The job this session started with that id, if any (no call made).</summary>
        public static TextractJob? Known(string jobId) => SessionJobHistory.Find(jobId);

        /// <summary>Asks Textract about a job this session did not start. The session must be resolved on the pipeline thread.</summary>
        public static async Task<TextractJob> ResolveAsync(string jobId, Engine.Session.AwsSession session, CancellationToken ct)
        {
            var job = new TextractJob { JobId = jobId, Region = session.Region, EndpointUrl = session.EndpointUrl, Kind = TextractJobKind.DocumentAnalysis };
            try
            {
                var page = await session.Textract.GetDocumentAnalysisAsync(new GetJobPageRequest(jobId, 1), ct).ConfigureAwait(false);
                JobWaiter.Apply(job, page, DateTimeOffset.UtcNow);
            }
            catch (TextractServiceException e) when (e.ErrorCode == "InvalidJobIdException")
            {
                job.Kind = TextractJobKind.TextDetection;
                var page = await session.Textract.GetDocumentTextDetectionAsync(new GetJobPageRequest(jobId, 1), ct).ConfigureAwait(false);
                JobWaiter.Apply(job, page, DateTimeOffset.UtcNow);
            }
            return job;
        }
    }
}
