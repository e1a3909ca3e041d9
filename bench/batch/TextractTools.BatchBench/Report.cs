using System;
using System.Globalization;
using System.Text;

namespace TextractTools.BatchBench
{
    /// <summary>The side-by-side table, with ratios against the naive loop, as Markdown.</summary>
    internal static class Report
    {
        public static string Write(BenchSettings s, RunFigures ours, RunFigures naive, string environment)
        {
            var md = new StringBuilder();
            md.AppendLine("# Batch benchmark: batch runner vs the naive loop");
            md.AppendLine();
            md.AppendLine($"{ours.Documents:N0} one-page documents through the local endpoint, both contenders in one invocation, " +
                          $"time scaled down {F(s.Scale)}x (durations divided, rates multiplied; concurrency unscaled).");
            md.AppendLine();
            md.AppendLine("| scenario | real-world | as run |");
            md.AppendLine("|---|---|---|");
            md.AppendLine($"| Start TPS quota (burst) | {F(s.StartTps)}/s ({F(Math.Max(1, s.StartTps))}) | {F(s.ScaledRate(s.StartTps))}/s ({F(Math.Max(1, s.StartTps))}) |");
            md.AppendLine($"| Get TPS quota (burst) | {F(s.GetTps)}/s ({F(Math.Max(1, s.GetTps))}) | {F(s.ScaledRate(s.GetTps))}/s ({F(Math.Max(1, s.GetTps))}) |");
            md.AppendLine($"| concurrent jobs (LimitExceededException beyond) | {s.ConcurrentJobs} | {s.ConcurrentJobs} |");
            md.AppendLine($"| job duration (uniform) | {F(s.JobMinSec)}-{F(s.JobMaxSec)} s | {Ms(s.Scaled(s.JobMinSec))}-{Ms(s.Scaled(s.JobMaxSec))} |");
            md.AppendLine($"| naive poll interval (no backoff) | {F(s.NaivePollSec)} s | {Ms(s.Scaled(s.NaivePollSec))} |");
            md.AppendLine($"| batch poll schedule (x2, equal jitter) | {F(s.PollInitialSec)} s up to {F(s.PollMaxSec)} s | {Ms(s.Scaled(s.PollInitialSec))} up to {Ms(s.Scaled(s.PollMaxSec))} |");
            md.AppendLine($"| batch throttle limit | {s.ThrottleLimit} | {s.ThrottleLimit} |");
            md.AppendLine($"| SDK retry backoff (full jitter, x2) | up to 1 s, 2 s, ... capped at 20 s | divided by {F(s.Scale)} |");
            md.AppendLine();
            md.AppendLine("| | batch runner | naive loop | batch / naive |");
            md.AppendLine("|---|---:|---:|---:|");
            Row(md, "wall time (as run)", Sec(ours.Wall), Sec(naive.Wall), Ratio(ours.Wall.TotalSeconds, naive.Wall.TotalSeconds));
            Row(md, "wall time (real-world equivalent)", Hours(ours.Wall, s), Hours(naive.Wall, s), "");
            Row(md, "documents / minute (real-world)", F(ours.Documents / (ours.Wall.TotalMinutes * s.Scale)), F(naive.Documents / (naive.Wall.TotalMinutes * s.Scale)),
                Ratio(naive.Wall.TotalSeconds, ours.Wall.TotalSeconds));
            Row(md, "Get calls per job (made)", F2(ours.PerJob(ours.GetCalls)), F2(naive.PerJob(naive.GetCalls)), Ratio(ours.GetCalls, naive.GetCalls));
            Row(md, "Get attempts per job (on the wire)", F2(ours.PerJob(ours.GetAttempts)), F2(naive.PerJob(naive.GetAttempts)), Ratio(ours.GetAttempts, naive.GetAttempts));
            Row(md, "Start attempts per job", F2(ours.PerJob(ours.StartAttempts)), F2(naive.PerJob(naive.StartAttempts)), Ratio(ours.StartAttempts, naive.StartAttempts));
            Row(md, "other attempts per job (S3, ...)", F2(ours.PerJob(ours.OtherAttempts)), F2(naive.PerJob(naive.OtherAttempts)), "");
            Row(md, "API attempts per job, all", F2(ours.PerJob(ours.Attempts)), F2(naive.PerJob(naive.Attempts)), Ratio(ours.Attempts, naive.Attempts));
            Row(md, "retries (throttled or failed attempts)", ours.Retries.ToString(CultureInfo.InvariantCulture), naive.Retries.ToString(CultureInfo.InvariantCulture), "");
            Row(md, "- of which throttled (TPS quota, SlowDown)", ours.Throttled.ToString(CultureInfo.InvariantCulture), naive.Throttled.ToString(CultureInfo.InvariantCulture), "");
            Row(md, "jobs started", ours.JobsStarted.ToString(CultureInfo.InvariantCulture), naive.JobsStarted.ToString(CultureInfo.InvariantCulture), "");
            Row(md, "lost outputs (must be 0)", ours.Lost.ToString(CultureInfo.InvariantCulture), naive.Lost.ToString(CultureInfo.InvariantCulture), "");
            Row(md, "duplicated jobs or outputs (must be 0)", ours.Duplicated.ToString(CultureInfo.InvariantCulture), naive.Duplicated.ToString(CultureInfo.InvariantCulture), "");
            md.AppendLine();
            md.AppendLine("Calls *made* are counted at the client (a call the SDK retries is one call); *attempts* are counted by the");
            md.AppendLine("endpoint (each retry is one more). Retries = attempts answered with throttling (TPS quota, SlowDown), a 5xx or");
            md.AppendLine("a dropped connection. The batch runner polls with Get MaxResults=1 and reads output with MaxResults=1000;");
            md.AppendLine("the naive loop polls with full Get answers and keeps the last as page 1. Lost = a document whose output is");
            md.AppendLine("missing or differs from its text; duplicated = jobs beyond one per document, or a document delivered twice.");
            md.AppendLine();
            md.AppendLine("## Environment");
            md.AppendLine();
            md.AppendLine(environment);
            return md.ToString();
        }

        private static void Row(StringBuilder md, string name, string ours, string naive, string ratio) =>
            md.AppendLine($"| {name} | {ours} | {naive} | {ratio} |");

        private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        private static string F2(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
        private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture) + " ms";
        private static string Sec(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
        private static string Hours(TimeSpan t, BenchSettings s) => (t.TotalHours * s.Scale).ToString("0.00", CultureInfo.InvariantCulture) + " h";
        private static string Ratio(double ours, double naive) => naive == 0 ? "n/a" : (ours / naive).ToString("0.00", CultureInfo.InvariantCulture) + "x";
    }
}
