using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Document;
using Xunit;
using static TextractTools.Tests.Support.OutputJson;

namespace TextractTools.Tests.Engine.Document
{
    public class TableMergerTests
    {
        private static readonly DocumentReadOptions Merge = new DocumentReadOptions { MergeContinuedTables = true };

        /// <summary>A one-column table on a page: a header cell "Item" (if asked) and data cells, at the given place.</summary>
        private static IEnumerable<Dictionary<string, object?>> TablePart(string name, int page, double top, double bottom,
            bool header, double left = 0.1, double width = 0.8, params string[] values)
        {
            var cells = new List<Dictionary<string, object?>>();
            var blocks = new List<Dictionary<string, object?>>();
            var texts = (header ? new[] { "Item" } : new string[0]).Concat(values).ToArray();
            for (int i = 0; i < texts.Length; i++)
            {
                string cell = $"{name}c{i}", word = $"{name}w{i}";
                cells.Add(header && i == 0 ? Cell(cell, 1, 1, new[] { word }, page, "COLUMN_HEADER") : Cell(cell, i + 1, 1, new[] { word }, page));
                blocks.Add(Word(word, texts[i], page));
                blocks.Add(Line($"{name}l{i}", texts[i], page, word).At(left + 0.01, top + 0.01 + i * 0.001, 0.2, 0.001));
            }
            blocks.Insert(0, Table(name, cells.Select(c => (string)c["Id"]!).ToArray(), page: page).At(left, top, width, bottom - top));
            blocks.AddRange(cells);
            return blocks;
        }

        private static TextractDocument Read(IEnumerable<Dictionary<string, object?>> blocks) =>
            TextractDocumentReader.Read(new[] { Raw(Answer(blocks, pages: 2)) }, options: Merge);

        [Fact]
        public void A_table_running_to_the_page_end_and_resumed_at_the_next_page_top_is_joined()
        {
            TextractDocument document = Read(
                TablePart("a", 1, 0.5, 0.95, header: true, values: new[] { "tea", "cake" })
                    .Concat(TablePart("b", 2, 0.05, 0.3, header: true, values: new[] { "jam" })));

            TextractTable table = Assert.Single(document.Tables);
            Assert.Equal(new[] { 1, 2 }, table.Pages);
            Assert.Equal(new[] { "a", "b" }, table.PartIds);
            // The header the continuation repeats is dropped.
            Assert.Equal(new[] { "tea", "cake", "jam" }, table.GetRows().Select(r => r["Item"]));
            Assert.Equal(4, table.RowCount);
        }

        [Fact]
        public void Text_between_the_table_and_the_page_edge_keeps_the_tables_apart()
        {
            var blocks = TablePart("a", 1, 0.5, 0.8, header: true, values: new[] { "tea" })
                .Concat(new[] { Line("total", "Total: 3", 1).At(0.1, 0.85, 0.2, 0.02) })
                .Concat(TablePart("b", 2, 0.05, 0.3, header: true, values: new[] { "jam" }));

            Assert.Equal(2, Read(blocks).Tables.Count);
        }

        [Fact]
        public void Tables_of_other_width_or_column_count_are_not_joined()
        {
            var narrower = TablePart("a", 1, 0.5, 0.95, header: true, values: new[] { "tea" })
                .Concat(TablePart("b", 2, 0.05, 0.3, header: false, width: 0.5, values: new[] { "jam" }));

            TextractDocument document = Read(narrower);
            Assert.Equal(2, document.Tables.Count);
            Assert.Equal(new[] { 1, 2 }, document.Tables.Select(t => t.Index));
        }

        [Fact]
        public void Without_the_option_tables_stay_as_Textract_gave_them()
        {
            var blocks = TablePart("a", 1, 0.5, 0.95, header: true, values: new[] { "tea" })
                .Concat(TablePart("b", 2, 0.05, 0.3, header: false, values: new[] { "jam" }));

            Assert.Equal(2, TextractDocumentReader.Read(new[] { Raw(Answer(blocks, pages: 2)) }).Tables.Count);
        }
    }
}
