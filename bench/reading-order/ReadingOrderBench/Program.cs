using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using TextractTools.Tests.Engine.Document.ReadingOrder;

namespace TextractTools.Bench.ReadingOrder
{
    /// <summary>
    /// Usage: ReadingOrderBench [samples folder] [responses...]. The samples folder defaults to shared/textract-samples
    /// found beside an ancestor of the current folder; the responses to the four real ones with LAYOUT blocks. Prints a
    /// Markdown table to standard output; exits 1 when a target is missed (mean >= 0.90, never below raw).
    /// </summary>
    internal static class Program
    {
        private const double MeanTarget = 0.90;

        private static int Main(string[] args)
        {
            string? samples = args.Length > 0 ? args[0] : Locate();
            if (samples == null || !Directory.Exists(Path.Combine(samples, "responses")))
            {
                Console.Error.WriteLine("No samples folder with responses/: pass it as the first argument (shared/textract-samples).");
                return 2;
            }
            string[] names = args.Length > 1 ? args.Skip(1).ToArray() : LayoutOrderScorer.SampleResponses;
            var scores = names.Select(n => LayoutOrderScorer.Score(Path.Combine(samples, "responses", n))).ToList();

            var text = new StringBuilder();
            text.AppendLine("| document | pages | lines | unclaimed | raw LINE order | ours | ours / raw | ours, lines only | with LAYOUT |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var score in scores)
            {
                text.AppendLine($"| {score.Name} | {score.Pages.Count} | {score.Pages.Sum(p => p.Lines)} | {score.Pages.Sum(p => p.Unclaimed)} | " +
                                $"{F(score.RawTau)} | {F(score.OursTau)} | {Ratio(score.OursTau, score.RawTau)} | {F(score.LinesOnlyTau)} | {F(score.WithLayoutTau)} |");
            }
            double raw = scores.Average(s => s.RawTau), ours = scores.Average(s => s.OursTau);
            text.AppendLine($"| **mean** | | | | {F(raw)} | **{F(ours)}** | {Ratio(ours, raw)} | {F(scores.Average(s => s.LinesOnlyTau))} | {F(scores.Average(s => s.WithLayoutTau))} |");
            text.AppendLine();
            bool meanMet = ours >= MeanTarget;
            var worse = scores.Where(s => s.OursTau < s.RawTau).Select(s => s.Name).ToList();
            bool exact = scores.All(s => s.WithLayoutTau == 1.0);
            text.AppendLine($"Targets: mean tau >= {MeanTarget:0.00}: {(meanMet ? "met" : "MISSED")} ({F(ours)}); " +
                            $"never below the raw order: {(worse.Count == 0 ? "met" : "MISSED on " + string.Join(", ", worse))}; " +
                            $"with LAYOUT blocks, the layout order exactly: {(exact ? "met" : "MISSED")}.");
            Console.Write(text.ToString());
            return meanMet && worse.Count == 0 && exact ? 0 : 1;
        }

        private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

        private static string Ratio(double ours, double raw) => raw <= 0 ? "-" : (ours / raw).ToString("0.00", CultureInfo.InvariantCulture) + "x";

        private static string? Locate()
        {
            string? fromEnvironment = Environment.GetEnvironmentVariable("TEXTRACT_SAMPLES");
            if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
            for (DirectoryInfo? dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "textract-samples");
                if (Directory.Exists(candidate)) return candidate;
            }
            return null;
        }
    }
}
