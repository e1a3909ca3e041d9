using System;
using System.Collections.Generic;
using TextractTools.Engine.Document;
using TextractTools.Engine.Document.ReadingOrder;

namespace TextractTools.Engine.Formats
{
    /// <summary>What every renderer leaves out the same way: excluded page furniture, and text below the confidence floor.</summary>
    internal static class RenderFilter
    {
        public static bool Included(ReadingBlockKind kind, DocumentRenderOptions options) =>
            kind switch
            {
                ReadingBlockKind.PageHeader => options.IncludePageHeaders,
                ReadingBlockKind.PageFooter => options.IncludePageFooters,
                ReadingBlockKind.PageNumber => options.IncludePageNumbers,
                _ => true,
            };

        /// <summary>
        /// The line's text: as Textract gives it, or (with a confidence floor, or when only some of its words are
        /// <paramref name="wanted"/>) its words that pass, joined by single spaces; null when nothing is left.
        /// </summary>
        public static string? LineText(TextractLine line, DocumentRenderOptions options, Func<TextractWord, bool>? wanted = null)
        {
            if (!options.Confident(line.Confidence)) return null;
            if (wanted == null && options.MinConfidence <= 0) return line.Text.Length == 0 ? null : line.Text;
            if (line.Words.Count == 0) return wanted == null && line.Text.Length > 0 ? line.Text : null;
            var words = new List<string>(line.Words.Count);
            foreach (TextractWord word in line.Words)
            {
                if ((wanted == null || wanted(word)) && options.Confident(word.Confidence) && word.Text.Length > 0) words.Add(word.Text);
            }
            return words.Count == 0 ? null : string.Join(" ", words);
        }
    }
}
