using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using TextractTools.Engine.Output;
using TextractTools.Engine.Document;

namespace TextractTools.Tests.Support
{
    /// <summary>Small hand-made Textract blocks and answers for edge cases the real samples do not cover.</summary>
    internal static class OutputJson
    {
        private static double _nextTop;

        public static Dictionary<string, object?> Block(string type, string id, int page = 1, string? text = null,
            double? confidence = 99.0, IEnumerable<(string Type, string[] Ids)>? relationships = null)
        {
            var block = new Dictionary<string, object?>
            {
                ["BlockType"] = type,
                ["Id"] = id,
                ["Page"] = page,
            };
            if (confidence != null) block["Confidence"] = confidence;
            if (text != null) block["Text"] = text;
            block["Geometry"] = Geometry(0.1, _nextTop = (_nextTop + 0.01) % 0.9, 0.3, 0.01);
            var rels = relationships?.Where(r => r.Ids.Length > 0).Select(r => new Dictionary<string, object?> { ["Type"] = r.Type, ["Ids"] = r.Ids }).ToList();
            if (rels != null && rels.Count > 0) block["Relationships"] = rels;
            return block;
        }

        public static Dictionary<string, object?> Geometry(double left, double top, double width, double height) =>
            new Dictionary<string, object?>
            {
                ["BoundingBox"] = new Dictionary<string, object?> { ["Left"] = left, ["Top"] = top, ["Width"] = width, ["Height"] = height },
                ["Polygon"] = new[] { new { X = left, Y = top } },
            };

        public static Dictionary<string, object?> At(this Dictionary<string, object?> block, double left, double top, double width, double height)
        {
            block["Geometry"] = Geometry(left, top, width, height);
            return block;
        }

        public static Dictionary<string, object?> With(this Dictionary<string, object?> block, string member, object? value)
        {
            block[member] = value;
            return block;
        }

        public static Dictionary<string, object?> Word(string id, string text, int page = 1) =>
            Block("WORD", id, page, text).With("TextType", "PRINTED");

        public static Dictionary<string, object?> Line(string id, string text, int page, params string[] words) =>
            Block("LINE", id, page, text, relationships: new[] { ("CHILD", words) });

        public static Dictionary<string, object?> Page(string id, int page, params string[] children) =>
            Block("PAGE", id, page, relationships: new[] { ("CHILD", children) }).At(0, 0, 1, 1);

        public static Dictionary<string, object?> Selection(string id, string status, int page = 1) =>
            Block("SELECTION_ELEMENT", id, page).With("SelectionStatus", status);

        public static Dictionary<string, object?> Cell(string id, int row, int column, string[] children, int page = 1, params string[] entityTypes)
        {
            var cell = Block("CELL", id, page, relationships: new[] { ("CHILD", children) })
                .With("RowIndex", row).With("ColumnIndex", column).With("RowSpan", 1).With("ColumnSpan", 1);
            if (entityTypes.Length > 0) cell["EntityTypes"] = entityTypes;
            return cell;
        }

        public static Dictionary<string, object?> Merged(string id, int row, int column, int rowSpan, int columnSpan, params string[] cells) =>
            Block("MERGED_CELL", id, relationships: new[] { ("CHILD", cells) })
                .With("RowIndex", row).With("ColumnIndex", column).With("RowSpan", rowSpan).With("ColumnSpan", columnSpan);

        public static Dictionary<string, object?> Table(string id, string[] cells, string[]? merged = null, int page = 1, string? entityType = null)
        {
            var table = Block("TABLE", id, page, relationships: new[] { ("CHILD", cells), ("MERGED_CELL", merged ?? Array.Empty<string>()) });
            if (entityType != null) table["EntityTypes"] = new[] { entityType };
            return table;
        }

        public static Dictionary<string, object?> Key(string id, string valueId, params string[] words) =>
            Block("KEY_VALUE_SET", id, relationships: new[] { ("VALUE", new[] { valueId }), ("CHILD", words) }).With("EntityTypes", new[] { "KEY" });

        public static Dictionary<string, object?> Value(string id, params string[] children) =>
            Block("KEY_VALUE_SET", id, relationships: new[] { ("CHILD", children) }).With("EntityTypes", new[] { "VALUE" });

        /// <summary>A Get*-style answer holding the blocks.</summary>
        public static Dictionary<string, object?> Answer(IEnumerable<Dictionary<string, object?>> blocks, int? pages = 1, string? jobStatus = "SUCCEEDED")
        {
            var answer = new Dictionary<string, object?> { ["Blocks"] = blocks.ToList() };
            if (pages != null) answer["DocumentMetadata"] = new Dictionary<string, object?> { ["Pages"] = pages };
            if (jobStatus != null) answer["JobStatus"] = jobStatus;
            answer["AnalyzeDocumentModelVersion"] = "1.0";
            return answer;
        }

        public static RawOutputPage Raw(object answerOrArray, string source = "test-page") =>
            new RawOutputPage(source, JsonSerializer.SerializeToUtf8Bytes(answerOrArray));

        public static RawOutputPage Raw(string json, string source = "test-page") =>
            new RawOutputPage(source, Encoding.UTF8.GetBytes(json));
    }
}
