using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace TextractTools.Engine.Document.ReadingOrder
{
    /// <summary>
    /// Finds page headers, footers and page numbers on pages without layout, conservatively: a block of at most three
    /// lines that lies wholly in the top or bottom tenth of the page is a page number when its text is one ("7",
    /// "Page 7", "Page 7 of 12", "7/12", "- 7 -"), and a header or footer when the same text (digits aside) stands
    /// in the same band on another page too. Anything else stays text.
    /// </summary>
    internal static class PageFurniture
    {
        private const double Band = 0.1;
        private const int MaxLines = 3;

        private static readonly Regex PageNumber = new Regex(
            @"^\s*(?:(?:page|pg\.?|p\.|seite|página|pagina)\s*)?[-\u2013\u2014]?\s*\d{1,4}\s*(?:(?:of|/|von|de|sur)\s*\d{1,4})?\s*[-\u2013\u2014]?\s*$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static void Mark(IEnumerable<List<ReadingBlock>> geometricPages)
        {
            var candidates = new List<(ReadingBlock Block, bool Top, string Key)>();
            var pagesOfKey = new Dictionary<string, int>();
            foreach (List<ReadingBlock> page in geometricPages)
            {
                var keysOnPage = new HashSet<string>();
                foreach (ReadingBlock block in page)
                {
                    if (block.Kind != ReadingBlockKind.Text || block.Lines.Count == 0 || block.Lines.Count > MaxLines) continue;
                    bool? top = BandOf(block.Lines);
                    if (top == null) continue;
                    string text = string.Join(" ", block.Lines.Select(l => l.Text));
                    if (PageNumber.IsMatch(text))
                    {
                        block.Kind = ReadingBlockKind.PageNumber;
                        continue;
                    }
                    string key = (top.Value ? "top:" : "bottom:") + Normalize(text);
                    candidates.Add((block, top.Value, key));
                    if (keysOnPage.Add(key)) pagesOfKey[key] = pagesOfKey.TryGetValue(key, out int n) ? n + 1 : 1;
                }
            }
            foreach (var (block, top, key) in candidates)
            {
                if (pagesOfKey[key] >= 2) block.Kind = top ? ReadingBlockKind.PageHeader : ReadingBlockKind.PageFooter;
            }
        }

        /// <summary>True: all lines in the top band; false: all in the bottom band; null: otherwise.</summary>
        private static bool? BandOf(IReadOnlyList<TextractLine> lines)
        {
            bool allTop = true, allBottom = true;
            foreach (TextractLine line in lines)
            {
                TextractBoundingBox? box = line.BoundingBox;
                if (box == null) return null;
                allTop &= box.Bottom <= Band;
                allBottom &= box.Top >= 1 - Band;
            }
            return allTop ? true : allBottom ? false : (bool?)null;
        }

        /// <summary>Lower case, digits as '#', single spaces: "Page 3 - Report" and "Page 4 - Report" are one text.</summary>
        private static string Normalize(string text)
        {
            var builder = new StringBuilder(text.Length);
            bool space = false;
            foreach (char c in text.Trim())
            {
                if (char.IsWhiteSpace(c))
                {
                    space = true;
                    continue;
                }
                if (space && builder.Length > 0) builder.Append(' ');
                space = false;
                builder.Append(char.IsDigit(c) ? '#' : char.ToLowerInvariant(c));
            }
            return builder.ToString();
        }
    }
}
