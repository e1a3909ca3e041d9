namespace TextractTools.Engine.Document
{
    /// <summary>A SIGNATURE block: where Textract saw a signature.</summary>
    public sealed class TextractSignature : TextractElement
    {
        internal TextractSignature(TextractDocumentOrigin origin, string id, int page, double? confidence, TextractBoundingBox? boundingBox)
            : base(origin, id, page, confidence, boundingBox)
        {
        }

        public override string ToString() => $"Signature on page {Page}";
    }
}
