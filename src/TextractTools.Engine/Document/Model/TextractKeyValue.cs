namespace TextractTools.Engine.Document
{
    /// <summary>
    /// A form field: a KEY block and the VALUE it points to. Id, Confidence and BoundingBox are the key's.
    /// </summary>
    public sealed class TextractKeyValue : TextractElement
    {
        internal TextractKeyValue(
            TextractDocumentOrigin origin, BlockId id, int page, double? keyConfidence, TextractBoundingBox? boundingBox,
            string key, string value, string? valueId, double? valueConfidence, TextractBoundingBox? valueBoundingBox,
            string? selectionStatus, bool hasSignature)
            : base(origin, id, page, keyConfidence, boundingBox)
        {
            Key = key;
            Value = value;
            ValueId = valueId;
            ValueConfidence = valueConfidence;
            ValueBoundingBox = valueBoundingBox;
            SelectionStatus = selectionStatus;
            HasSignature = hasSignature;
        }

        /// <summary>
        /// The key's words joined by single spaces. A checkbox among the key's blocks is not part of it: its state is
        /// the field's <see cref="SelectionStatus"/> (and its <see cref="Value"/> when the value has no text).
        /// </summary>
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

        /// <summary>True when the field holds a selection element (a checkbox or radio button).</summary>
        public bool IsCheckbox => SelectionStatus != null;

        /// <summary>
        /// SELECTED or NOT_SELECTED for a checkbox value (the first one, if several; when the value holds none, the
        /// first checkbox Textract put among the key's blocks), else null.
        /// </summary>
        public string? SelectionStatus { get; }

        /// <summary>True when the value holds a SIGNATURE block.</summary>
        public bool HasSignature { get; }

        public override string ToString() => $"{Key} = {Value}";
    }
}
