using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Document.ReadingOrder;
using Xunit;
using static TextractTools.Tests.Engine.Document.ReadingOrder.SyntheticPage;

namespace TextractTools.Tests.Engine.Document.ReadingOrder
{
    /// <summary>The reading-order algorithm on pages laid out by hand, for the kinds of pages the real samples lack.</summary>
    public class GeometricReadingOrderTests
    {
        private static IEnumerable<string> Names(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}{i:00}");

        /// <summary>A title over two columns of 30 lines that share their rows, and a page number.</summary>
        private static SyntheticPage TwoColumns(double breakAt = -1, double breakGap = 0)
        {
            var page = new SyntheticPage().Line("title", 0.3, 0.05, 0.4, words: 3, height: 0.02);
            for (int i = 0; i < 30; i++)
            {
                double top = 0.1 + i * Pitch + (breakAt >= 0 && i >= breakAt ? breakGap : 0);
                page.Line($"L{i:00}", 0.05, top, 0.4).Line($"R{i:00}", 0.55, top, 0.4);
            }
            return page.Line("page", 0.48, 0.96, 0.04, words: 1, height: 0.01);
        }

        [Fact]
        public void Two_columns_are_read_one_after_the_other_between_title_and_page_number()
        {
            SyntheticPage page = TwoColumns();
            Assert.Equal(new[] { "title" }.Concat(Names("L", 30)).Concat(Names("R", 30)).Append("page"), page.Order());
            Assert.NotEqual(page.RawOrder, page.Order()); // the raw order interleaves the columns
        }

        [Theory]
        [InlineData(1.0)] // a blank line in both columns at the same height
        [InlineData(2.5)]
        public void Paragraph_breaks_that_line_up_across_prose_columns_do_not_cut_the_columns(double blankLines)
        {
            SyntheticPage page = TwoColumns(breakAt: 15, breakGap: blankLines * Pitch);
            Assert.Equal(new[] { "title" }.Concat(Names("L", 30)).Concat(Names("R", 30)).Append("page"), page.Order());
        }

        [Fact]
        public void Three_columns_are_read_left_to_right()
        {
            var page = new SyntheticPage();
            for (int i = 0; i < 20; i++)
            {
                for (int c = 0; c < 3; c++) page.Line($"C{c}_{i:00}", 0.05 + c * 0.32, 0.1 + i * Pitch, 0.28);
            }
            Assert.Equal(Enumerable.Range(0, 3).SelectMany(c => Enumerable.Range(0, 20).Select(i => $"C{c}_{i:00}")), page.Order());
        }

        [Fact]
        public void A_table_beside_text_is_read_whole_after_the_text_rows_of_the_table_in_raw_order()
        {
            SyntheticPage page = TextBesideTable(out string[] cells);
            page.Group(isTable: true, new Box(0.58, 0.095, 0.96, 0.1 + 10 * Pitch), cells);
            Assert.Equal(Names("P", 10).Concat(cells), page.Order());
        }

        [Fact]
        public void Without_the_table_block_rows_shared_with_text_are_read_across_as_Textract_does()
        {
            // Text detection gives no TABLE: a side that shares its rows with the other is a form or a table without
            // borders, not a column, unless both sides are running text. Raw order is the safe answer.
            SyntheticPage page = TextBesideTable(out _);
            Assert.Equal(page.RawOrder, page.Order());
        }

        private static SyntheticPage TextBesideTable(out string[] cells)
        {
            var page = new SyntheticPage();
            var names = new List<string>();
            for (int i = 0; i < 10; i++)
            {
                page.Line($"P{i:00}", 0.05, 0.1 + i * Pitch, 0.45, words: 8);
                for (int c = 0; c < 3; c++)
                {
                    page.Line($"T{i}{c}", 0.6 + c * 0.12, 0.1 + i * Pitch, 0.08, words: 1);
                    names.Add($"T{i}{c}");
                }
            }
            cells = names.ToArray();
            return page;
        }

        [Fact]
        public void A_single_column_with_indented_paragraphs_keeps_the_raw_order_and_breaks_at_the_indents()
        {
            var page = new SyntheticPage();
            double top = 0.1;
            for (int p = 0; p < 5; p++)
            {
                for (int i = 0; i < 4; i++)
                {
                    double left = i == 0 ? 0.13 : 0.1, width = i == 3 ? 0.3 : i == 0 ? 0.77 : 0.8;
                    page.Line($"S{p}{i}", left, top, width, words: i == 3 ? 4 : 12);
                    top += Pitch;
                }
            }
            Assert.Equal(page.RawOrder, page.Order());
            Assert.Equal(Enumerable.Range(0, 5).Select(p => Enumerable.Range(0, 4).Select(i => $"S{p}{i}").ToList()), page.Blocks());
        }

        [Fact]
        public void A_blank_line_separates_paragraphs_and_list_markers_start_items()
        {
            var page = new SyntheticPage()
                .Line("a1", 0.1, 0.10, 0.8).Line("a2", 0.1, 0.10 + Pitch, 0.5)
                .Line("b1", 0.1, 0.10 + 3 * Pitch, 0.8).Line("b2", 0.1, 0.10 + 4 * Pitch, 0.8);
            Assert.Equal(new[] { new[] { "a1", "a2" }, new[] { "b1", "b2" } }, page.Blocks().Select(b => b.ToArray()));
        }

        [Fact]
        public void Form_rows_of_labels_and_values_are_read_across()
        {
            var page = new SyntheticPage();
            for (int i = 0; i < 8; i++)
            {
                page.Line($"K{i}", 0.05, 0.1 + i * 0.03, 0.15, words: 2).Line($"V{i}", 0.35, 0.1 + i * 0.03, 0.1 + 0.02 * i, words: 2);
            }
            Assert.Equal(page.RawOrder, page.Order());
        }

        [Fact]
        public void Terms_beside_wrapped_definitions_are_read_across()
        {
            var page = new SyntheticPage();
            double top = 0.1;
            for (int i = 0; i < 5; i++)
            {
                page.Line($"Term{i}", 0.05, top, 0.12, words: 1);
                for (int j = 0; j < 3; j++) page.Line($"Def{i}_{j}", 0.25, top + j * Pitch, 0.65, words: 10);
                top += 3 * Pitch + 0.008;
            }
            Assert.Equal(page.RawOrder, page.Order());
        }

        [Fact]
        public void Address_blocks_side_by_side_are_read_one_after_the_other()
        {
            // Bill to / ship to on the same rows: two tight blocks of different lengths are two blocks, not form rows.
            var page = new SyntheticPage().Line("Invoice", 0.05, 0.05, 0.2, words: 1, height: 0.02);
            for (int i = 0; i < 5; i++) page.Line($"Bill{i}", 0.05, 0.12 + i * Pitch, 0.25 - 0.02 * i, words: 3);
            for (int i = 0; i < 3; i++) page.Line($"Ship{i}", 0.55, 0.12 + i * Pitch, 0.2 + 0.02 * i, words: 3);
            Assert.Equal(new[] { "Invoice" }.Concat(Enumerable.Range(0, 5).Select(i => $"Bill{i}")).Concat(Enumerable.Range(0, 3).Select(i => $"Ship{i}")), page.Order());
        }

        [Fact]
        public void Header_and_footer_rows_of_a_single_column_page_keep_their_place()
        {
            var page = new SyntheticPage().Line("Company", 0.05, 0.03, 0.2, words: 2).Line("Date", 0.8, 0.03, 0.15, words: 1);
            for (int i = 0; i < 10; i++) page.Line($"B{i:00}", 0.05, 0.1 + i * Pitch, 0.9, words: 14);
            page.Line("Confidential", 0.05, 0.96, 0.2, words: 1, height: 0.01).Line("Page 1", 0.85, 0.96, 0.1, words: 2, height: 0.01);
            Assert.Equal(page.RawOrder, page.Order());
        }

        [Fact]
        public void A_key_and_its_value_stay_together_across_a_gutter()
        {
            // A two-column page whose left column holds a field whose value Textract found in the right column.
            SyntheticPage page = TwoColumns().Group(isTable: false, null, "L05", "R05");
            string[] order = page.Order();
            Assert.Equal(order.ToList().IndexOf("L05") + 1, order.ToList().IndexOf("R05"));
            Assert.Equal(page.RawOrder.OrderBy(n => n), order.OrderBy(n => n));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void A_page_scanned_turned_reads_as_if_upright(int quarterTurns)
        {
            SyntheticPage page = TwoColumns();
            Assert.Equal(page.Order(), page.Order(quarterTurns));
        }

        [Theory]
        [InlineData(0.035)]  // about 2 degrees on a letter page
        [InlineData(-0.035)]
        public void A_skewed_scan_reads_as_if_straight(double skew)
        {
            SyntheticPage page = TwoColumns();
            Assert.Equal(page.Order(), page.Order(skew: skew));
            // Without de-skewing, every line's box would overlap the next: no white space, no columns.
            Assert.NotEqual(page.RawOrder, page.Order(skew: skew));
        }

        [Fact]
        public void Lines_without_a_box_follow_the_line_before_them_in_raw_order()
        {
            SyntheticPage page = TwoColumns();
            string[] order = page.Order(withoutBox: new HashSet<string> { "R03", "L00" });
            List<string> raw = page.RawOrder.ToList();
            Assert.Equal(raw.OrderBy(n => n), order.OrderBy(n => n));
            Assert.Equal(order.ToList().IndexOf(raw[raw.IndexOf("R03") - 1]) + 1, order.ToList().IndexOf("R03"));
            Assert.Equal(order.ToList().IndexOf("title") + 1, order.ToList().IndexOf("L00"));
        }

        [Fact]
        public void A_page_mostly_without_boxes_keeps_the_raw_order()
        {
            SyntheticPage page = TwoColumns();
            var missing = new HashSet<string>(page.RawOrder.Take(40));
            Assert.Equal(page.RawOrder, page.Order(withoutBox: missing));
        }

        [Fact]
        public void A_page_whose_text_runs_every_way_keeps_the_raw_order()
        {
            var (shape, _) = TwoColumns().Shape();
            var mixed = new PageShape();
            for (int i = 0; i < shape.LineCount; i++)
            {
                // Every other line's words run right to left: no direction wins two thirds of the lines.
                var words = shape.WordBoxes(i).ToList();
                if (i % 2 == 1) words.Reverse();
                mixed.AddLine(shape.LineBox(i), shape.WordCount(i), words);
            }
            Assert.Equal(Enumerable.Range(0, shape.LineCount), GeometricReadingOrder.Arrange(mixed).Order);
        }

        [Fact]
        public void No_line_is_lost_or_repeated_on_pages_of_random_boxes()
        {
            var random = new System.Random(14);
            for (int trial = 0; trial < 200; trial++)
            {
                var shape = new PageShape();
                int count = random.Next(0, 60);
                for (int i = 0; i < count; i++)
                {
                    double left = random.NextDouble() * 0.9, top = random.NextDouble() * 0.95;
                    Box? box = random.Next(10) == 0 ? (Box?)null : new Box(left, top, left + random.NextDouble() * 0.3, top + 0.005 + random.NextDouble() * 0.03);
                    shape.AddLine(box, random.Next(1, 12));
                }
                for (int g = 0; g < count / 8; g++)
                {
                    shape.AddGroup(Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(count)), null, random.Next(2) == 0);
                }
                Arrangement arrangement = GeometricReadingOrder.Arrange(shape);
                Assert.Equal(Enumerable.Range(0, count), arrangement.Order.OrderBy(i => i));
                Assert.Equal(count, arrangement.BlockStarts.Length);
            }
        }
    }
}
