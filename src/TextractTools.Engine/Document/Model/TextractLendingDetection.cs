namespace TextractTools.Engine.Document
{
    /// <summary>One detection of a lending field's key or value: text, or a checkbox's state, where it is.</summary>
    public sealed class TextractLendingDetection : TextractOutputObject
    {
        internal TextractLendingDetection(TextractDocumentOrigin origin, string text, string? selectionStatus, double? confidence, TextractBoundingBox? boundingBox)
            : base(origin)
        {
            Text = text;
            SelectionStatus = selectionStatus;
            Confidence = confidence;
            BoundingBox = boundingBox;
        }

        /// <summary>The text detected; empty for a checkbox.</summary>
        public string Text { get; }

        /// <summary>SELECTED or NOT_SELECTED for a checkbox, else null.</summary>
        public string? SelectionStatus { get; }

        public double? Confidence { get; }

        public TextractBoundingBox? BoundingBox { get; }

        /// <summary>The text, or the checkbox's state when there is no text.</summary>
        public string ValueText => Text.Length == 0 && SelectionStatus != null ? SelectionStatus : Text;

        public override string ToString() => ValueText;
    }

    /// <summary>One of Textract's predictions for a lending page: a page type or a printed page number, with its confidence.</summary>
    public sealed class TextractLendingPrediction : TextractOutputObject
    {
        internal TextractLendingPrediction(TextractDocumentOrigin origin, string value, double? confidence)
            : base(origin)
        {
            Value = value;
            Confidence = confidence;
        }

        public string Value { get; }

        public double? Confidence { get; }

        public override string ToString() => Confidence == null ? Value : $"{Value} ({Confidence:0.##})";
    }

    /// <summary>A signature Textract detected on a lending page (SignatureDetections).</summary>
    public sealed class TextractLendingSignature : TextractOutputObject
    {
        internal TextractLendingSignature(TextractDocumentOrigin origin, int page, string pageType, double? confidence, TextractBoundingBox? boundingBox)
            : base(origin)
        {
            Page = page;
            PageType = pageType;
            Confidence = confidence;
            BoundingBox = boundingBox;
        }

        public int Page { get; }

        /// <summary>The page's <see cref="TextractLendingPage.PageType"/>.</summary>
        public string PageType { get; }

        public double? Confidence { get; }

        public TextractBoundingBox? BoundingBox { get; }

        public override string ToString() => $"Signature on page {Page}";
    }
}
