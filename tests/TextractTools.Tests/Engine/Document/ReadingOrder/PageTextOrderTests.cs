using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Document;
using Xunit;
using static TextractTools.Tests.Support.OutputJson;

namespace TextractTools.Tests.Engine.Document.ReadingOrder
{
    /// <summary>The reading order as the document model gives it: TextractPage.Text and GetLinesInReadingOrder.</summary>
    public class PageTextOrderTests
    {
        [Fact]
        public void Without_layout_two_columns_of_text_are_read_one_after_the_other_in_paragraphs()
        {
            var blocks = new List<Dictionary<string, object?>>();
            var lines = new List<string>();
            void AddLine(string id, string text, double left, double top)
            {
                string[] words = text.Split(' ');
                string[] wordIds = words.Select((_, i) => $"{id}w{i}").ToArray();
                blocks.Add(Line(id, text, 1, wordIds).At(left, top, 0.4, 0.012));
                for (int i = 0; i < words.Length; i++) blocks.Add(Word(wordIds[i], words[i]).At(left + i * 0.4 / words.Length, top, 0.3 / words.Length, 0.012));
                lines.Add(id);
            }
            // Textract lists lines row by row: left, right, left, right ...; a blank line after the third row.
            for (int row = 0; row < 6; row++)
            {
                double top = 0.1 + row * 0.018 + (row >= 3 ? 0.018 : 0);
                AddLine($"L{row}", $"left column line {row} of the text", 0.05, top);
                AddLine($"R{row}", $"right column line {row} of the text", 0.55, top);
            }
            blocks.Insert(0, Page("p", 1, lines.ToArray()));
            TextractDocument document = TextractDocumentReader.Read(new[] { Raw(Answer(blocks)) });

            TextractPage page = document.Pages.Single();
            Assert.Equal(new[] { "L0", "L1", "L2", "L3", "L4", "L5", "R0", "R1", "R2", "R3", "R4", "R5" }, page.GetLinesInReadingOrder().Select(l => l.Id));
            string Column(string side, int from, int to) => string.Join("\n", Enumerable.Range(from, to - from).Select(r => $"{side} column line {r} of the text"));
            Assert.Equal(string.Join("\n\n", Column("left", 0, 3), Column("left", 3, 6), Column("right", 0, 3), Column("right", 3, 6)), page.Text);
            Assert.Equal(page.Text, document.Text);
        }

        [Fact]
        public void Without_layout_a_tables_lines_stay_together_beside_the_text()
        {
            var blocks = new List<Dictionary<string, object?>>();
            var lines = new List<string>();
            var cells = new List<string>();
            for (int row = 0; row < 4; row++)
            {
                double top = 0.1 + row * 0.018;
                blocks.Add(Line($"P{row}", $"Running text on the left, line {row}", 1, $"p{row}").At(0.05, top, 0.4, 0.012));
                blocks.Add(Word($"p{row}", "Running").At(0.05, top, 0.1, 0.012));
                lines.Add($"P{row}");
                for (int column = 0; column < 2; column++)
                {
                    string id = $"T{row}{column}";
                    blocks.Add(Line(id, id, 1, "w" + id).At(0.6 + column * 0.15, top, 0.08, 0.012));
                    blocks.Add(Word("w" + id, id).At(0.6 + column * 0.15, top, 0.08, 0.012));
                    blocks.Add(Cell("c" + id, row + 1, column + 1, new[] { "w" + id }));
                    lines.Add(id);
                    cells.Add("c" + id);
                }
            }
            blocks.Add(Table("t", cells.ToArray()).At(0.58, 0.095, 0.35, 0.08));
            blocks.Insert(0, Page("p", 1, lines.ToArray()));
            TextractDocument document = TextractDocumentReader.Read(new[] { Raw(Answer(blocks)) });

            var order = document.Pages.Single().GetLinesInReadingOrder().Select(l => l.Id).ToList();
            Assert.Equal(new[] { "P0", "P1", "P2", "P3", "T00", "T01", "T10", "T11", "T20", "T21", "T30", "T31" }, order);
            Assert.EndsWith("line 3\n\nT00\nT01\nT10", document.Pages[0].Text.Substring(0, document.Pages[0].Text.IndexOf("T10") + 3));
        }
    }
}
