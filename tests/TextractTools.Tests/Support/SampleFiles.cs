using System;
using System.IO;

namespace TextractTools.Tests.Support
{
    /// <summary>
    /// Finds the shared real Textract responses (never copied into the repo): TEXTRACT_SAMPLES if set, else a
    /// shared/textract-samples folder beside one of the test assembly's ancestor folders. The one locator of the xunit
    /// suite: the endpoint's replay tests use it too.
    /// </summary>
    internal static class SampleFiles
    {
        private static readonly Lazy<string?> Root = new Lazy<string?>(Locate);

        public static string? Folder => Root.Value;

        public const string SkipReason = "The shared Textract samples (shared/textract-samples, or env TEXTRACT_SAMPLES) are not present.";

        public static string Response(string name) => Path.Combine(Folder!, "responses", name);

        private static string? Locate()
        {
            string? fromEnvironment = Environment.GetEnvironmentVariable("TEXTRACT_SAMPLES");
            if (!string.IsNullOrEmpty(fromEnvironment)) return Directory.Exists(fromEnvironment) ? fromEnvironment : null;
            for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "textract-samples");
                if (Directory.Exists(Path.Combine(candidate, "responses"))) return candidate;
            }
            return null;
        }
    }
}
