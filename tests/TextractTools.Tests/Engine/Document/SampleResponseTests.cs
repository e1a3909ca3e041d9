using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using TextractTools.Engine.Document;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Document
{
    /// <summary>Invariants that must hold for every real block response, checked against the raw JSON.</summary>
    public class SampleResponseTests
    {
        public static IEnumerable<object[]> BlockResponses() => new[]
        {
            "form.png.analysis.json", "forms-and-table.json", "layout.json", "multi-page-forms.json", "multi-page-tables.json",
            "paystub.jpg.analysis.json", "queries.json", "sample-invoice.pdf.analysis.json", "signature.json",
            "table-merged-cells.json", "table-with-title-and-footers.json", "tables-out-of-order-cells.json",
            "text-detection-with-nulls.json", "textractor-multipage-doc.pdf.analysis-forms-tables.json",
        }.Select(name => new object[] { name });

        [SkippableTheory]
        [MemberData(nameof(BlockResponses))]
        public void Every_line_and_word_block_appears_exactly_once(string name)
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            List<JsonElement> raw = RawBlocks(name);
            TextractDocument document = TextractDocumentReader.ReadFile(SampleFiles.Response(name));

            Assert.Equal(IdsOf(raw, "LINE"), document.Lines.Select(l => l.Id).OrderBy(id => id).ToList());
            Assert.Equal(IdsOf(raw, "WORD"), document.Words.Select(w => w.Id).OrderBy(id => id).ToList());
            Assert.Equal(document.Lines.Count, document.Lines.Select(l => l.Id).Distinct().Count());
            Assert.Equal(document.Words.Count, document.Words.Select(w => w.Id).Distinct().Count());
            // A line's words are the document's word objects, and spell out the line's text.
            var words = new HashSet<TextractWord>(document.Words);
            Assert.All(document.Lines, line =>
            {
                Assert.All(line.Words, w => Assert.Contains(w, words));
                Assert.Equal(line.Text.Replace(" ", ""), string.Concat(line.Words.Select(w => w.Text)).Replace(" ", ""));
            });
        }

        [SkippableTheory]
        [MemberData(nameof(BlockResponses))]
        public void Every_block_is_kept_and_every_relationship_resolves(string name)
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            List<JsonElement> raw = RawBlocks(name);
            TextractDocument document = TextractDocumentReader.ReadFile(SampleFiles.Response(name));

            Assert.Equal(raw.Count, document.Blocks.Count);
            var ids = new HashSet<string>(document.Blocks.Select(b => b.Id));
            Assert.Equal(raw.Count, ids.Count);
            Assert.All(document.Blocks.SelectMany(b => b.Relationships).SelectMany(r => r.Ids), id => Assert.Contains(id, ids));
            Assert.DoesNotContain(document.Warnings, w => w.Code == ReaderWarningCodes.MissingBlock || w.Code == ReaderWarningCodes.UnknownBlockType);
        }

        [SkippableTheory]
        [MemberData(nameof(BlockResponses))]
        public void Objects_match_the_blocks_they_come_from(string name)
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            List<JsonElement> raw = RawBlocks(name);
            TextractDocument document = TextractDocumentReader.ReadFile(SampleFiles.Response(name));

            Assert.Equal(Count(raw, "TABLE"), document.Tables.Count);
            Assert.Equal(Enumerable.Range(1, document.Tables.Count), document.Tables.Select(t => t.Index));
            int keys = raw.Count(b => Type(b) == "KEY" || (Type(b) == "KEY_VALUE_SET" && EntityTypes(b).Contains("KEY")));
            Assert.Equal(keys, document.KeyValues.Count);
            Assert.Equal(Count(raw, "QUERY"), document.Queries.Select(q => q.QueryId).Distinct().Count());
            Assert.Equal(Count(raw, "SIGNATURE"), document.Signatures.Count);
            Assert.Equal(raw.Count(b => Type(b).StartsWith("LAYOUT_")), document.Layout.Count);
            Assert.Equal(Count(raw, "PAGE"), document.Pages.Count);
            Assert.Equal(document.PageCount, document.Pages.Count);

            foreach (TextractTable table in document.Tables)
            {
                // Cells sorted row then column, inside the grid, and the grid covered.
                Assert.Equal(table.Cells.OrderBy(c => c.Row).ThenBy(c => c.Column).Select(c => c.Id), table.Cells.Select(c => c.Id));
                Assert.All(table.Cells, c => Assert.InRange(c.Row, 1, table.RowCount));
                Assert.All(table.Cells, c => Assert.InRange(c.Column, 1, table.ColumnCount));
                Assert.Equal(table.RowCount * table.ColumnCount, table.Cells.Count);
                string[][] grid = table.GetGrid();
                Assert.Equal(table.RowCount, grid.Length);
                IReadOnlyList<string> names = table.GetColumnNames();
                Assert.Equal(table.ColumnCount, names.Count);
                Assert.Equal(names.Count, names.Distinct(System.StringComparer.OrdinalIgnoreCase).Count());
                Assert.DoesNotContain(names, n => string.IsNullOrWhiteSpace(n));
            }

            // The document text holds every line exactly as many times as it occurs.
            string[] textLines = document.Text.Split('\n').Where(l => l.Length > 0).ToArray();
            Assert.Equal(document.Lines.Select(l => l.Text).OrderBy(t => t, System.StringComparer.Ordinal),
                textLines.OrderBy(t => t, System.StringComparer.Ordinal));
        }

        private static List<JsonElement> RawBlocks(string name)
        {
            using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(SampleFiles.Response(name)));
            return json.RootElement.GetProperty("Blocks").EnumerateArray().Select(b => b.Clone()).ToList();
        }

        private static string Type(JsonElement block) => block.GetProperty("BlockType").GetString()!;

        private static int Count(List<JsonElement> raw, string type) => raw.Count(b => Type(b) == type);

        private static string[] EntityTypes(JsonElement block) =>
            block.TryGetProperty("EntityTypes", out JsonElement types) && types.ValueKind == JsonValueKind.Array
                ? types.EnumerateArray().Select(t => t.GetString()!).ToArray()
                : new string[0];

        private static List<string> IdsOf(List<JsonElement> raw, string type) =>
            raw.Where(b => Type(b) == type).Select(b => b.GetProperty("Id").GetString()!).OrderBy(id => id).ToList();
    }
}
