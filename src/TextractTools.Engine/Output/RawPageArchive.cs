using System.Collections.Generic;
using System.IO;

namespace TextractTools.Engine.Output
{
    /// <summary>
    /// Keeps the raw output pages on disk as they stream past (1, 2, ... as Textract numbers them in S3), so a
    /// read can be repeated offline with Get-TextractOutput -Path.
    /// </summary>
    public static class RawPageArchive
    {
        public static IEnumerable<RawOutputPage> SaveAlong(IEnumerable<RawOutputPage> pages, string folder)
        {
            Directory.CreateDirectory(folder);
            var number = 0;
            foreach (var page in pages)
            {
                number++;
                var path = Path.Combine(folder, number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                using (var file = File.Create(path))
                {
                    var bytes = page.Json.ToArray();
                    file.Write(bytes, 0, bytes.Length);
                }
                yield return page;
            }
        }
    }
}
