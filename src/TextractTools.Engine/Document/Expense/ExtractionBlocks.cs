using System.Collections.Generic;
using System.Linq;
using System.Text;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Expense
{
    /// <summary>
    /// The Blocks an expense or identity document carries (its own LINE and WORD blocks), read by the block reader:
    /// the one place that knows the block grammar.
    /// </summary>
    internal static class ExtractionBlocks
    {
        /// <summary>The lines, text and pages of the blocks read.</summary>
        public sealed class Read
        {
            public IReadOnlyList<TextractLine> Lines = ReadableList<TextractLine>.Empty;
            public string Text = string.Empty;
            public SortedSet<int> Pages = new SortedSet<int>();
        }

        /// <summary>
        /// The document's Blocks as a block answer of their own, named after where they are; null without Blocks.
        /// The array's text is copied once: such a document holds a few hundred blocks.
        /// </summary>
        public static RawOutputPage? AsAnswer(JsonSpot document)
        {
            if (!document.TryGet("Blocks", out JsonSpot blocks)) return null;
            string json = "{\"Blocks\":" + blocks.Value.GetRawText() + "}";
            return new RawOutputPage($"{document.Source} {blocks.Path}", Encoding.UTF8.GetBytes(json));
        }

        /// <param name="warnings">Receives the block reader's warnings (when reading leniently).</param>
        public static Read From(IReadOnlyList<RawOutputPage> blockAnswers, TextractDocumentOrigin origin, bool lenient, List<TextractDocumentWarning> warnings)
        {
            var read = new Read();
            if (blockAnswers.Count == 0) return read;
            TextractDocument blocks = TextractDocumentReader.Read(blockAnswers, origin, new DocumentReadOptions { Lenient = lenient });
            read.Lines = ReadableList<TextractLine>.Of(blocks.Lines.ToList(), "\n");
            read.Text = blocks.Text;
            foreach (TextractBlock block in blocks.Blocks) read.Pages.Add(block.Page);
            // The blocks of one document start at its own page: "no PAGE block for page 1" is no news.
            warnings.AddRange(blocks.Warnings.Where(w => w.Code != ReaderWarningCodes.MissingPages));
            return read;
        }
    }
}
