using System.Collections.Generic;
using System.Runtime.CompilerServices;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Building
{
    /// <summary>
    /// Makes one <see cref="TextractWord"/> per WORD block and one <see cref="TextractLine"/> per LINE block, the
    /// line's words being the same objects as the document's words.
    /// </summary>
    internal sealed class LineBuilder
    {
        private readonly BlockStore _store;
        private readonly TextractDocumentOrigin _origin;

        public LineBuilder(BlockStore store, TextractDocumentOrigin origin)
        {
            _store = store;
            _origin = origin;
        }

        /// <summary>Words in document order; also fills <paramref name="wordOfBlock"/> for the lines to use.</summary>
        [MethodImpl(Hot.AggressiveOptimization)]
        public List<TextractWord> BuildWords(TextractWord?[] wordOfBlock)
        {
            IReadOnlyList<int> blocks = _store.OfType(BlockTypes.Word);
            var words = new List<TextractWord>(blocks.Count);
            foreach (int b in blocks)
            {
                ref readonly BlockRecord block = ref _store[b];
                var word = new TextractWord(_origin, _store.LazyIdOf(b), block.Page, BlockFacts.Confidence(block), BlockFacts.BoundingBox(block),
                    block.Text ?? string.Empty, block.TextType);
                wordOfBlock[b] = word;
                words.Add(word);
            }
            return words;
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        public List<TextractLine> BuildLines(TextractWord?[] wordOfBlock, TextractLine?[] lineOfBlock)
        {
            IReadOnlyList<int> blocks = _store.OfType(BlockTypes.Line);
            var lines = new List<TextractLine>(blocks.Count);
            var lineWords = new List<TextractWord>();
            foreach (int b in blocks)
            {
                ref readonly BlockRecord block = ref _store[b];
                lineWords.Clear();
                foreach (int child in _store.Related(b, RelationshipTypes.Child))
                {
                    TextractWord? word = wordOfBlock[child];
                    if (word != null) lineWords.Add(word);
                }
                // LINE blocks carry their text; a line without it (hand-made output) is its words.
                string text = block.Text ?? string.Join(" ", lineWords);
                var line = new TextractLine(_origin, _store.LazyIdOf(b), block.Page, BlockFacts.Confidence(block), BlockFacts.BoundingBox(block),
                    text, lineWords.ToArray());
                lineOfBlock[b] = line;
                lines.Add(line);
            }
            return lines;
        }
    }
}
