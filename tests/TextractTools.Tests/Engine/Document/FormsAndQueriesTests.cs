using System.Linq;
using TextractTools.Engine.Document;
using Xunit;
using static TextractTools.Tests.Support.OutputJson;

namespace TextractTools.Tests.Engine.Document
{
    public class FormsAndQueriesTests
    {
        private static TextractDocument Read(params System.Collections.Generic.Dictionary<string, object?>[] blocks) =>
            TextractDocumentReader.Read(new[] { Raw(Answer(blocks)) });

        [Fact]
        public void Value_text_joins_words_and_places_checkbox_status()
        {
            TextractDocument document = Read(
                Key("k1", "v1", "kw1", "kw2"), Value("v1", "vw1", "s1", "vw2"),
                Word("kw1", "Marital"), Word("kw2", "status:"), Word("vw1", "single"), Selection("s1", "NOT_SELECTED"), Word("vw2", "(tick)"));

            TextractKeyValue field = Assert.Single(document.KeyValues);
            Assert.Equal("Marital status:", field.Key);
            Assert.Equal("single NOT_SELECTED (tick)", field.Value);
            Assert.True(field.IsCheckbox);
            Assert.Equal("NOT_SELECTED", field.SelectionStatus);
            Assert.Equal("v1", field.ValueId);
            Assert.Equal(99, field.ValueConfidence);
        }

        [Fact]
        public void Value_may_be_empty_or_absent()
        {
            TextractDocument document = Read(
                Key("k1", "v1", "kw1"), Value("v1"), Word("kw1", "Signature:"),
                Block("KEY_VALUE_SET", "k2", relationships: new[] { ("CHILD", new[] { "kw2" }) }).With("EntityTypes", new[] { "KEY" }), Word("kw2", "Notes:"));

            Assert.Equal(new[] { ("Signature:", ""), ("Notes:", "") }, document.KeyValues.Select(kv => (kv.Key, kv.Value)));
            Assert.False(document.KeyValues[0].IsCheckbox);
            Assert.Null(document.KeyValues[1].ValueId);
            Assert.Null(document.KeyValues[1].ValueConfidence);
        }

        [Fact]
        public void Pre_GA_KEY_and_VALUE_block_types_read_like_key_value_sets()
        {
            TextractDocument document = Read(
                Block("KEY", "k1", relationships: new[] { ("VALUE", new[] { "v1" }), ("CHILD", new[] { "kw" }) }),
                Block("VALUE", "v1", relationships: new[] { ("CHILD", new[] { "vw" }) }),
                Word("kw", "Name"), Word("vw", "Mary"));

            TextractKeyValue field = Assert.Single(document.KeyValues);
            Assert.Equal(("Name", "Mary"), (field.Key, field.Value));
            Assert.Empty(document.Warnings);
        }

        [Fact]
        public void Unanswered_query_gives_an_empty_answer_and_several_answers_give_several_results()
        {
            TextractDocument document = Read(
                Block("QUERY", "q1").With("Query", new { Text = "What is the total?", Alias = "total" }),
                Block("QUERY", "q2", relationships: new[] { ("ANSWER", new[] { "r1", "r2" }) }).With("Query", new { Text = "Who signed?" }),
                Block("QUERY_RESULT", "r1", text: "Ann", confidence: 91),
                Block("QUERY_RESULT", "r2", page: 2, text: "Bob", confidence: 88));

            Assert.Equal(3, document.Queries.Count);
            TextractQueryResult total = document.Queries[0];
            Assert.Equal(("total", "What is the total?", "", false), (total.Alias, total.Query, total.Answer, total.IsAnswered));
            Assert.Null(total.Confidence);
            Assert.Equal(new[] { ("Ann", 1, 91.0), ("Bob", 2, 88.0) },
                document.Queries.Skip(1).Select(q => (q.Answer, q.Page, q.Confidence!.Value)));
            Assert.All(document.Queries.Skip(1), q => Assert.Equal("q2", q.QueryId));
            Assert.Equal("Who signed?", document.Blocks.Single(b => b.Id == "q2").QueryText);
        }
    }
}
