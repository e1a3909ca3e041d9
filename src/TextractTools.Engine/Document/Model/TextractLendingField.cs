using System.Collections.Generic;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// A field Textract extracted from a lending page (LendingFields): its normalized Type (e.g. EMPLOYEE_NAME,
    /// GROSS_PAY, or OTHER), the key printed on the page, and its value.
    /// </summary>
    public sealed class TextractLendingField : TextractOutputObject
    {
        internal TextractLendingField(TextractDocumentOrigin origin, int page, string pageType, string type,
            TextractLendingDetection? key, IReadOnlyList<TextractLendingDetection> valueDetections, TextractLendingDetection? value)
            : base(origin)
        {
            Page = page;
            PageType = pageType;
            Type = type;
            Key = key?.Text ?? string.Empty;
            KeyConfidence = key?.Confidence;
            KeyBoundingBox = key?.BoundingBox;
            ValueDetections = valueDetections;
            Value = value?.ValueText ?? string.Empty;
            ValueConfidence = value?.Confidence;
            ValueBoundingBox = value?.BoundingBox;
            SelectionStatus = value?.SelectionStatus;
        }

        public int Page { get; }

        /// <summary>The page's <see cref="TextractLendingPage.PageType"/> (e.g. PAYSLIPS, W_2, 1003).</summary>
        public string PageType { get; }

        /// <summary>Textract's normalized field type (e.g. EMPLOYER_NAME, BORROWER_NAME), or OTHER.</summary>
        public string Type { get; }

        /// <summary>The key's text as printed (KeyDetection); empty where Textract gives none.</summary>
        public string Key { get; }

        public double? KeyConfidence { get; }

        public TextractBoundingBox? KeyBoundingBox { get; }

        /// <summary>
        /// The text of the value detection with the highest confidence (on a tie, the first in Textract's order); for
        /// a checkbox, which has no text, its state (SELECTED or NOT_SELECTED). Empty when there is no value
        /// detection. All of them are in <see cref="ValueDetections"/>.
        /// </summary>
        public string Value { get; }

        /// <summary>The confidence of the detection <see cref="Value"/> comes from.</summary>
        public double? ValueConfidence { get; }

        public TextractBoundingBox? ValueBoundingBox { get; }

        /// <summary>SELECTED or NOT_SELECTED when the value is a checkbox, else null.</summary>
        public string? SelectionStatus { get; }

        public bool IsCheckbox => SelectionStatus != null;

        /// <summary>Every value detection, in Textract's order.</summary>
        public IReadOnlyList<TextractLendingDetection> ValueDetections { get; }

        public int ValueCount => ValueDetections.Count;

        public override string ToString() => $"{(Key.Length == 0 ? Type : Key)} = {Value}";
    }
}
