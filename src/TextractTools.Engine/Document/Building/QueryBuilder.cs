using System.Collections.Generic;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Building
{
    /// <summary>QUERY -> ANSWER -> QUERY_RESULT: one result per answer, or one empty result for an unanswered query.</summary>
    internal sealed class QueryBuilder
    {
        private readonly BlockStore _store;
        private readonly TextractDocumentOrigin _origin;

        public QueryBuilder(BlockStore store, TextractDocumentOrigin origin)
        {
            _store = store;
            _origin = origin;
        }

        public List<TextractQueryResult> Build()
        {
            var results = new List<TextractQueryResult>();
            foreach (int q in _store.OfType(BlockTypes.Query))
            {
                ref readonly BlockRecord query = ref _store[q];
                QueryRecord asked = query.QueryIndex >= 0 ? _store.Queries[query.QueryIndex] : new QueryRecord(string.Empty, null);
                string queryId = _store.IdOf(q);
                bool answered = false;
                foreach (int a in _store.Related(q, RelationshipTypes.Answer))
                {
                    ref readonly BlockRecord answer = ref _store[a];
                    answered = true;
                    results.Add(new TextractQueryResult(_origin, _store.IdOf(a), answer.Page, BlockFacts.Confidence(answer), BlockFacts.BoundingBox(answer),
                        asked.Text, asked.Alias, answer.Text ?? string.Empty, queryId));
                }
                if (!answered)
                {
                    results.Add(new TextractQueryResult(_origin, queryId, query.Page, null, null, asked.Text, asked.Alias, string.Empty, queryId));
                }
            }
            return results;
        }
    }
}
