namespace TextractTools.Engine.Document.Parsing
{
    /// <summary>
    /// One block as stored: plain fields, no per-block collections. Small-vocabulary strings (types, statuses) are
    /// shared instances; relationships live in the store's shared arrays.
    /// </summary>
    internal struct BlockRecord
    {
        /// <summary>Handle of the block's Id in the store's <see cref="IdTable"/>.</summary>
        public int IdHandle;
        public string BlockType;
        public int Page;
        /// <summary>NaN when absent.</summary>
        public float Confidence;
        public string? Text;
        public string? TextType;
        /// <summary>0 when absent (Textract's indexes and spans are 1-based).</summary>
        public int RowIndex, ColumnIndex, RowSpan, ColumnSpan;
        public string[]? EntityTypes;
        public string? SelectionStatus;
        /// <summary>Index into the store's queries, -1 when the block has no Query member.</summary>
        public int QueryIndex;
        /// <summary>Bounding box; Width is NaN when the block has no geometry.</summary>
        public float Left, Top, Width, Height;
        /// <summary>The block's relationships: a range of the store's relationship records.</summary>
        public int RelationshipStart, RelationshipCount;
        /// <summary>Index of the output page (source) the block came in.</summary>
        public int SourceIndex;
    }

    /// <summary>One relationship of a block: its type and a range of the store's target list.</summary>
    internal struct RelationshipRecord
    {
        public string Type;
        public int TargetStart;
        public int TargetCount;
    }

    /// <summary>The text and alias of a QUERY block.</summary>
    internal readonly struct QueryRecord
    {
        public QueryRecord(string text, string? alias)
        {
            Text = text;
            Alias = alias;
        }

        public string Text { get; }
        public string? Alias { get; }
    }
}
