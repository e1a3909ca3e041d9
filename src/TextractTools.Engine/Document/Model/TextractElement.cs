namespace TextractTools.Engine.Document
{
    /// <summary>
    /// What every object of the document model shares: the Textract block it was built from, its page, the
    /// service's confidence (null where Textract gives none) and its position; and, as every output object, the
    /// document and job it came from (<see cref="TextractOutputObject.Document"/>, <see cref="TextractOutputObject.JobId"/>).
    /// </summary>
    public abstract class TextractElement : TextractOutputObject
    {
        // The id's string, or the table that makes it on request (see BlockId).
        private readonly object _idSource;
        private readonly int _idHandle;
        // Kept as Textract gives it, a 32-bit float (NaN: none): a document holds one per block, and a double? costs 16 bytes.
        private readonly float _confidence;

        private protected TextractElement(TextractDocumentOrigin origin, BlockId id, int page, double? confidence, TextractBoundingBox? boundingBox)
            : base(origin)
        {
            _idSource = id.Source ?? string.Empty;
            _idHandle = id.Handle;
            Page = page;
            _confidence = confidence.HasValue ? (float)confidence.Value : float.NaN;
            BoundingBox = boundingBox;
        }

        /// <summary>The Id of the Textract block this object comes from.</summary>
        public string Id => BlockId.TextOf(_idSource, _idHandle);

        /// <summary>1-based page number.</summary>
        public int Page { get; }

        public double? Confidence => float.IsNaN(_confidence) ? (double?)null : _confidence;

        public TextractBoundingBox? BoundingBox { get; }

        /// <summary>The block's id (subclasses say something more readable).</summary>
        public override string ToString() => Id;
    }
}
