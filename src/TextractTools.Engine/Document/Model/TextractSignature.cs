namespace TextractTools.Engine.Document
{
    /// <summary>A SIGNATURE block: where Textract saw a signature.</summary>
    public sealed class TextractSignature : TextractElement
    {
        internal TextractSignature(string id, int page, double? confidence, TextractBoundingBox? boundingBox)
            : base(id, page, confidence, boundingBox)
        {
        }
    }
}
