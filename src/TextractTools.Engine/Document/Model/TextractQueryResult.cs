namespace TextractTools.Engine.Document
{
    /// <summary>
    /// One answer to a query (QUERY -> ANSWER -> QUERY_RESULT). A query Textract could not answer gives one result
    /// with an empty Answer and no confidence; a query answered on several pages gives one result per answer.
    /// Id is the QUERY_RESULT block's id when answered, else the QUERY block's.
    /// </summary>
    public sealed class TextractQueryResult : TextractElement
    {
        internal TextractQueryResult(TextractDocumentOrigin origin, string id, int page, double? confidence, TextractBoundingBox? boundingBox,
            string query, string? alias, string answer, string queryId)
            : base(origin, id, page, confidence, boundingBox)
        {
            Query = query;
            Alias = alias;
            Answer = answer;
            QueryId = queryId;
        }

        public string Query { get; }

        public string? Alias { get; }

        public string Answer { get; }

        public bool IsAnswered => Answer.Length > 0;

        public string QueryId { get; }

        public override string ToString() => $"{Alias ?? Query}: {Answer}";
    }
}
