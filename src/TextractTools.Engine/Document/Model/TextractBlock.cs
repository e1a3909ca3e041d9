using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// A raw Textract block, for callers who want the service's own grammar (-As Block). Members Textract did not
    /// give are null. Made on demand from the reader's compact store.
    /// </summary>
    public sealed class TextractBlock : TextractOutputObject
    {
        internal TextractBlock(TextractDocumentOrigin origin, string id, string blockType, int page, double? confidence, TextractBoundingBox? boundingBox)
            : base(origin)
        {
            Id = id;
            BlockType = blockType;
            Page = page;
            Confidence = confidence;
            BoundingBox = boundingBox;
        }

        public string Id { get; }
        public string BlockType { get; }
        public int Page { get; }
        public double? Confidence { get; }
        public TextractBoundingBox? BoundingBox { get; }
        public string? Text { get; internal set; }
        public string? TextType { get; internal set; }
        public int? RowIndex { get; internal set; }
        public int? ColumnIndex { get; internal set; }
        public int? RowSpan { get; internal set; }
        public int? ColumnSpan { get; internal set; }
        public IReadOnlyList<string> EntityTypes { get; internal set; } = ReadableList<string>.Empty;
        public string? SelectionStatus { get; internal set; }
        public string? QueryText { get; internal set; }
        public string? QueryAlias { get; internal set; }
        public IReadOnlyList<TextractRelationship> Relationships { get; internal set; } = ReadableList<TextractRelationship>.Empty;

        public override string ToString() => Text == null ? $"{BlockType} {Id}" : $"{BlockType} {Text}";
    }

    /// <summary>A block's relationship: its Type (CHILD, VALUE, ANSWER, MERGED_CELL, ...) and the target block ids.</summary>
    public sealed class TextractRelationship
    {
        public TextractRelationship(string type, IReadOnlyList<string> ids)
        {
            Type = type;
            Ids = ids as ReadableList<string> ?? new ReadableList<string>(System.Linq.Enumerable.ToArray(ids));
        }

        public string Type { get; }
        public IReadOnlyList<string> Ids { get; }

        public override string ToString() => $"{Type}: {Ids.Count} id(s)";
    }
}
