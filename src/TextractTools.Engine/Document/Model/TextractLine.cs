using System.Collections.Generic;

namespace TextractTools.Engine.Document
{
    /// <summary>A LINE block with the words it is made of.</summary>
    public sealed class TextractLine : TextractElement
    {
        internal TextractLine(BlockId id, int page, double? confidence, TextractBoundingBox? boundingBox, string text, IReadOnlyList<TextractWord> words)
            : base(id, page, confidence, boundingBox)
        {
            Text = text;
            Words = words;
        }

        public string Text { get; }

        public IReadOnlyList<TextractWord> Words { get; }

        public override string ToString() => Text;
    }
}
