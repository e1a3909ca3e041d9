using System;
using System.IO;
using System.Linq;
using TextractTools.Engine.Document;
using TextractTools.Engine.Formats;
using Xunit;
using static TextractTools.Tests.Support.OutputJson;

namespace TextractTools.Tests.Engine.Formats
{
    /// <summary>One CSV per table (Export-TextractTable, the batch's Tables deliverable): its text and its file name.</summary>
    public class TableFilesTests
    {
        private static TextractTable ReadTable(string? title = null)
        {
            var blocks = new System.Collections.Generic.List<System.Collections.Generic.Dictionary<string, object?>>
            {
                Table("t", new[] { "h1", "h2", "a", "b" }).With("Relationships", new object[]
                {
                    new { Type = "CHILD", Ids = new[] { "h1", "h2", "a", "b" } },
                    new { Type = "TABLE_TITLE", Ids = title == null ? new string[0] : new[] { "title" } },
                }),
                Cell("h1", 1, 1, new[] { "x1" }, 1, "COLUMN_HEADER"), Cell("h2", 1, 2, new[] { "x2" }, 1, "COLUMN_HEADER"),
                Cell("a", 2, 1, new[] { "w1" }), Cell("b", 2, 2, new[] { "w2" }),
                Word("x1", "Item"), Word("x2", "Note"), Word("w1", "Tea, green"), Word("w2", "said \"hot\""),
            };
            if (title != null) blocks.Add(Block("TABLE_TITLE", "title", relationships: new[] { ("CHILD", new[] { "tw" }) }));
            if (title != null) blocks.Add(Word("tw", title));
            return Assert.Single(TextractDocumentReader.Read(new[] { Raw(Answer(blocks)) }, new TextractDocumentOrigin("s3://in/scans/invoice-0142.pdf")).Tables);
        }

        [Fact]
        public void A_table_is_a_header_record_and_its_data_rows_quoted_as_RFC_4180_has_it()
        {
            string csv = TableCsv.Render(ReadTable());

            Assert.Equal("\"Item\",\"Note\"\r\n\"Tea, green\",\"said \"\"hot\"\"\"\r\n", csv);
        }

        [Fact]
        public void A_table_without_header_cells_has_generic_names_and_every_row()
        {
            TextractTable table = Assert.Single(TextractDocumentReader.Read(new[] { Raw(Answer(new[]
            {
                Table("t", new[] { "a", "b" }), Cell("a", 1, 1, new[] { "w1" }), Cell("b", 2, 1, new[] { "w2" }), Word("w1", "Invoice Number"), Word("w2", "INV-3337"),
            })) }).Tables);

            Assert.Equal("\"Column1\"\r\n\"Invoice Number\"\r\n\"INV-3337\"\r\n", TableCsv.Render(table));
            Assert.Equal("\"Invoice Number\"\r\n\"INV-3337\"\r\n", TableCsv.Render(table, firstRowAsHeader: true));
        }

        [Fact]
        public void File_names_say_page_table_and_title_and_are_safe_everywhere()
        {
            Assert.Equal("page1_table1.csv", OutputFiles.TableFileName(ReadTable()));
            Assert.Equal("page1_table1_Line-items-2024-Q1.csv", OutputFiles.TableFileName(ReadTable("Line items: 2024/Q1")));
            Assert.Equal("invoice-0142", OutputFiles.DocumentStem("s3://in/scans/invoice-0142.pdf"));
            Assert.Equal("invoice-0142.pdf", OutputFiles.DocumentName(@"C:\scans\invoice-0142.pdf"));
            Assert.Equal("saved", OutputFiles.DocumentName("/home/me/saved/"));
            Assert.Equal("document", OutputFiles.DocumentName(null));
            Assert.Equal("_CON.pdf", OutputFiles.Safe("CON.pdf"));
            Assert.Equal("Ärzte-Übersicht", OutputFiles.Safe("Ärzte / Übersicht"));
            Assert.Equal(40, OutputFiles.Safe(new string('x', 80), 40).Length);
            Assert.NotEqual(OutputFiles.Distinguisher("s3://a/x.pdf"), OutputFiles.Distinguisher("s3://b/x.pdf"));
            Assert.Equal(OutputFiles.Distinguisher("s3://a/x.pdf"), OutputFiles.Distinguisher("s3://a/x.pdf"));
        }

        [Fact]
        public void A_folder_remembers_which_document_has_which_stem_across_runs()
        {
            string folder = Path.Combine(Path.GetTempPath(), "tt-stems-" + Guid.NewGuid().ToString("N"));
            try
            {
                DocumentStems first = DocumentStems.Load(folder);
                Assert.Equal("invoice", first.StemOf("s3://in/a/invoice.pdf"));
                Assert.Equal("invoice", first.StemOf("s3://in/a/invoice.pdf"));
                string other = first.StemOf("s3://in/b/invoice.pdf");
                Assert.Equal("invoice-" + OutputFiles.Distinguisher("s3://in/b/invoice.pdf"), other);

                // A later run, in another order: each document keeps its stem.
                DocumentStems later = DocumentStems.Load(folder);
                Assert.Equal(other, later.StemOf("s3://in/b/invoice.pdf"));
                Assert.Equal("invoice", later.StemOf("s3://in/a/invoice.pdf"));

                File.WriteAllText(Path.Combine(folder, DocumentStems.IndexFileName), "{ not json");
                Assert.Equal("invoice", DocumentStems.Load(folder).StemOf("s3://in/c/invoice.pdf"));
            }
            finally
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, true);
            }
        }

        [Fact]
        public void A_file_is_replaced_whole_and_no_temporary_file_stays()
        {
            string folder = Path.Combine(Path.GetTempPath(), "tt-csv-" + Guid.NewGuid().ToString("N"));
            try
            {
                string path = Path.Combine(folder, "t.csv");
                TableCsv.WriteFile(ReadTable(), path);
                TableCsv.WriteFile(ReadTable(), path);
                Assert.Equal(TableCsv.Render(ReadTable()), File.ReadAllText(path));
                Assert.Equal(new[] { "t.csv" }, Directory.GetFiles(folder).Select(Path.GetFileName));
                Assert.False(File.ReadAllBytes(path).Take(3).SequenceEqual(new byte[] { 0xEF, 0xBB, 0xBF }), "no byte order mark");
            }
            finally
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, true);
            }
        }
    }
}
