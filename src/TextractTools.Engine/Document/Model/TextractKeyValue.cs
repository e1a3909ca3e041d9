namespace TextractTools.Engine.Document
{
    /// <summary>
    /// A form field: a KEY block and the VALUE it points to. Id, Confidence and BoundingBox are the key's.
    /// </summary>
    public sealed class TextractKeyValue : TextractElement
    {
        internal TextractKeyValue(
            BlockId id, int page, double? keyConfidence, TextractBoundingBox? boundingBox,
            string key, string value, string? valueId, double? valueConfidence, TextractBoundingBox? valueBoundingBox,
            string? selectionStatus, bool hasSignature)
            : base(id, page, keyConfidence, boundingBox)
        {
            Key = key;
            Value = value;
            ValueId = valueId;
            ValueConfidence = valueConfidence;
            ValueBoundingBox = valueBoundingBox;
            SelectionStatus = selectionStatus;
            HasSignature = hasSignature;
        }

        public string Key { get; }

        /// <summary>
        /// The value's words joined by single spaces; a checkbox in the value contributes SELECTED or NOT_SELECTED at
        /// its place. Empty when Textract found no value.
        /// </summary>
        public string Value { get; }

        public double? KeyConfidence => Confidence;

        public string? ValueId { get; }

        public double? ValueConfidence { get; }

        public TextractBoundingBox? ValueBoundingBox { get; }

        /// <summary>True when the value holds a selection element (a checkbox or radio button).</summary>
        public bool IsCheckbox => SelectionStatus != null;

        /// <summary>SELECTED or NOT_SELECTED for a checkbox value (the first one, if several), else null.</summary>
        public string? SelectionStatus { get; }

        /// <summary>True when the value holds a SIGNATURE block.</summary>
        public bool HasSignature { get; }

        public override string ToString() => $"{Key} = {Value}";
    }
}
