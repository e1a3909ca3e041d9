using System.Collections.Generic;

namespace TextractTools.Engine.Document
{
    /// <summary>A LINE block with the words it is made of.</summary>
    public sealed class TextractLine : TextractElement
    {
        private readonly TextractWord[] _words;

        internal TextractLine(TextractDocumentOrigin origin, BlockId id, int page, double? confidence, TextractBoundingBox? boundingBox, string text, TextractWord[] words)
            : base(origin, id, page, confidence, boundingBox)
        {
            Text = text;
            _words = words;
        }

        public string Text { get; }

        /// <summary>The line's words; as text (Export-Csv, string conversion) they read as the words joined by spaces.</summary>
        public IReadOnlyList<TextractWord> Words => new ReadableList<TextractWord>(_words, " ");

        public int WordCount => _words.Length;

        public override string ToString() => Text;
    }
}
