using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using TextractTools.Engine.Document;
using TextractTools.Engine.Formats;
using Xunit;
using static TextractTools.Tests.Support.OutputJson;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Formats
{
    public class MarkdownRendererTests
    {
        private static TextractDocument Read(params Dictionary<string, object?>[] blocks) => TextractDocumentReader.Read(new[] { Raw(Answer(blocks)) });

        private static TextractDocument Sample(string name)
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            return TextractDocumentReader.ReadFile(SampleFiles.Response(name));
        }

        [SkippableTheory]
        [InlineData("multi-page-tables.json")]
        [InlineData("table-merged-cells.json")]
        [InlineData("table-with-title-and-footers.json")]
        [InlineData("forms-and-table.json")]
        [InlineData("multi-page-forms.json")]
        [InlineData("tables-out-of-order-cells.json")]
        [InlineData("paystub.jpg.analysis.json")]
        public void Every_table_is_one_pipe_table_with_its_column_count_on_every_row(string name)
        {
            TextractDocument document = Sample(name);
            string markdown = MarkdownRenderer.Render(document);

            var tables = MarkdownTables.Read(markdown);
            // In reading order, not document order: compare the tables' shapes as sets.
            Assert.All(tables, t => Assert.All(t.Rows, row => Assert.Equal(t.Header.Length, row.Length)));
            Assert.Equal(
                document.Tables.Select(t => (t.ColumnCount, t.RowCount - t.HeaderRowCount)).OrderBy(s => s),
                tables.Select(t => (t.Header.Length, t.Rows.Count)).OrderBy(s => s));
        }

        [SkippableFact]
        public void Merged_cells_are_repeated_in_every_cell_they_cover()
        {
            string markdown = MarkdownRenderer.Render(Sample("table-merged-cells.json"));

            var (header, rows) = Assert.Single(MarkdownTables.Read(markdown));
            Assert.Equal(new[] { "Date", "Description", "Credit", "Debit", "Balance" }, header);
            Assert.Equal(new[] { "Previous Balance", "Previous Balance", "Previous Balance", "Previous Balance", "11,000" }, rows[0]);
            Assert.Equal("2022-01-01", rows[1][0]);
            Assert.Equal("2022-01-01", rows[2][0]);
            Assert.Equal(new[] { "Ending Balance", "Ending Balance", "Ending Balance", "Ending Balance", "10,960" }, rows[4]);
        }

        [SkippableFact]
        public void Fields_are_a_list_checkboxes_are_ticked_and_no_field_or_table_text_is_printed_twice()
        {
            string markdown = MarkdownRenderer.Render(Sample("forms-and-table.json"));

            Assert.Contains("- **Phone Number:** 555-0100\n", markdown);
            Assert.Contains("- [x] **Job fair**\n", markdown);
            Assert.Contains("- [ ] **Company Employee**\n", markdown);
            Assert.Single(Regex.Matches(markdown, "555-0100"));
            Assert.Single(Regex.Matches(markdown, "Assistant baker"));
            Assert.Single(Regex.Matches(markdown, "Previous Employment History"));
            Assert.Contains("| Start Date | End Date | Employer Name | Position Held | Reason for leaving |", markdown);
        }

        [SkippableFact]
        public void Layout_gives_headings_figures_and_page_furniture_that_options_leave_out()
        {
            TextractDocument document = Sample("sample-invoice.pdf.analysis.json");
            string all = MarkdownRenderer.Render(document);
            Assert.StartsWith(MarkdownRenderer.FigurePlaceholder, all);
            Assert.Contains("\n# Invoice\n", all);
            Assert.Contains("Page 1/1", all);
            Assert.Contains("Payment is due within 30 days", all);

            string bare = MarkdownRenderer.Render(document, new DocumentRenderOptions { IncludePageFooters = false, IncludePageNumbers = false, IncludePageHeaders = false });
            Assert.DoesNotContain("Page 1/1", bare);
            Assert.DoesNotContain("Payment is due within 30 days", bare);
            Assert.DoesNotContain("Sliced/Invoices", bare);
            Assert.Contains("# Invoice", bare);
        }

        [SkippableFact]
        public void Options_leave_out_tables_fields_pages_and_add_page_breaks()
        {
            TextractDocument document = Sample("multi-page-tables.json");
            string noTables = MarkdownRenderer.Render(document, new DocumentRenderOptions { IncludeTables = false });
            Assert.Empty(MarkdownTables.Read(noTables));
            Assert.DoesNotContain(document.Tables[0].Cells.First(c => c.Text.Length > 3).Text, noTables);

            string pageTwo = MarkdownRenderer.Render(document, new DocumentRenderOptions { Pages = new[] { 2 } });
            Assert.Equal(document.Tables.Count(t => t.Page == 2), MarkdownTables.Read(pageTwo).Count);

            string broken = MarkdownRenderer.Render(document, new DocumentRenderOptions { PageBreaks = true });
            Assert.Equal(document.PageCount - 1, Regex.Matches(broken, "(?m)^---$").Count);

            TextractDocument form = Sample("forms-and-table.json");
            string noFields = MarkdownRenderer.Render(form, new DocumentRenderOptions { IncludeKeyValues = false });
            Assert.DoesNotContain("555-0100", noFields);
            Assert.DoesNotContain("**", noFields.Replace("**Previous Employment History**", ""));
        }

        [SkippableFact]
        public void A_table_joined_across_pages_is_one_table_at_its_first_page_and_its_lines_are_not_repeated()
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            TextractDocument document = TextractDocumentReader.ReadFile(SampleFiles.Response("multi-page-tables.json"),
                options: new DocumentReadOptions { MergeContinuedTables = true });
            TextractTable joined = Assert.Single(document.Tables, t => t.Pages.Count > 1);
            string markdown = MarkdownRenderer.Render(document, new DocumentRenderOptions { PageBreaks = true });

            var tables = MarkdownTables.Read(markdown);
            Assert.Equal(document.Tables.Count, tables.Count);
            Assert.Contains(tables, t => t.Rows.Count == joined.RowCount - joined.HeaderRowCount);
            // The joined table's last row (on a later page) is printed once: in the table, not again as text.
            string lastCell = joined.GetGrid()[joined.RowCount - 1].First(text => text.Length > 4);
            Assert.Single(Regex.Matches(markdown, Regex.Escape(MarkdownText.Cell(lastCell))));
        }

        [Fact]
        public void Several_header_rows_flatten_into_one_name_per_column()
        {
            TextractDocument document = Read(
                Cell("c11", 1, 1, new[] { "w1" }, 1, "COLUMN_HEADER"), Cell("c12", 1, 2, new[] { "w2" }, 1, "COLUMN_HEADER"), Cell("c13", 1, 3, new[] { "w2b" }, 1, "COLUMN_HEADER"),
                Cell("c21", 2, 1, new string[0], 1, "COLUMN_HEADER"), Cell("c22", 2, 2, new[] { "w3" }, 1, "COLUMN_HEADER"), Cell("c23", 2, 3, new[] { "w4" }, 1, "COLUMN_HEADER"),
                Cell("c31", 3, 1, new[] { "w5" }), Cell("c32", 3, 2, new[] { "w6" }), Cell("c33", 3, 3, new[] { "w7" }),
                Merged("m", 1, 2, 1, 2, "c12", "c13"),
                Table("t", new[] { "c11", "c12", "c13", "c21", "c22", "c23", "c31", "c32", "c33" }, new[] { "m" }),
                Word("w1", "Item"), Word("w2", "Earnings"), Word("w2b", ""), Word("w3", "Current"), Word("w4", "YTD"),
                Word("w5", "Pay"), Word("w6", "10"), Word("w7", "500"));

            var (header, rows) = Assert.Single(MarkdownTables.Read(MarkdownRenderer.Render(document)));
            Assert.Equal(new[] { "Item", "Earnings Current", "Earnings YTD" }, header);
            Assert.Equal(new[] { new[] { "Pay", "10", "500" } }, rows);
        }

        [Fact]
        public void A_table_without_header_cells_has_an_empty_header_row_and_all_rows_as_data()
        {
            TextractDocument document = Read(
                Cell("a", 1, 1, new[] { "w1" }), Cell("b", 1, 2, new[] { "w2" }), Cell("c", 2, 1, new[] { "w3" }), Cell("d", 2, 2, new[] { "w4" }),
                Table("t", new[] { "a", "b", "c", "d" }),
                Word("w1", "Invoice Number"), Word("w2", "INV-3337"), Word("w3", "Order Number"), Word("w4", "12345"));

            var (header, rows) = Assert.Single(MarkdownTables.Read(MarkdownRenderer.Render(document)));
            Assert.Equal(new[] { "", "" }, header);
            Assert.Equal(new[] { new[] { "Invoice Number", "INV-3337" }, new[] { "Order Number", "12345" } }, rows);
        }

        [Fact]
        public void Pipes_line_breaks_and_markup_in_text_are_escaped()
        {
            TextractDocument document = Read(
                Cell("a", 1, 1, new[] { "w1" }), Cell("b", 1, 2, new[] { "w2" }), Table("t", new[] { "a", "b" }),
                Word("w1", "A|B"), Word("w2", "*bold* [link](x) <b>"),
                Page("p", 1, "l1", "l2", "l3", "l4"),
                Line("l1", "# not a heading", 1, "x1").At(0.1, 0.5, 0.5, 0.01), Word("x1", "#"),
                Line("l2", "1. not a list", 1, "x2").At(0.1, 0.515, 0.5, 0.01), Word("x2", "1."),
                Line("l3", "---", 1, "x3").At(0.1, 0.53, 0.5, 0.01), Word("x3", "---"),
                Line("l4", "a_b & c &amp; d `code`", 1, "x4").At(0.1, 0.545, 0.5, 0.01), Word("x4", "a_b"));

            string markdown = MarkdownRenderer.Render(document);
            var (_, rows) = Assert.Single(MarkdownTables.Read(markdown));
            Assert.Equal(new[] { "A\\|B", "\\*bold\\* \\[link\\](x) \\<b\\>" }, rows[0]);
            string[] lines = markdown.Split('\n');
            Assert.Contains("\\# not a heading", lines);
            Assert.Contains("1\\. not a list", lines);
            Assert.Contains("\\---", lines);
            Assert.Contains("a\\_b & c \\&amp; d \\`code\\`", lines);
            Assert.Equal("x<br>y \\| z", MarkdownText_Cell("x\ny | z"));
        }

        private static string MarkdownText_Cell(string text) => MarkdownText.Cell(text);

        [Fact]
        public void Layout_lists_and_marked_lines_become_lists()
        {
            TextractDocument document = Read(
                Page("p", 1, "l1", "l2", "l3", "list", "i1", "i2"),
                Line("l1", "• apples", 1, "w1").At(0.1, 0.10, 0.3, 0.01), Line("l2", "• pears and", 1, "w2").At(0.1, 0.115, 0.3, 0.01),
                Line("l3", "plums", 1, "w3").At(0.1, 0.13, 0.3, 0.01),
                Word("w1", "apples"), Word("w2", "pears"), Word("w3", "plums"),
                Block("LAYOUT_LIST", "list", relationships: new[] { ("CHILD", new[] { "i1", "i2" }) }),
                Block("LAYOUT_TEXT", "i1", relationships: new[] { ("CHILD", new[] { "l1" }) }),
                Block("LAYOUT_TEXT", "i2", relationships: new[] { ("CHILD", new[] { "l2", "l3" }) }));
            Assert.Equal("- apples\n- pears and plums\n\n", MarkdownRenderer.Render(document));

            TextractDocument plain = Read(
                Page("p", 1, "l1", "l2", "l3"),
                Line("l1", "1. First step", 1, "w1").At(0.1, 0.10, 0.3, 0.01), Line("l2", "2. Second", 1, "w2").At(0.1, 0.115, 0.3, 0.01),
                Line("l3", "3. Third", 1, "w3").At(0.1, 0.13, 0.3, 0.01),
                Word("w1", "First"), Word("w2", "Second"), Word("w3", "Third"));
            Assert.Equal("1. First step\n2. Second\n3. Third\n\n", MarkdownRenderer.Render(plain));
        }

        [Fact]
        public void Without_layout_a_short_line_much_taller_than_the_body_is_a_heading()
        {
            var blocks = new List<Dictionary<string, object?>>
            {
                Line("t", "Quarterly Report", 1, "tw").At(0.1, 0.05, 0.5, 0.03), Word("tw", "Quarterly"),
            };
            var ids = new List<string> { "t" };
            for (int i = 0; i < 6; i++)
            {
                blocks.Add(Line($"b{i}", $"Body line {i} of the report, in the usual size.", 1, $"bw{i}").At(0.1, 0.12 + i * 0.015, 0.8, 0.01));
                blocks.Add(Word($"bw{i}", "Body"));
                ids.Add($"b{i}");
            }
            blocks.Insert(0, Page("p", 1, ids.ToArray()));
            string markdown = MarkdownRenderer.Render(TextractDocumentReader.Read(new[] { Raw(Answer(blocks)) }));
            Assert.StartsWith("# Quarterly Report\n\nBody line 0", markdown);
        }

        [Fact]
        public void A_confidence_floor_leaves_out_lines_words_and_cells_below_it()
        {
            TextractDocument document = Read(
                Page("p", 1, "l1", "l2"),
                Line("l1", "sure maybe", 1, "w1", "w2").At(0.1, 0.1, 0.5, 0.01), Word("w1", "sure"), Word("w2", "maybe").With("Confidence", 40.0),
                Line("l2", "doubtful line", 1, "w3").At(0.1, 0.115, 0.5, 0.01).With("Confidence", 30.0), Word("w3", "doubtful"),
                Cell("a", 1, 1, new[] { "cw1" }), Cell("b", 1, 2, new[] { "cw2" }).With("Confidence", 20.0), Table("t", new[] { "a", "b" }),
                Word("cw1", "kept"), Word("cw2", "dropped"));

            string markdown = MarkdownRenderer.Render(document, new DocumentRenderOptions { MinConfidence = 50 });
            Assert.Contains("sure\n", markdown);
            Assert.DoesNotContain("maybe", markdown);
            Assert.DoesNotContain("doubtful", markdown);
            var (_, rows) = Assert.Single(MarkdownTables.Read(markdown));
            Assert.Equal(new[] { "kept", "" }, rows[0]);
        }
    }
}
