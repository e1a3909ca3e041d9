namespace TextractTools.Engine.Document
{
    /// <summary>
    /// What every object of the document model shares: the Textract block it was built from, its page, the
    /// service's confidence (null where Textract gives none) and its position.
    /// </summary>
    public abstract class TextractElement
    {
        // The id's string, or the table that makes it on request (see BlockId).
        private readonly object _idSource;
        private readonly int _idHandle;

        protected TextractElement(string id, int page, double? confidence, TextractBoundingBox? boundingBox)
            : this(new BlockId(id), page, confidence, boundingBox)
        {
        }

        private protected TextractElement(BlockId id, int page, double? confidence, TextractBoundingBox? boundingBox)
        {
            _idSource = id.Source ?? string.Empty;
            _idHandle = id.Handle;
            Page = page;
            Confidence = confidence;
            BoundingBox = boundingBox;
        }

        /// <summary>The Id of the Textract block this object comes from.</summary>
        public string Id => BlockId.TextOf(_idSource, _idHandle);

        /// <summary>1-based page number.</summary>
        public int Page { get; }

        public double? Confidence { get; }

        public TextractBoundingBox? BoundingBox { get; }
    }
}
