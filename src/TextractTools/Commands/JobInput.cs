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
        public static async Task<TextractJob> ResolveAsync(string jobId, TextractCmdletBase cmdlet, CancellationToken ct)
        {
            var known = SessionJobHistory.Find(jobId);
            if (known != null) return known;

            var session = cmdlet.GetSession();
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
