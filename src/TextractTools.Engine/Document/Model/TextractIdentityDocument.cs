using System.Collections.Generic;

namespace TextractTools.Engine.Document
{
    /// <summary>An identity document (driver's license, passport) found on a lending page, with its fields.</summary>
    public sealed class TextractIdentityDocument : TextractOutputObject
    {
        internal TextractIdentityDocument(TextractDocumentOrigin origin, int index, int page, IReadOnlyList<TextractIdentityField> fields,
            OrderedStringMap values, IReadOnlyList<TextractLine> lines, string text)
            : base(origin)
        {
            Index = index;
            Page = page;
            Fields = fields;
            Values = values;
            Lines = lines;
            Text = text;
        }

        /// <summary>Its 1-based position among the identity documents of the lending output, in the order read (Textract gives none that is unique).</summary>
        public int Index { get; }

        public int Page { get; }

        /// <summary>The fields in Textract's order (FIRST_NAME, LAST_NAME, DOCUMENT_NUMBER, EXPIRATION_DATE ...).</summary>
        public IReadOnlyList<TextractIdentityField> Fields { get; }

        public int FieldCount => Fields.Count;

        /// <summary>Field type -> value text, in field order; a repeated type gets _2, _3 ... (for Export-Csv).</summary>
        public IReadOnlyDictionary<string, string> Values { get; }

        /// <summary>The document's own LINE blocks (empty when the answer carries no Blocks).</summary>
        public IReadOnlyList<TextractLine> Lines { get; }

        public string Text { get; }

        public override string ToString() => $"Identity document {Index} (page {Page}): {Fields.Count} fields";
    }

    /// <summary>One field of an identity document (IdentityDocumentFields).</summary>
    public sealed class TextractIdentityField : TextractOutputObject
    {
        internal TextractIdentityField(TextractDocumentOrigin origin, int documentIndex, int page, string type, double? typeConfidence,
            string value, double? valueConfidence, string? normalizedValue, string? normalizedValueType)
            : base(origin)
        {
            DocumentIndex = documentIndex;
            Page = page;
            Type = type;
            TypeConfidence = typeConfidence;
            Value = value;
            ValueConfidence = valueConfidence;
            NormalizedValue = normalizedValue;
            NormalizedValueType = normalizedValueType;
        }

        /// <summary>The <see cref="TextractIdentityDocument.Index"/> of its document.</summary>
        public int DocumentIndex { get; }

        public int Page { get; }

        public string Type { get; }

        public double? TypeConfidence { get; }

        /// <summary>The value as printed; may be empty (Textract lists fields it looked for and did not find).</summary>
        public string Value { get; }

        public double? ValueConfidence { get; }

        /// <summary>The value in a standard form where Textract gives one (dates: 2028-01-20T00:00:00).</summary>
        public string? NormalizedValue { get; }

        /// <summary>The kind of <see cref="NormalizedValue"/> (Date).</summary>
        public string? NormalizedValueType { get; }

        public override string ToString() => $"{Type} = {Value}";
    }
}
