using System.Linq;
using System.Text;
using TextractTools.Engine.Document;
using TextractTools.Engine.Output;
using Xunit;
using static TextractTools.Tests.Support.OutputJson;

namespace TextractTools.Tests.Engine.Document
{
    public class PagesAndTextTests
    {
        [Fact]
        public void Empty_page_is_a_page_with_nothing_on_it()
        {
            var answer = Answer(new[]
            {
                Page("p1", 1, "l1"), Line("l1", "Only line", 1, "w1", "w2"), Word("w1", "Only"), Word("w2", "line"),
                Page("p2", 2), Page("p3", 3, "l3"), Line("l3", "Last", 3, "w3"), Word("w3", "Last", 3),
            }, pages: 3);
            TextractDocument document = TextractDocumentReader.Read(new[] { Raw(answer) });

            Assert.Equal(3, document.PageCount);
            Assert.Equal(new[] { 1, 0, 1 }, document.Pages.Select(p => p.LineCount));
            Assert.Equal("", document.Pages[1].Text);
            Assert.Equal("p2", document.Pages[1].Id);
            Assert.Equal("Only line\n\nLast", document.Text);
            Assert.Empty(document.Warnings);
        }

        [Fact]
        public void Pages_the_metadata_names_without_a_page_block_are_warned_about()
        {
            var answer = Answer(new[] { Page("p1", 1) }, pages: 2);
            TextractDocument document = TextractDocumentReader.Read(new[] { Raw(answer) });

            Assert.Equal(2, document.Pages.Count);
            Assert.Equal("", document.Pages[1].Id);
            TextractDocumentWarning warning = Assert.Single(document.Warnings);
            Assert.Equal(ReaderWarningCodes.MissingPages, warning.Code);
            Assert.Equal(new[] { 2 }, warning.Pages);
        }

        [Fact]
        public void Layout_order_drives_the_text_nested_lists_count_once_and_no_line_is_lost()
        {
            var answer = Answer(new[]
            {
                Page("p1", 1, "l1", "l2", "l3", "l4", "l5", "lay1", "lay2", "list", "item"),
                Line("l1", "Footer text", 1, "w1"), Line("l2", "Big Title", 1, "w2"), Line("l3", "List item", 1, "w3"),
                Line("l4", "Stray line", 1, "w4"), Line("l5", "Body", 1, "w5"),
                Word("w1", "Footer"), Word("w2", "Big"), Word("w3", "List"), Word("w4", "Stray"), Word("w5", "Body"),
                Block("LAYOUT_TITLE", "lay1", relationships: new[] { ("CHILD", new[] { "l2" }) }),
                Block("LAYOUT_TEXT", "lay2", relationships: new[] { ("CHILD", new[] { "l5" }) }),
                Block("LAYOUT_LIST", "list", relationships: new[] { ("CHILD", new[] { "item" }) }),
                Block("LAYOUT_TEXT", "item", relationships: new[] { ("CHILD", new[] { "l3" }) }),
                Block("LAYOUT_FOOTER", "foot", relationships: new[] { ("CHILD", new[] { "l1" }) }),
            });
            TextractDocument document = TextractDocumentReader.Read(new[] { Raw(answer) });

            Assert.Equal("Big Title\n\nBody\n\nList item\n\nFooter text\n\nStray line", document.Text);
            Assert.Equal(new[] { 1, 2, 3, 4, 5 }, document.Layout.Select(l => l.Index));
            Assert.Equal("List item", document.Layout.Single(l => l.Type == "LAYOUT_LIST").Text);
            Assert.Equal("list", document.Layout.Single(l => l.Id == "item").ParentId);
            Assert.Equal(document.Text, document.Pages[0].Text);
        }

        [Fact]
        public void Without_layout_lines_keep_Textract_order_page_by_page()
        {
            var page2 = Answer(new[] { Page("p2", 2, "b"), Line("b", "second page", 2, "wb"), Word("wb", "second", 2) }, pages: 2);
            // Placed one above the other: the helper's running Top wraps around, and how far it has come depends on the
            // tests that ran before (in parallel), which made this test's order a matter of chance.
            var page1 = Answer(new[] { Page("p1", 1, "a1", "a2"), Line("a1", "right column top", 1).At(0.1, 0.1, 0.3, 0.01), Line("a2", "left column", 1).At(0.1, 0.11, 0.3, 0.01) }, pages: 2);
            TextractDocument document = TextractDocumentReader.Read(new[] { Raw(page2), Raw(page1) });

            Assert.Equal("right column top\nleft column\n\nsecond page", document.Text);
            Assert.Equal(new[] { "a1", "a2", "b" }, document.Lines.Select(l => l.Id));
        }

        [Fact]
        public void Relationships_may_point_into_a_later_output_page()
        {
            // Get* pages cut the block list anywhere: a line's words can arrive in the next answer.
            RawOutputPage first = Raw(Answer(new[] { Page("p1", 1, "l1"), Line("l1", "Split line", 1, "w1", "w2") }), "GetDocumentTextDetection page 1");
            RawOutputPage second = Raw(Answer(new[] { Word("w1", "Split"), Word("w2", "line") }), "GetDocumentTextDetection page 2");
            TextractDocument document = TextractDocumentReader.Read(new[] { first, second });

            Assert.Equal(new[] { "Split", "line" }, Assert.Single(document.Lines).Words.Select(w => w.Text));
        }

        [Fact]
        public void Job_members_are_kept_and_Textract_warnings_reported_once()
        {
            object[] warnings = { new { ErrorCode = "UNSUPPORTED_PAGE", Pages = new[] { 2 } } };
            var a = Answer(new[] { Page("p1", 1) }, pages: 2, jobStatus: "PARTIAL_SUCCESS").With("Warnings", warnings).With("StatusMessage", "Page 2 skipped");
            var b = Answer(new[] { Page("p2", 2) }, pages: 2, jobStatus: "PARTIAL_SUCCESS").With("Warnings", warnings).With("NextToken", null);
            TextractDocument document = TextractDocumentReader.Read(new[] { Raw(a), Raw(b) });
            document.Origin.JobId = "job-123";

            Assert.Equal(("PARTIAL_SUCCESS", "Page 2 skipped", "1.0", 2), (document.JobStatus, document.StatusMessage, document.ModelVersion, document.PageCount));
            Assert.Equal("job-123", document.JobId);
            Assert.Equal(new[] { "UNSUPPORTED_PAGE", ReaderWarningCodes.PartialSuccess }, document.Warnings.Select(w => w.Code));
            Assert.Equal(new[] { 2 }, document.Warnings[0].Pages);
        }

        [Fact]
        public void A_synchronous_answer_without_page_numbers_is_page_one_and_a_BOM_is_accepted()
        {
            string json = "{\"DocumentMetadata\":{\"Pages\":1},\"Blocks\":[" +
                          "{\"BlockType\":\"PAGE\",\"Id\":\"p\",\"Relationships\":[{\"Type\":\"CHILD\",\"Ids\":[\"l\"]}]}," +
                          "{\"BlockType\":\"LINE\",\"Id\":\"l\",\"Text\":\"caf\\u00e9\",\"Confidence\":97.5,\"Relationships\":null,\"Geometry\":null}]," +
                          "\"DetectDocumentTextModelVersion\":\"1.0\",\"ResponseMetadata\":{\"RequestId\":\"x\"}}";
            byte[] bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(json)).ToArray();
            TextractDocument document = TextractDocumentReader.Read(new[] { new RawOutputPage("answer.json", bytes) });

            TextractLine line = Assert.Single(document.Lines);
            Assert.Equal(("café", 1, 97.5), (line.Text, line.Page, line.Confidence!.Value));
            Assert.Null(line.BoundingBox);
            Assert.Null(document.JobStatus);
            Assert.Equal("café", document.Text);
        }

        [Fact]
        public void Raw_blocks_show_the_members_as_received()
        {
            var answer = Answer(new[]
            {
                Cell("c", 2, 3, new[] { "w" }, 1, "COLUMN_HEADER").At(0.25, 0.5, 0.125, 0.0625), Word("w", "Total"),
            });
            TextractDocument document = TextractDocumentReader.Read(new[] { Raw(answer) });

            TextractBlock cell = document.Blocks.Single(b => b.BlockType == "CELL");
            Assert.Equal((2, 3, 1, 1), (cell.RowIndex!.Value, cell.ColumnIndex!.Value, cell.RowSpan!.Value, cell.ColumnSpan!.Value));
            Assert.Equal(new[] { "COLUMN_HEADER" }, cell.EntityTypes);
            Assert.Equal(("CHILD", "w"), (cell.Relationships[0].Type, cell.Relationships[0].Ids.Single()));
            Assert.Equal((0.25, 0.5, 0.125, 0.0625), (cell.BoundingBox!.Left, cell.BoundingBox.Top, cell.BoundingBox.Width, cell.BoundingBox.Height));
            TextractBlock word = document.Blocks.Single(b => b.Id == "w");
            Assert.Equal(("Total", "PRINTED", (int?)null), (word.Text, word.TextType, word.RowIndex));
        }
    }
}
