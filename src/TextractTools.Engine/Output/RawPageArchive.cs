using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using TextractTools.Engine.Document;

namespace TextractTools.Engine.Output
{
    /// <summary>
    /// Keeps the raw output pages on disk as they stream past (1, 2, ... as Textract numbers them in S3, or 1.json,
    /// 2.json ... with an extension), so a read can be repeated offline with Get-TextractOutput -Path, and a batch can
    /// deliver them.
    /// </summary>
    public static class RawPageArchive
    {
        /// <param name="durable">Each file is new (never overwritten) and flushed to the disk before its page is handed on.</param>
        /// <param name="extension">Added to each number (".json"); none by default, as in the output bucket.</param>
        public static IEnumerable<RawOutputPage> SaveAlong(IEnumerable<RawOutputPage> pages, string folder, bool durable = false,
            CancellationToken cancellationToken = default, string extension = "")
        {
            Directory.CreateDirectory(folder);
            var number = 0;
            foreach (var page in pages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                number++;
                var path = Path.Combine(folder, number.ToString(CultureInfo.InvariantCulture) + extension);
                using (var file = new FileStream(path, durable ? FileMode.CreateNew : FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    var bytes = page.Json.ToArray();
                    file.Write(bytes, 0, bytes.Length);
                    if (durable) file.Flush(true);
                }
                yield return page;
            }
        }
    }
}
