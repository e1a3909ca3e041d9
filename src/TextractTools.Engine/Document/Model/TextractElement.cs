namespace TextractTools.Engine.Document
{
    /// <summary>
    /// What every object of the document model shares: the Textract block it was built from, its page, the
    /// service's confidence (null where Textract gives none) and its position.
    /// </summary>
    public abstract class TextractElement
    {
        protected TextractElement(string id, int page, double? confidence, TextractBoundingBox? boundingBox)
        {
            Id = id;
            Page = page;
            Confidence = confidence;
            BoundingBox = boundingBox;
        }

        /// <summary>The Id of the Textract block this object comes from.</summary>
        public string Id { get; }

        /// <summary>1-based page number.</summary>
        public int Page { get; }

        public double? Confidence { get; }

        public TextractBoundingBox? BoundingBox { get; }
    }
}
