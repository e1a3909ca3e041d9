namespace TextractTools.Engine.Document
{
    /// <summary>
    /// One page of the document: counts of what was found on it and its text in reading order. Id, Confidence and
    /// BoundingBox are the PAGE block's (Id is empty for a page the output names but gives no PAGE block for).
    /// </summary>
    public sealed class TextractPage : TextractElement
    {
        internal TextractPage(TextractDocumentOrigin origin, string id, int page, double? confidence, TextractBoundingBox? boundingBox, PageCounts counts, string text)
            : base(origin, id, page, confidence, boundingBox)
        {
            LineCount = counts.Lines;
            WordCount = counts.Words;
            KeyValueCount = counts.KeyValues;
            TableCount = counts.Tables;
            QueryResultCount = counts.QueryResults;
            SignatureCount = counts.Signatures;
            LayoutBlockCount = counts.LayoutBlocks;
            Text = text;
        }

        /// <summary>Same as <see cref="TextractElement.Page"/>: the 1-based page number.</summary>
        public int PageNumber => Page;

        public int LineCount { get; }
        public int WordCount { get; }
        public int KeyValueCount { get; }
        public int TableCount { get; }
        public int QueryResultCount { get; }
        public int SignatureCount { get; }
        public int LayoutBlockCount { get; }

        /// <summary>The page's text in reading order, one line per line.</summary>
        public string Text { get; }

        public override string ToString() => $"Page {Page}: {LineCount} lines, {TableCount} tables, {KeyValueCount} fields";
    }

    /// <summary>What a page holds, counted while the model is built.</summary>
    internal struct PageCounts
    {
        public int Lines;
        public int Words;
        public int KeyValues;
        public int Tables;
        public int QueryResults;
        public int Signatures;
        public int LayoutBlocks;
    }
}
