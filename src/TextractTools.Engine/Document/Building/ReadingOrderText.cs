using System.Collections.Generic;

namespace TextractTools.Engine.Document.Building
{
    /// <summary>
    /// A page's text in reading order. With layout: each top-level layout block's lines, blocks separated by a blank
    /// line, then any line no layout block claims (so no text is ever lost). Without layout: Textract's line order,
    /// which already is its reading order (a sort on position would interleave columns).
    /// </summary>
    internal sealed class ReadingOrderText
    {
        public const string LineSeparator = "\n";
        public const string ParagraphSeparator = "\n\n";
        private readonly LayoutBuilder _layout;

        public ReadingOrderText(LayoutBuilder layout)
        {
            _layout = layout;
        }

        public string PageText(IReadOnlyList<TextractLine> pageLines, IReadOnlyList<int> pageLayoutBlocks)
        {
            // Without layout the page is one paragraph of its lines, each line once (a line is one object per block).
            if (pageLayoutBlocks.Count == 0) return JoinLines(pageLines);
            var paragraphs = new List<string>();
            var claimed = new HashSet<TextractLine>();
            var blockLines = new List<TextractLine>();
            foreach (int layoutBlock in pageLayoutBlocks)
            {
                if (_layout.ParentOf.ContainsKey(layoutBlock)) continue; // its parent's text includes it
                blockLines.Clear();
                _layout.CollectLines(layoutBlock, blockLines, new HashSet<int>());
                AddParagraph(paragraphs, blockLines, claimed);
            }

            blockLines.Clear();
            blockLines.AddRange(pageLines);
            AddParagraph(paragraphs, blockLines, claimed);
            return string.Join(ParagraphSeparator, paragraphs);
        }

        private static string JoinLines(IReadOnlyList<TextractLine> lines)
        {
            if (lines.Count == 0) return string.Empty;
            var texts = new string[lines.Count];
            for (int i = 0; i < texts.Length; i++) texts[i] = lines[i].Text;
            return string.Join(LineSeparator, texts);
        }

        private static void AddParagraph(List<string> paragraphs, List<TextractLine> lines, HashSet<TextractLine> claimed)
        {
            var texts = new List<string>(lines.Count);
            foreach (TextractLine line in lines)
            {
                if (claimed.Add(line)) texts.Add(line.Text);
            }
            if (texts.Count > 0) paragraphs.Add(string.Join(LineSeparator, texts));
        }
    }
}
