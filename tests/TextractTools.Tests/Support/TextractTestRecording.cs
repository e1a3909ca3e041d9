using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace TextractTools.Tests.Support
{
    /// <summary>
    /// Builds a synthetic GetDocumentAnalysis answer with every feature's block types, linked the way Textract
    /// links them, and as many lines as a test needs (to span several Get pages of 1,000 blocks).
    /// Per page: PAGE, LINEs (2 WORDs each), a TABLE with 2 CELLs, a KEY/VALUE pair with a checkbox, a SIGNATURE,
    /// a LAYOUT_TEXT, a QUERY "What is the total?" answered by a QUERY_RESULT.
    /// </summary>
    internal static class TextractTestRecording
    {
        public const string RecordedQuestion = "What is the total?";

        public static string Build(int pages, int linesPerPage)
        {
            var blocks = new List<Dictionary<string, object?>>();
            for (var page = 1; page <= pages; page++)
            {
                string Id(string kind, int index = 0) => $"p{page}-{kind}-{index}";
                var pageChildren = new List<string>();
                var pageBlock = Block("PAGE", Id("page"), page);
                blocks.Add(pageBlock);

                var words = new List<Dictionary<string, object?>>();
                for (var line = 0; line < linesPerPage; line++)
                {
                    var first = Block("WORD", Id("word", 2 * line), page, text: $"word{2 * line}");
                    var second = Block("WORD", Id("word", 2 * line + 1), page, text: $"word{2 * line + 1}");
                    words.Add(first);
                    words.Add(second);
                    blocks.Add(Block("LINE", Id("line", line), page, text: $"word{2 * line} word{2 * line + 1}",
                        children: new[] { Id("word", 2 * line), Id("word", 2 * line + 1) }));
                    pageChildren.Add(Id("line", line));
                }
                blocks.AddRange(words);

                blocks.Add(Block("TABLE", Id("table"), page, children: new[] { Id("cell", 0), Id("cell", 1) }));
                blocks.Add(Block("CELL", Id("cell", 0), page, children: new[] { Id("word", 0) }, extra: ("RowIndex", 1)));
                blocks.Add(Block("CELL", Id("cell", 1), page, children: new[] { Id("word", 1) }, extra: ("RowIndex", 1)));
                var key = Block("KEY_VALUE_SET", Id("key"), page, children: new[] { Id("word", 0) }, extra: ("EntityTypes", new[] { "KEY" }));
                key["Relationships"] = new List<object>
                {
                    new Dictionary<string, object> { ["Type"] = "VALUE", ["Ids"] = new[] { Id("value") } },
                    new Dictionary<string, object> { ["Type"] = "CHILD", ["Ids"] = new[] { Id("word", 0) } },
                };
                blocks.Add(key);
                blocks.Add(Block("KEY_VALUE_SET", Id("value"), page, children: new[] { Id("check") }, extra: ("EntityTypes", new[] { "VALUE" })));
                blocks.Add(Block("SELECTION_ELEMENT", Id("check"), page, extra: ("SelectionStatus", "SELECTED")));
                blocks.Add(Block("SIGNATURE", Id("signature"), page));
                blocks.Add(Block("LAYOUT_TEXT", Id("layout"), page, children: new[] { Id("line", 0) }));
                var query = Block("QUERY", Id("query"), page, extra: ("Query", new Dictionary<string, object> { ["Text"] = RecordedQuestion, ["Alias"] = "recorded" }));
                query["Relationships"] = new List<object> { new Dictionary<string, object> { ["Type"] = "ANSWER", ["Ids"] = new[] { Id("result") } } };
                blocks.Add(query);
                blocks.Add(Block("QUERY_RESULT", Id("result"), page, text: "42"));

                pageChildren.AddRange(new[] { Id("table"), Id("key"), Id("value"), Id("signature"), Id("layout"), Id("query"), Id("result") });
                pageBlock["Relationships"] = new List<object> { new Dictionary<string, object> { ["Type"] = "CHILD", ["Ids"] = pageChildren } };
            }

            return JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["DocumentMetadata"] = new Dictionary<string, object> { ["Pages"] = pages },
                ["JobStatus"] = "SUCCEEDED",
                ["Blocks"] = blocks,
                ["AnalyzeDocumentModelVersion"] = "1.0",
            });
        }

        /// <summary>How many blocks of each type one page of <see cref="Build"/> has.</summary>
        public static int BlocksPerPage(int linesPerPage) => 1 + 3 * linesPerPage + 10;

        private static Dictionary<string, object?> Block(string type, string id, int page, string? text = null,
            IEnumerable<string>? children = null, (string Name, object Value)? extra = null)
        {
            var block = new Dictionary<string, object?>
            {
                ["BlockType"] = type,
                ["Id"] = id,
                ["Page"] = page,
                ["Confidence"] = 98.5,
                ["Geometry"] = new Dictionary<string, object>
                {
                    ["BoundingBox"] = new Dictionary<string, double> { ["Width"] = 0.1, ["Height"] = 0.02, ["Left"] = 0.1, ["Top"] = 0.1 },
                },
            };
            if (text is not null) block["Text"] = text;
            if (children is not null)
                block["Relationships"] = new List<object> { new Dictionary<string, object> { ["Type"] = "CHILD", ["Ids"] = children.ToArray() } };
            if (extra is { } member) block[member.Name] = member.Value;
            return block;
        }
    }
}
