using System;
using System.Diagnostics;
using System.IO;
using TextractTools.Engine.Document;
using TextractTools.Engine.Formats;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Formats
{
    /// <summary>
    /// The HTML looks right in a real browser: headless Chromium (Debian's chromium package) renders a page with
    /// tables to a PNG, and the tables' own colours (the header cells' shading, the grid lines) are on it, over an area
    /// that only tables can cover; the same page rendered without its tables has none of them.
    /// </summary>
    public class HtmlBrowserTests
    {
        private const string Chromium = "/usr/bin/chromium";

        // HtmlRenderer.StyleSheet: th{background:#dbe7f5}, th,td{border:1px solid #57606a}.
        private static readonly (byte R, byte G, byte B) HeaderShade = (0xdb, 0xe7, 0xf5);
        private static readonly (byte R, byte G, byte B) GridLine = (0x57, 0x60, 0x6a);

        [SkippableFact]
        public void Chromium_draws_the_tables_with_their_header_shading_and_grid_lines()
        {
            Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed (Debian package 'chromium'): the page cannot be rendered in a browser here.");
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            TextractDocument document = TextractDocumentReader.ReadFile(SampleFiles.Response("table-merged-cells.json"));
            Assert.Contains(HtmlRenderer.StyleSheet, HtmlRenderer.Render(document)); // the colours below are the page's

            string folder = Path.Combine(Path.GetTempPath(), "textract-html-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                PngImage withTables = Screenshot(folder, "tables", HtmlRenderer.Render(document, new DocumentRenderOptions { Title = "merged cells" }));
                PngImage withoutTables = Screenshot(folder, "none", HtmlRenderer.Render(document, new DocumentRenderOptions { IncludeTables = false }));

                // Five header cells of a few hundred pixels each, and the grid of a 6 x 5 table.
                Assert.True(withTables.Count(HeaderShade.R, HeaderShade.G, HeaderShade.B) > 2000, "No shaded header cells on the page.");
                Assert.True(withTables.Count(GridLine.R, GridLine.G, GridLine.B) > 1000, "No table grid lines on the page.");
                Assert.Equal(0, withoutTables.Count(HeaderShade.R, HeaderShade.G, HeaderShade.B));
                Assert.Equal(0, withoutTables.Count(GridLine.R, GridLine.G, GridLine.B));
                // The merged "Previous Balance" cell spans four columns: its row has no grid line inside that stretch.
                AssertMergedRowOpen(withTables);
            }
            finally
            {
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }

        /// <summary>
        /// The widest horizontal run of grid colour is the table's top edge; rows 2 and 6 (one merged cell over four
        /// columns, then the balance) must cross fewer vertical grid lines than the header row.
        /// </summary>
        private static void AssertMergedRowOpen(PngImage image)
        {
            int top = -1, left = 0, right = 0;
            for (int y = 0; y < image.Height && top < 0; y++)
            {
                int run = 0, start = 0;
                for (int x = 0; x < image.Width; x++)
                {
                    if (image[x, y] == GridLine) { if (run++ == 0) start = x; }
                    else run = 0;
                    if (run > 200) { top = y; left = start; }
                }
                if (top >= 0)
                {
                    right = left;
                    while (right + 1 < image.Width && image[right + 1, y] == GridLine) right++;
                }
            }
            Assert.True(top >= 0, "No table edge found.");
            var rowMiddles = new System.Collections.Generic.List<int>();
            for (int y = top + 1, start = top; y < image.Height && image[left, y] == GridLine; y++)
            {
                if (image[right - 3, y] == GridLine) // a horizontal grid line across the last column: a row ends here
                {
                    rowMiddles.Add((start + y) / 2);
                    start = y;
                }
            }
            Assert.True(rowMiddles.Count >= 6, $"Found {rowMiddles.Count} table rows, expected 6.");
            int Crossings(int y)
            {
                int count = 0;
                for (int x = left; x <= right; x++)
                {
                    if (image[x, y] == GridLine && (x == left || image[x - 1, y] != GridLine)) count++;
                }
                return count;
            }
            Assert.Equal(6, Crossings(rowMiddles[0]));    // header: five cells, six lines
            Assert.Equal(3, Crossings(rowMiddles[1]));    // "Previous Balance" over four columns, then 11,000
            Assert.Equal(3, Crossings(rowMiddles[5]));    // "Ending Balance" likewise
        }

        private static PngImage Screenshot(string folder, string name, string html)
        {
            string page = Path.Combine(folder, name + ".html"), png = Path.Combine(folder, name + ".png");
            File.WriteAllText(page, html);
            var start = new ProcessStartInfo(Chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--user-data-dir=" + Path.Combine(folder, "profile-" + name), "--screenshot=" + png, "--window-size=1200,1000",
                new Uri(page).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }
            using Process process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish rendering {page} within 2 minutes.");
            }
            Assert.True(File.Exists(png), $"Chromium wrote no screenshot (exit {process.ExitCode}): {errors.Result}{output.Result}");
            return PngImage.Read(png);
        }
    }
}
