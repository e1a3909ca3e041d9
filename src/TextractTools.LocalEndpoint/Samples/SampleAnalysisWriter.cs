using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TextractTools.LocalEndpoint.Samples
{
    /// <summary>
    /// Renders placed pages as a GetDocumentAnalysis (FORMS + TABLES) answer with the block graph Textract emits:
    /// PAGE -> LINE/TABLE/KEY_VALUE_SET, LINE -> WORD, TABLE -> CELL -> WORD, KEY -> (VALUE, CHILD WORDs),
    /// VALUE -> WORDs or SELECTION_ELEMENT. Block order per page follows real output: PAGE, LINEs, WORDs,
    /// SELECTION_ELEMENTs, TABLE + CELLs, KEY_VALUE_SETs. Members are written in the order the async API uses.
    /// </summary>
    internal static class SampleAnalysisWriter
    {
        private sealed class Block
        {
            public Block(string type, int page, Box box)
            {
                Type = type;
                Page = page;
                Box = box;
            }

            public string Type { get; }
            public int Page { get; }
            public Box Box { get; }
            public string Id { get; set; } = "";
            public float? Confidence { get; set; }
            public string? Text { get; set; }
            public bool Printed { get; set; }
            public (int Row, int Column)? Cell { get; set; }
            public string[]? EntityTypes { get; set; }
            public string? SelectionStatus { get; set; }
            public List<(string Type, List<Block> Targets)> Relationships { get; } = new();

            public void Relate(string type, IEnumerable<Block> targets)
            {
                var list = targets.ToList();
                if (list.Count > 0) Relationships.Add((type, list));
            }
        }

        public static string Write(IReadOnlyList<PlacedPage> pages)
        {
            var blocks = new List<Block>();
            foreach (var page in pages) AddPage(page, blocks);

            // Ids and confidences are derived from the block's position in the output, so they are stable
            // across runs and machines but still look like the service's (random-looking GUIDs, varied scores).
            for (var i = 0; i < blocks.Count; i++) blocks[i].Id = DeterministicId(i);
            foreach (var b in blocks) AssignConfidence(b);

            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
            {
                // Compact, as the service sends it (and a third of the size). Should anyone switch indentation on,
                // NewLine is pinned because its default, Environment.NewLine, differs between Windows and Linux.
                Indented = false,
                NewLine = "\n",
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }))
            {
                json.WriteStartObject();
                json.WriteStartObject("DocumentMetadata");
                json.WriteNumber("Pages", pages.Count);
                json.WriteEndObject();
                json.WriteString("JobStatus", "SUCCEEDED");
                json.WriteStartArray("Blocks");
                foreach (var b in blocks) WriteBlock(json, b);
                json.WriteEndArray();
                json.WriteString("AnalyzeDocumentModelVersion", "1.0");
                json.WriteEndObject();
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static void AddPage(PlacedPage page, List<Block> blocks)
        {
            var n = page.Number;
            var pageBlock = new Block("PAGE", n, new Box(0, 0, SampleLayout.PageWidth, SampleLayout.PageHeight));

            var lineBlocks = new List<Block>();
            var wordBlocks = new List<Block>();
            var wordsOf = new Dictionary<PlacedLine, List<Block>>(ReferenceEqualityComparer.Instance);
            foreach (var line in page.Lines)
            {
                var words = line.Words.Select(w => new Block("WORD", n, w.Box) { Text = w.Text, Printed = true }).ToList();
                var lineBlock = new Block("LINE", n, line.Box) { Text = line.Text };
                lineBlock.Relate("CHILD", words);
                lineBlocks.Add(lineBlock);
                wordBlocks.AddRange(words);
                wordsOf[line] = words;
            }

            var selections = new Dictionary<PlacedCheckbox, Block>(ReferenceEqualityComparer.Instance);
            var selectionBlocks = new List<Block>();
            foreach (var box in page.Checkboxes)
                selectionBlocks.Add(selections[box] = new Block("SELECTION_ELEMENT", n, box.Box) { SelectionStatus = box.Selected ? "SELECTED" : "NOT_SELECTED" });

            var tableBlocks = new List<Block>();
            foreach (var table in page.Tables)
            {
                var tableBlock = new Block("TABLE", n, table.Box) { EntityTypes = new[] { "STRUCTURED_TABLE" } };
                var cells = new List<Block>();
                foreach (var cell in table.Cells)
                {
                    var cellBlock = new Block("CELL", n, cell.Box)
                    {
                        Cell = (cell.RowIndex, cell.ColumnIndex),
                        EntityTypes = cell.IsHeader ? new[] { "COLUMN_HEADER" } : null,
                    };
                    if (cell.Line is not null) cellBlock.Relate("CHILD", wordsOf[cell.Line]);
                    cells.Add(cellBlock);
                }
                tableBlock.Relate("CHILD", cells);
                tableBlocks.Add(tableBlock);
                tableBlocks.AddRange(cells);
            }

            var keyValueBlocks = new List<Block>();
            foreach (var field in page.Fields)
            {
                // Textract's VALUE box around a checkbox is a little larger than the box itself.
                var valueBox = field.Value?.Box ?? field.Checkbox!.Box.Inflate(1);
                var value = new Block("KEY_VALUE_SET", n, valueBox) { EntityTypes = new[] { "VALUE" } };
                value.Relate("CHILD", field.Value is not null ? wordsOf[field.Value] : new[] { selections[field.Checkbox!] });
                var key = new Block("KEY_VALUE_SET", n, field.Key.Box) { EntityTypes = new[] { "KEY" } };
                // Real output lists the VALUE relationship before the CHILD one.
                key.Relate("VALUE", new[] { value });
                key.Relate("CHILD", wordsOf[field.Key]);
                keyValueBlocks.Add(key);
                keyValueBlocks.Add(value);
            }

            pageBlock.Relate("CHILD", lineBlocks
                .Concat(tableBlocks.Where(b => b.Type == "TABLE"))
                .Concat(keyValueBlocks));

            blocks.Add(pageBlock);
            blocks.AddRange(lineBlocks);
            blocks.AddRange(wordBlocks);
            blocks.AddRange(selectionBlocks);
            blocks.AddRange(tableBlocks);
            blocks.AddRange(keyValueBlocks);
        }

        private static void AssignConfidence(Block b)
        {
            switch (b.Type)
            {
                case "PAGE": break; // The service gives PAGE blocks no Confidence.
                case "WORD": b.Confidence = Spread(b.Id, 98.6, 99.9); break;
                case "SELECTION_ELEMENT": b.Confidence = Spread(b.Id, 97.5, 99.9); break;
                case "TABLE": b.Confidence = Spread(b.Id, 98.5, 99.9); break;
                case "CELL": b.Confidence = Spread(b.Id, 95.0, 98.5); break;
                case "KEY_VALUE_SET": break; // Pairs share one score, set below from the KEY.
                case "LINE":
                    // A LINE scores about the mean of its words; words get theirs first because they come later
                    // in the list, so compute it from their ids directly.
                    var words = b.Relationships.Single().Targets;
                    b.Confidence = (float)words.Average(w => Spread(w.Id, 98.6, 99.9));
                    break;
            }
            if (b.Type == "KEY_VALUE_SET" && b.EntityTypes![0] == "KEY")
            {
                var score = Spread(b.Id, 95.0, 97.5);
                b.Confidence = score;
                b.Relationships.First(r => r.Type == "VALUE").Targets[0].Confidence = score;
            }
        }

        /// <summary>A score in [low, high] taken from the id's leading hex digits.</summary>
        internal static float Spread(string id, double low, double high)
        {
            var u = Convert.ToUInt32(id.Substring(0, 8), 16) / (double)uint.MaxValue;
            return (float)(low + (high - low) * u);
        }

        /// <summary>A version-4-shaped GUID from SHA-256 of the block's ordinal.</summary>
        internal static string DeterministicId(int ordinal)
        {
            var hash = SHA256.HashData(Encoding.ASCII.GetBytes($"textracttools-sample-block-{ordinal}"));
            var hex = Convert.ToHexString(hash, 0, 16).ToLowerInvariant().ToCharArray();
            hex[12] = '4';
            hex[16] = "89ab"[hex[16] % 4];
            var s = new string(hex);
            return $"{s[..8]}-{s[8..12]}-{s[12..16]}-{s[16..20]}-{s[20..32]}";
        }

        private static void WriteBlock(Utf8JsonWriter json, Block b)
        {
            json.WriteStartObject();
            json.WriteString("BlockType", b.Type);
            if (b.Confidence is float confidence) json.WriteNumber("Confidence", confidence);
            if (b.Text is not null) json.WriteString("Text", b.Text);
            if (b.Printed) json.WriteString("TextType", "PRINTED");
            if (b.Cell is (int row, int column))
            {
                json.WriteNumber("RowIndex", row);
                json.WriteNumber("ColumnIndex", column);
                json.WriteNumber("RowSpan", 1);
                json.WriteNumber("ColumnSpan", 1);
            }
            WriteGeometry(json, b.Box);
            json.WriteString("Id", b.Id);
            if (b.Relationships.Count > 0)
            {
                json.WriteStartArray("Relationships");
                foreach (var (type, targets) in b.Relationships)
                {
                    json.WriteStartObject();
                    json.WriteString("Type", type);
                    json.WriteStartArray("Ids");
                    foreach (var t in targets) json.WriteStringValue(t.Id);
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            if (b.EntityTypes is not null)
            {
                json.WriteStartArray("EntityTypes");
                foreach (var e in b.EntityTypes) json.WriteStringValue(e);
                json.WriteEndArray();
            }
            if (b.SelectionStatus is not null) json.WriteString("SelectionStatus", b.SelectionStatus);
            json.WriteNumber("Page", b.Page);
            json.WriteEndObject();
        }

        // Textract's geometry is single precision, normalised to the page, origin top-left.
        internal static void WriteGeometry(Utf8JsonWriter json, Box box)
        {
            float X(double x) => (float)Math.Clamp(x / SampleLayout.PageWidth, 0, 1);
            float Y(double y) => (float)Math.Clamp(y / SampleLayout.PageHeight, 0, 1);
            float left = X(box.Left), right = X(box.Right), top = Y(box.Top), bottom = Y(box.Bottom);

            json.WriteStartObject("Geometry");
            json.WriteStartObject("BoundingBox");
            json.WriteNumber("Width", right - left);
            json.WriteNumber("Height", bottom - top);
            json.WriteNumber("Left", left);
            json.WriteNumber("Top", top);
            json.WriteEndObject();
            json.WriteStartArray("Polygon");
            foreach (var (x, y) in new[] { (left, top), (right, top), (right, bottom), (left, bottom) })
            {
                json.WriteStartObject();
                json.WriteNumber("X", x);
                json.WriteNumber("Y", y);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
    }
}
