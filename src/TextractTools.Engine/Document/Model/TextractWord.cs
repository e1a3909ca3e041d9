namespace TextractTools.Engine.Document
{
    /// <summary>A WORD block.</summary>
    public sealed class TextractWord : TextractElement
    {
        internal TextractWord(TextractDocumentOrigin origin, BlockId id, int page, double? confidence, TextractBoundingBox? boundingBox, string text, string? textType)
            : base(origin, id, page, confidence, boundingBox)
        {
            Text = text;
            TextType = textType;
        }

        public string Text { get; }

        /// <summary>PRINTED or HANDWRITING (null when Textract does not say).</summary>
        public string? TextType { get; }

        public override string ToString() => Text;
    }
}
