using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Document;
using Xunit;
using static TextractTools.Tests.Support.OutputJson;

namespace TextractTools.Tests.Engine.Document
{
    public class TableTests
    {
        private static TextractTable ReadTable(params System.Collections.Generic.Dictionary<string, object?>[] blocks) =>
            Assert.Single(TextractDocumentReader.Read(new[] { Raw(Answer(blocks)) }).Tables);

        [Fact]
        public void Cells_given_out_of_order_are_sorted_row_then_column()
        {
            TextractTable table = ReadTable(
                Table("t", new[] { "c22", "c11", "c21", "c12" }, entityType: "STRUCTURED_TABLE"),
                Cell("c22", 2, 2, new[] { "w4" }), Cell("c11", 1, 1, new[] { "w1" }), Cell("c21", 2, 1, new[] { "w3" }), Cell("c12", 1, 2, new[] { "w2" }),
                Word("w1", "A"), Word("w2", "B"), Word("w3", "C"), Word("w4", "D"));

            Assert.Equal(new[] { "c11", "c12", "c21", "c22" }, table.Cells.Select(c => c.Id));
            Assert.Equal(new[] { "A", "B", "C", "D" }, table.Cells.Select(c => c.Text));
            Assert.Equal("Structured", table.Type);
            Assert.Equal((2, 2), (table.RowCount, table.ColumnCount));
        }

        [Fact]
        public void Grid_size_counts_spans_and_a_spanning_cell_fills_its_positions()
        {
            TextractTable table = ReadTable(
                Table("t", new[] { "c11", "c12" }),
                Cell("c11", 1, 1, new[] { "w1" }).With("RowSpan", 3), Cell("c12", 1, 2, new[] { "w2" }).With("ColumnSpan", 2),
                Word("w1", "Tall"), Word("w2", "Wide"));

            Assert.Equal((3, 3), (table.RowCount, table.ColumnCount));
            string[][] grid = table.GetGrid();
            Assert.Equal(new[] { "Tall", "Wide", "Wide" }, grid[0]);
            Assert.Equal(new[] { "Tall", "", "" }, grid[2]);
            Assert.Equal("Unknown", table.Type);
        }

        [Fact]
        public void Checkbox_inside_a_cell_contributes_its_status_in_place()
        {
            TextractTable table = ReadTable(
                Table("t", new[] { "c1" }), Cell("c1", 1, 1, new[] { "w1", "s1", "w2" }),
                Word("w1", "Agree"), Selection("s1", "SELECTED"), Word("w2", "here"));

            TextractCell cell = Assert.Single(table.Cells);
            Assert.Equal("Agree SELECTED here", cell.Text);
            Assert.Equal("SELECTED", cell.SelectionStatus);
        }

        [Fact]
        public void Column_names_come_from_header_cells_made_unique_and_never_blank()
        {
            TextractTable table = ReadTable(
                Table("t", new[] { "h1", "h2", "h3", "h4", "d1", "d2", "d3", "d4" }),
                Cell("h1", 1, 1, new[] { "w1" }, 1, "COLUMN_HEADER"), Cell("h2", 1, 2, new[] { "w2" }, 1, "COLUMN_HEADER"),
                Cell("h3", 1, 3, new string[0], 1, "COLUMN_HEADER"), Cell("h4", 1, 4, new[] { "w4" }, 1, "COLUMN_HEADER"),
                Cell("d1", 2, 1, new[] { "v1" }), Cell("d2", 2, 2, new[] { "v2" }), Cell("d3", 2, 3, new[] { "v3" }), Cell("d4", 2, 4, new string[0]),
                Word("w1", "Amount"), Word("w2", "amount"), Word("w4", "Date"), Word("v1", "1"), Word("v2", "2"), Word("v3", "3"));

            Assert.Equal(1, table.HeaderRowCount);
            Assert.Equal(new[] { "Amount", "amount_2", "Column3", "Date" }, table.GetColumnNames());
            TextractTableRow row = Assert.Single(table.GetRows());
            Assert.Equal(new[] { "1", "2", "3", "" }, row.Values.Select(kv => kv.Value));
            Assert.Equal("3", row["Column3"]);
            Assert.Equal(2, row.RowNumber);
        }

        [Fact]
        public void Stacked_header_rows_are_joined_per_column()
        {
            // "Earnings" is merged over two header columns, above "Current" and "YTD".
            TextractTable table = ReadTable(
                Table("t", new[] { "a", "b", "c", "d", "e", "f" }, new[] { "m" }),
                Cell("a", 1, 1, new[] { "w1" }, 1, "COLUMN_HEADER"), Cell("b", 1, 2, new string[0], 1, "COLUMN_HEADER"),
                Cell("c", 2, 1, new[] { "w2" }, 1, "COLUMN_HEADER"), Cell("d", 2, 2, new[] { "w3" }, 1, "COLUMN_HEADER"),
                Cell("e", 3, 1, new[] { "w4" }), Cell("f", 3, 2, new[] { "w5" }),
                Merged("m", 1, 1, 1, 2, "a", "b"),
                Word("w1", "Earnings"), Word("w2", "Current"), Word("w3", "YTD"), Word("w4", "10"), Word("w5", "120"));

            Assert.Equal(2, table.HeaderRowCount);
            Assert.Equal(new[] { "Earnings Current", "Earnings YTD" }, table.GetColumnNames());
            TextractTableRow row = Assert.Single(table.GetRows(MergedCellMode.FirstOnly));
            Assert.Equal("120", row["Earnings YTD"]);
        }

        [Fact]
        public void Without_header_cells_every_row_is_data_under_generic_names()
        {
            TextractTable table = ReadTable(
                Table("t", new[] { "a", "b", "c", "d" }),
                Cell("a", 1, 1, new[] { "w1" }), Cell("b", 1, 2, new[] { "w2" }), Cell("c", 2, 1, new[] { "w3" }), Cell("d", 2, 2, new[] { "w4" }),
                Word("w1", "Invoice Number"), Word("w2", "Order Number"), Word("w3", "INV-3337"), Word("w4", "12345"));

            Assert.Equal(0, table.HeaderRowCount);
            Assert.Equal(new[] { "Column1", "Column2" }, table.GetColumnNames());
            IReadOnlyList<TextractTableRow> rows = table.GetRows();
            Assert.Equal(2, rows.Count);
            Assert.Equal(new[] { "Invoice Number", "Order Number" }, rows[0].Values.Values);
            Assert.Equal(new[] { "INV-3337", "12345" }, rows[1].Values.Values);
            Assert.Equal(new[] { 1, 2 }, rows.Select(r => r.RowNumber));
        }

        [Fact]
        public void Without_header_cells_the_first_row_names_the_columns_when_asked()
        {
            TextractTable table = ReadTable(
                Table("t", new[] { "a", "b", "c", "d" }),
                Cell("a", 1, 1, new[] { "w1" }), Cell("b", 1, 2, new[] { "w2" }), Cell("c", 2, 1, new[] { "w3" }), Cell("d", 2, 2, new[] { "w4" }),
                Word("w1", "Name"), Word("w2", "Name"), Word("w3", "Ann"), Word("w4", "Bob"));

            Assert.Equal(new[] { "Name", "Name_2" }, table.GetColumnNames(firstRowAsHeader: true));
            TextractTableRow row = Assert.Single(table.GetRows(firstRowAsHeader: true));
            Assert.Equal(new[] { "Name", "Name_2" }, row.ColumnNames);
            Assert.Equal("Bob", row["Name_2"]);
            Assert.Equal(2, row.RowNumber);
        }

        [Fact]
        public void Header_cells_name_the_columns_whether_or_not_the_first_row_is_asked_for()
        {
            TextractTable table = ReadTable(
                Table("t", new[] { "h1", "h2", "a", "b" }),
                Cell("h1", 1, 1, new[] { "x1" }, 1, "COLUMN_HEADER"), Cell("h2", 1, 2, new[] { "x2" }, 1, "COLUMN_HEADER"),
                Cell("a", 2, 1, new[] { "w1" }), Cell("b", 2, 2, new[] { "w2" }),
                Word("x1", "Item"), Word("x2", "Price"), Word("w1", "Tea"), Word("w2", "3.00"));

            foreach (bool firstRow in new[] { false, true })
            {
                TextractTableRow row = Assert.Single(table.GetRows(firstRowAsHeader: firstRow));
                Assert.Equal(new[] { "Item", "Price" }, row.ColumnNames);
                Assert.Equal("3.00", row["Price"]);
            }
        }

        [Fact]
        public void Merged_cell_repeat_versus_first_only()
        {
            TextractTable table = ReadTable(
                Table("t", new[] { "h1", "h2", "a", "b", "c", "d" }, new[] { "m" }),
                Cell("h1", 1, 1, new[] { "x1" }, 1, "COLUMN_HEADER"), Cell("h2", 1, 2, new[] { "x2" }, 1, "COLUMN_HEADER"),
                Cell("a", 2, 1, new[] { "w1" }), Cell("b", 2, 2, new[] { "w3" }), Cell("c", 3, 1, new[] { "w2" }), Cell("d", 3, 2, new[] { "w4" }),
                Merged("m", 2, 1, 2, 1, "a", "c"),
                Word("x1", "Date"), Word("x2", "Item"), Word("w1", "2022-01-01"), Word("w2", "(cont.)"), Word("w3", "Tea"), Word("w4", "Cake"));

            TextractMergedCell merged = Assert.Single(table.MergedCells);
            Assert.Equal("2022-01-01 (cont.)", merged.Text);
            Assert.Equal(new[] { "a", "c" }, merged.CellIds);

            var repeat = table.GetRows(MergedCellMode.Repeat);
            Assert.Equal(new[] { "2022-01-01 (cont.)", "2022-01-01 (cont.)" }, repeat.Select(r => r["Date"]));
            var firstOnly = table.GetRows(MergedCellMode.FirstOnly);
            Assert.Equal(new[] { "2022-01-01 (cont.)", "" }, firstOnly.Select(r => r["Date"]));
            Assert.Equal(new[] { "Tea", "Cake" }, firstOnly.Select(r => r["Item"]));
        }

        [Fact]
        public void Title_and_footers_come_from_their_blocks_and_tables_are_numbered_in_page_order()
        {
            var page2 = Answer(new[]
            {
                Table("t2", new[] { "c2" }, page: 2), Cell("c2", 1, 1, new[] { "w2" }, 2), Word("w2", "second", 2),
            }, pages: 2);
            var page1 = Answer(new[]
            {
                Table("t1", new[] { "c1" }).With("Relationships", new[]
                {
                    new { Type = "CHILD", Ids = new[] { "c1" } }, new { Type = "TABLE_TITLE", Ids = new[] { "tt" } },
                    new { Type = "TABLE_FOOTER", Ids = new[] { "f1", "f2" } },
                }),
                Cell("c1", 1, 1, new[] { "w1" }), Word("w1", "first"),
                Block("TABLE_TITLE", "tt", relationships: new[] { ("CHILD", new[] { "tw1", "tw2" }) }), Word("tw1", "Monthly"), Word("tw2", "totals"),
                Block("TABLE_FOOTER", "f1", relationships: new[] { ("CHILD", new[] { "fw1" }) }), Word("fw1", "*estimated"),
                Block("TABLE_FOOTER", "f2", relationships: new[] { ("CHILD", new[] { "fw2" }) }), Word("fw2", "**final"),
            }, pages: 2);
            // Pages can arrive in any order (and the array-of-answers file form works too): document order is by page.
            TextractDocument document = TextractDocumentReader.Read(new[] { Raw(new[] { page2, page1 }, "saved.json") });

            Assert.Equal(new[] { ("t1", 1, 1), ("t2", 2, 2) }, document.Tables.Select(t => (t.Id, t.Index, t.Page)));
            Assert.Equal("Monthly totals", document.Tables[0].Title);
            Assert.Equal(new[] { "*estimated", "**final" }, document.Tables[0].Footers);
            Assert.Null(document.Tables[1].Title);
        }
    }
}
