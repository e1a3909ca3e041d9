using System;
using System.Net;
using System.Text;
using TextractTools.LocalEndpoint.Hosting;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// DELETE /_admin/jobs/{JobId}: makes the endpoint forget a job as if its 7-day Get window had passed, so tests
    /// can show that output is still read from the output bucket afterwards. Loopback callers only, no signature
    /// (a test script has no signer at hand), like the fault admin route.
    /// </summary>
    internal static class JobAdminRoute
    {
        private const string Prefix = "/_admin/jobs/";

        public static bool Matches(IncomingRequest request) => request.RawPath.StartsWith(Prefix, StringComparison.Ordinal);

        public static HttpReply Handle(TextractService? textract, IncomingRequest request, IPAddress? remoteAddress)
        {
            if (remoteAddress is null || !IPAddress.IsLoopback(remoteAddress)) return Text(403, "The job admin route answers loopback callers only.");
            if (request.Method != "DELETE") return Text(405, "Use DELETE /_admin/jobs/{JobId} to let a job's Get window pass.");
            if (textract is null) return Text(404, "Textract is not served by this endpoint.");
            var jobId = request.RawPath.Substring(Prefix.Length).TrimEnd('/');
            return textract.ForgetJob(jobId) ? new HttpReply(204) : Text(404, $"No job {jobId}.");
        }

        private static HttpReply Text(int status, string message) =>
            new HttpReply(status).WithBody(Encoding.UTF8.GetBytes(message), "text/plain");
    }
}
