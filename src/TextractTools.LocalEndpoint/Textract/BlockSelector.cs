using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using TextractTools.LocalEndpoint.Replay;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// Chooses, from a recording, the blocks a job serves. Text detection serves PAGE, LINE and WORD; analysis
    /// serves those plus the block types of each requested feature (TABLES: TABLE, CELL, MERGED_CELL, TABLE_TITLE,
    /// TABLE_FOOTER; FORMS: KEY_VALUE_SET, KEY, VALUE, SELECTION_ELEMENT; SIGNATURES: SIGNATURE; LAYOUT: LAYOUT_*;
    /// QUERIES: see below). Relationships to blocks not served are dropped, so every id a served block names is served.
    /// <para>
    /// QUERIES: a recorded QUERY is served when its text matches a requested query (ignoring case and surrounding
    /// blanks) on one of that query's pages, together with its QUERY_RESULT answers, and it echoes the request's
    /// Query (Text, Alias, Pages). A requested query the recording does not answer on a page gets a QUERY block
    /// with no ANSWER there, as the service answers a query it finds nothing for; the PAGE lists it as a CHILD.
    /// </para>
    /// </summary>
    internal static class BlockSelector
    {
        private static readonly HashSet<string> TextBlockTypes = new(StringComparer.Ordinal) { "PAGE", "LINE", "WORD" };

        private static readonly IReadOnlyDictionary<string, string[]> FeatureBlockTypes = new Dictionary<string, string[]>
        {
            ["TABLES"] = new[] { "TABLE", "CELL", "MERGED_CELL", "TABLE_TITLE", "TABLE_FOOTER" },
            ["FORMS"] = new[] { "KEY_VALUE_SET", "KEY", "VALUE", "SELECTION_ELEMENT" },
            ["SIGNATURES"] = new[] { "SIGNATURE" },
        };

        public static IReadOnlyList<RecordedBlock> Select(Recording recording, StartRequest request, string idSeed)
        {
            var allowedTypes = new HashSet<string>(TextBlockTypes, StringComparer.Ordinal);
            var layout = false;
            if (request.Kind == JobKind.Analysis)
            {
                foreach (var feature in request.FeatureTypes)
                    if (FeatureBlockTypes.TryGetValue(feature, out var types)) allowedTypes.UnionWith(types);
                layout = request.Has("LAYOUT");
            }

            var queries = request.Kind == JobKind.Analysis && request.Has("QUERIES")
                ? MatchQueries(recording, request.Queries, idSeed)
                : QueryMatch.None;

            var served = new HashSet<string>(StringComparer.Ordinal);
            foreach (var block in recording.Blocks)
            {
                var isServed = allowedTypes.Contains(block.BlockType)
                    || (layout && block.BlockType.StartsWith("LAYOUT_", StringComparison.Ordinal))
                    || queries.RecordedQueries.ContainsKey(block.Id)
                    || queries.Answers.Contains(block.Id);
                if (isServed) served.Add(block.Id);
            }
            foreach (var query in queries.Unanswered) served.Add(query.Id);

            var result = new List<RecordedBlock>(served.Count);
            var emittedQueries = new HashSet<string>(StringComparer.Ordinal);
            int? previousPage = null;
            foreach (var block in recording.Blocks)
            {
                if (!served.Contains(block.Id)) continue;
                // Made-up queries go after the last block of their page, where the service puts a page's QUERY blocks.
                if (previousPage is { } page && page != block.Page) AddUnansweredQueries(result, emittedQueries, queries.UnansweredOn(page));
                previousPage = block.Page;

                var kept = block.WithRelationshipsTo(served.Contains);
                if (queries.RecordedQueries.TryGetValue(block.Id, out var asked)) kept = kept.WithSource(WithQuery(kept.Source, asked));
                if (block.BlockType == "PAGE") kept = kept.WithExtraChildren(queries.UnansweredOn(block.Page).Select(q => q.Id).ToList());
                result.Add(kept);
            }
            if (previousPage is { } lastPage) AddUnansweredQueries(result, emittedQueries, queries.UnansweredOn(lastPage));
            // Pages with no served block at all (none in practice: every page has a PAGE block).
            AddUnansweredQueries(result, emittedQueries, queries.Unanswered);
            return result;
        }

        private static void AddUnansweredQueries(List<RecordedBlock> result, HashSet<string> emitted, IEnumerable<RecordedBlock> queries)
        {
            foreach (var query in queries)
                if (emitted.Add(query.Id)) result.Add(query);
        }

        private static QueryMatch MatchQueries(Recording recording, IReadOnlyList<QueryRequest> asked, string idSeed)
        {
            var recordedQueries = new Dictionary<string, QueryRequest>(StringComparer.Ordinal);
            var answered = new HashSet<(QueryRequest, int)>();
            foreach (var block in recording.Blocks.Where(b => b.BlockType == "QUERY"))
            {
                var text = block.QueryText;
                var match = asked.FirstOrDefault(q => SameQuestion(q.Text, text) && q.ResolvePages(recording.Pages).Contains(block.Page));
                if (match is null) continue;
                recordedQueries[block.Id] = match;
                answered.Add((match, block.Page));
            }

            var answers = new HashSet<string>(
                recording.Blocks.Where(b => recordedQueries.ContainsKey(b.Id)).SelectMany(b => b.RelatedIds("ANSWER")),
                StringComparer.Ordinal);

            var unanswered = new List<RecordedBlock>();
            for (var index = 0; index < asked.Count; index++)
            {
                var query = asked[index];
                foreach (var page in query.ResolvePages(recording.Pages))
                {
                    if (answered.Contains((query, page))) continue;
                    var id = GeneratedBlock.StableId($"{idSeed}/query/{index}/{page}");
                    unanswered.Add(GeneratedBlock.Create(id, "QUERY", page, Array.Empty<BlockRelationship>(), w =>
                    {
                        w.WritePropertyName("Query");
                        WriteQuery(w, query);
                    }));
                }
            }
            return new QueryMatch(recordedQueries, answers, unanswered);
        }

        private static bool SameQuestion(string asked, string? recorded) =>
            recorded is not null && string.Equals(asked.Trim(), recorded.Trim(), StringComparison.OrdinalIgnoreCase);

        private static JsonElement WithQuery(JsonElement source, QueryRequest query)
        {
            var node = JsonNode.Parse(source.GetRawText())!.AsObject();
            using var buffer = new System.IO.MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer)) WriteQuery(writer, query);
            node["Query"] = JsonNode.Parse(buffer.ToArray());
            using var document = JsonDocument.Parse(node.ToJsonString());
            return document.RootElement.Clone();
        }

        private static void WriteQuery(Utf8JsonWriter writer, QueryRequest query)
        {
            writer.WriteStartObject();
            writer.WriteString("Text", query.Text);
            if (query.Alias is not null) writer.WriteString("Alias", query.Alias);
            if (query.Pages is not null)
            {
                writer.WritePropertyName("Pages");
                writer.WriteStartArray();
                foreach (var page in query.Pages) writer.WriteStringValue(page);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }

        /// <summary>Recorded QUERY blocks served (by id, with the request they answer), their answers' ids, and made-up unanswered queries.</summary>
        private sealed record QueryMatch(
            IReadOnlyDictionary<string, QueryRequest> RecordedQueries,
            IReadOnlySet<string> Answers,
            IReadOnlyList<RecordedBlock> Unanswered)
        {
            public static readonly QueryMatch None = new(
                new Dictionary<string, QueryRequest>(), new HashSet<string>(), Array.Empty<RecordedBlock>());

            public IEnumerable<RecordedBlock> UnansweredOn(int page) => Unanswered.Where(q => q.Page == page);
        }
    }
}
