using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.LocalEndpoint.Textract
{
    /// <summary>Which blocks a job serves: by operation, by feature types, by queries; relationships stay closed.</summary>
    public sealed class TextractBlockSelectionTests
    {
        private readonly TextractTestHarness _harness = new();
        private const string Key = "recorded.png";

        public TextractBlockSelectionTests()
        {
            var document = TextractTestHarness.UniquePng();
            _harness.Library.AddRecording(document, TextractTestRecording.Build(pages: 2, linesPerPage: 2));
            _harness.PutDocument(Key, document);
        }

        private List<JsonElement> Run(string startOperation, object body)
        {
            var jobId = _harness.Start(startOperation, body);
            _harness.FinishJobs();
            var get = startOperation.Replace("Start", "Get");
            return _harness.GetAll(get, jobId).Blocks;
        }

        private List<JsonElement> Analyse(params string[] features) =>
            Run("StartDocumentAnalysis", new { DocumentLocation = TextractTestHarness.Location(Key), FeatureTypes = features });

        private static string[] Types(IEnumerable<JsonElement> blocks) =>
            blocks.Select(b => b.GetProperty("BlockType").GetString()!).Distinct().OrderBy(t => t).ToArray();

        private static void AssertRelationshipsClosed(IReadOnlyCollection<JsonElement> blocks)
        {
            var ids = blocks.Select(b => b.GetProperty("Id").GetString()).ToHashSet();
            foreach (var block in blocks)
                foreach (var target in TextractTestHarness.RelationshipTargets(block))
                    Assert.True(ids.Contains(target), $"{block.GetProperty("Id")} points to {target}, which is not served");
        }

        [Fact]
        public void Text_detection_serves_only_pages_lines_and_words()
        {
            var blocks = Run("StartDocumentTextDetection", new { DocumentLocation = TextractTestHarness.Location(Key) });

            Assert.Equal(new[] { "LINE", "PAGE", "WORD" }, Types(blocks));
            Assert.Equal(2 * (1 + 3 * 2), blocks.Count);
            AssertRelationshipsClosed(blocks);
            // The PAGE lost its children that are not served but kept its LINEs.
            var page = blocks.First(b => b.GetProperty("BlockType").GetString() == "PAGE");
            Assert.Equal(new[] { "p1-line-0", "p1-line-1" }, TextractTestHarness.RelationshipTargets(page).ToArray());
        }

        [Fact]
        public void Tables_add_only_table_blocks()
        {
            var blocks = Analyse("TABLES");
            Assert.Equal(new[] { "CELL", "LINE", "PAGE", "TABLE", "WORD" }, Types(blocks));
            AssertRelationshipsClosed(blocks);
        }

        [Fact]
        public void Forms_add_key_values_and_selection_elements()
        {
            var blocks = Analyse("FORMS");
            Assert.Equal(new[] { "KEY_VALUE_SET", "LINE", "PAGE", "SELECTION_ELEMENT", "WORD" }, Types(blocks));
            AssertRelationshipsClosed(blocks);
            var key = blocks.First(b => b.GetProperty("Id").GetString() == "p1-key-0");
            Assert.Equal(new[] { "p1-value-0", "p1-word-0" }, TextractTestHarness.RelationshipTargets(key).ToArray());
        }

        [Fact]
        public void Signatures_and_layout_add_their_blocks()
        {
            Assert.Equal(new[] { "LINE", "PAGE", "SIGNATURE", "WORD" }, Types(Analyse("SIGNATURES")));
            var layout = Analyse("LAYOUT");
            Assert.Equal(new[] { "LAYOUT_TEXT", "LINE", "PAGE", "WORD" }, Types(layout));
            AssertRelationshipsClosed(layout);
        }

        [Fact]
        public void A_recorded_query_is_served_with_its_answer_and_echoes_the_request()
        {
            var blocks = Run("StartDocumentAnalysis", new
            {
                DocumentLocation = TextractTestHarness.Location(Key),
                FeatureTypes = new[] { "QUERIES" },
                QueriesConfig = new { Queries = new[] { new { Text = "what is the TOTAL?", Alias = "total" } } },
            });

            Assert.Equal(new[] { "LINE", "PAGE", "QUERY", "QUERY_RESULT", "WORD" }, Types(blocks));
            // Pages default to page 1: page 2's recorded query is not served.
            var query = Assert.Single(blocks, b => b.GetProperty("BlockType").GetString() == "QUERY");
            Assert.Equal(1, query.GetProperty("Page").GetInt32());
            Assert.Equal("total", query.GetProperty("Query").GetProperty("Alias").GetString());
            Assert.Equal("what is the TOTAL?", query.GetProperty("Query").GetProperty("Text").GetString());
            var answer = Assert.Single(blocks, b => b.GetProperty("BlockType").GetString() == "QUERY_RESULT");
            Assert.Equal("42", answer.GetProperty("Text").GetString());
            AssertRelationshipsClosed(blocks);
        }

        [Fact]
        public void A_query_the_recording_does_not_answer_gets_a_query_block_without_answer_on_each_page_asked()
        {
            var blocks = Run("StartDocumentAnalysis", new
            {
                DocumentLocation = TextractTestHarness.Location(Key),
                FeatureTypes = new[] { "QUERIES" },
                QueriesConfig = new { Queries = new[] { new { Text = "Who signed?", Pages = new[] { "*" } } } },
            });

            var queries = blocks.Where(b => b.GetProperty("BlockType").GetString() == "QUERY").ToList();
            Assert.Equal(new[] { 1, 2 }, queries.Select(q => q.GetProperty("Page").GetInt32()).ToArray());
            Assert.All(queries, q =>
            {
                Assert.Equal("Who signed?", q.GetProperty("Query").GetProperty("Text").GetString());
                Assert.Empty(TextractTestHarness.RelationshipTargets(q));
            });
            Assert.DoesNotContain(blocks, b => b.GetProperty("BlockType").GetString() == "QUERY_RESULT");
            // Each PAGE lists its query as a child, as the service does.
            var pages = blocks.Where(b => b.GetProperty("BlockType").GetString() == "PAGE").ToList();
            for (var i = 0; i < 2; i++)
                Assert.Contains(queries[i].GetProperty("Id").GetString(), TextractTestHarness.RelationshipTargets(pages[i]));
            AssertRelationshipsClosed(blocks);
        }

        [Fact]
        public void All_features_serve_every_recorded_block()
        {
            var blocks = Run("StartDocumentAnalysis", new
            {
                DocumentLocation = TextractTestHarness.Location(Key),
                FeatureTypes = new[] { "TABLES", "FORMS", "QUERIES", "SIGNATURES", "LAYOUT" },
                QueriesConfig = new { Queries = new[] { new { Text = TextractTestRecording.RecordedQuestion, Pages = new[] { "1-2" } } } },
            });
            Assert.Equal(2 * TextractTestRecording.BlocksPerPage(2), blocks.Count);
            AssertRelationshipsClosed(blocks);
        }
    }
}
