using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Jobs;

namespace TextractTools.Commands
{
    /// <summary>
    /// The jobs started in this PowerShell session: lets -JobId find a job's kind, region, endpoint and output
    /// location without asking, and feeds tab completion of job ids.
    /// </summary>
    internal static class SessionJobHistory
    {
        private static readonly ConcurrentDictionary<string, TextractJob> Jobs = new ConcurrentDictionary<string, TextractJob>();

        public static void Remember(TextractJob job) => Jobs[job.JobId] = job;

        public static TextractJob? Find(string jobId) => Jobs.TryGetValue(jobId, out var job) ? job : null;

        public static IReadOnlyList<TextractJob> All() => Jobs.Values.OrderByDescending(j => j.StartedAt).ToList();
    }
}
