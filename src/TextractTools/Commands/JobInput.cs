using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Jobs;

namespace TextractTools.Commands
{
    /// <summary>
    /// Turns a bare -JobId into a TextractJob: from this session's history when it started here, else by asking
    /// Textract (<see cref="JobLookup"/>), since a job id alone does not say which API it belongs to.
    /// </summary>
    internal static class JobInput
    {
        /// <summary>The job this session started with that id, if any (no call made).</summary>
        public static TextractJob? Known(string jobId) => SessionJobHistory.Find(jobId);

        /// <summary>Asks Textract about a job this session did not start. The session must be resolved on the pipeline thread.</summary>
        public static Task<TextractJob> ResolveAsync(string jobId, Engine.Session.AwsSession session, CancellationToken ct) =>
            JobLookup.FindAsync(session.Textract, jobId, session.Region, session.EndpointUrl, ct);
    }
}
