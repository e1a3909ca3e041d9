using System;
using System.IO;

namespace TextractTools.Tests.LocalEndpoint
{
    /// <summary>
    /// Finds ../shared/textract-samples (real Textract answers kept outside the repository): TEXTRACT_SAMPLES if
    /// set, else the first shared/textract-samples found walking up from the test binaries. Null when absent, and
    /// tests that need it skip.
    /// </summary>
    internal static class TextractSampleFolder
    {
        public const string SkipReason = "the real Textract samples (shared/textract-samples or TEXTRACT_SAMPLES) are not present";

        public static string? Find()
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("TEXTRACT_SAMPLES");
            if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment)) return fromEnvironment;
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "shared", "textract-samples");
                if (Directory.Exists(candidate)) return candidate;
            }
            return null;
        }
    }
}
