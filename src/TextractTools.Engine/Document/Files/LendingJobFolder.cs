using System.IO;
using TextractTools.Engine.Api;

namespace TextractTools.Engine.Document.Files
{
    /// <summary>
    /// A lending job's output folder as Textract writes it under {prefix}/{JobId}/ (and as Get-TextractOutput -SaveTo
    /// keeps it): the GetLendingAnalysis pages in detailedResponse/, the summary in summaryResponse/.
    /// </summary>
    internal static class LendingJobFolder
    {
        /// <summary>The pages and summary folders of <paramref name="folder"/>, or null when it is not a lending job's folder.</summary>
        public static (string Pages, string Summary)? Of(string folder)
        {
            var kind = TextractJobKindInfo.Of(TextractJobKind.LendingAnalysis);
            var pages = Path.Combine(folder, kind.PagesFolder.TrimEnd('/'));
            var summary = Path.Combine(folder, kind.SummaryFolder!.TrimEnd('/'));
            return Directory.Exists(pages) ? (pages, summary) : ((string, string)?)null;
        }

        /// <summary>Where -SaveTo keeps a lending job's pages and its summary, mirroring the bucket.</summary>
        public static (string Pages, string Summary) Under(string folder) =>
            (Path.Combine(folder, TextractJobKindInfo.Of(TextractJobKind.LendingAnalysis).PagesFolder.TrimEnd('/')),
             Path.Combine(folder, TextractJobKindInfo.Of(TextractJobKind.LendingAnalysis).SummaryFolder!.TrimEnd('/')));
    }
}
