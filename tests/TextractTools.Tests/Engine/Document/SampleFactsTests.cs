using System.Linq;
using TextractTools.Engine.Document;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Document
{
    /// <summary>The facts the samples' README gives from an independent parser (amazon-textract-response-parser).</summary>
    public class SampleFactsTests
    {
        private static TextractDocument Read(string name, DocumentReadOptions? options = null)
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            return TextractDocumentReader.ReadFile(SampleFiles.Response(name), options: options);
        }

        [SkippableFact]
        public void Forms_and_table_fields_and_checkboxes()
        {
            TextractDocument document = Read("forms-and-table.json");

            Assert.Equal(1, document.PageCount);
            Assert.Equal(31, document.Lines.Count);
            Assert.Equal(71, document.Words.Count);
            Assert.Equal(14, document.KeyValues.Count);
            Assert.Equal("555-0100", Field(document, "Phone Number:").Value);
            TextractKeyValue jobFair = Field(document, "Job fair");
            Assert.True(jobFair.IsCheckbox);
            Assert.Equal("SELECTED", jobFair.SelectionStatus);
            Assert.Equal("SELECTED", jobFair.Value);
            TextractKeyValue employee = Field(document, "Company Employee");
            Assert.Equal("NOT_SELECTED", employee.SelectionStatus);
        }

        [SkippableFact]
        public void Forms_and_table_table_rows()
        {
            TextractTable table = Assert.Single(Read("forms-and-table.json").Tables);

            Assert.Equal(4, table.RowCount);
            Assert.Equal(5, table.ColumnCount);
            string[][] grid = table.GetGrid();
            Assert.Equal(new[] { "Start Date", "End Date", "Employer Name", "Position Held", "Reason for leaving" }, grid[0]);
            Assert.Equal(new[] { "1/15/2009", "6/30/2011", "Any Company", "Assistant baker", "relocated" }, grid[1]);

            var rows = table.GetRows();
            Assert.Equal(3, rows.Count);
            Assert.Equal(new[] { "Start Date", "End Date", "Employer Name", "Position Held", "Reason for leaving" }, rows[0].ColumnNames);
            Assert.Equal("Any Company", rows[0]["Employer Name"]);
            Assert.Equal(2, rows[0].RowNumber);
            Assert.Equal(1, rows[0].TableIndex);
            Assert.NotNull(table.Title);
        }

        [SkippableFact]
        public void Merged_cells_repeat_their_text_over_the_covered_positions()
        {
            TextractTable table = Assert.Single(Read("table-merged-cells.json").Tables);

            Assert.Equal(6, table.RowCount);
            Assert.Equal(5, table.ColumnCount);
            string[][] grid = table.GetGrid(MergedCellMode.Repeat);
            Assert.Equal(new[] { "Previous Balance", "Previous Balance", "Previous Balance", "Previous Balance", "11,000" }, grid[1]);
            Assert.Equal("2022-01-01", grid[2][0]);
            Assert.Equal("2022-01-01", grid[3][0]);
            Assert.Equal(new[] { "Ending Balance", "Ending Balance", "Ending Balance", "Ending Balance", "10,960" }, grid[5]);

            TextractMergedCell previous = table.MergedCells.Single(m => m.Text == "Previous Balance");
            Assert.Equal((2, 1, 1, 4), (previous.Row, previous.Column, previous.RowSpan, previous.ColumnSpan));
        }

        [SkippableFact]
        public void Merged_cells_first_only_leaves_the_other_positions_empty()
        {
            TextractTable table = Assert.Single(Read("table-merged-cells.json").Tables);

            string[][] grid = table.GetGrid(MergedCellMode.FirstOnly);
            Assert.Equal(new[] { "Previous Balance", "", "", "", "11,000" }, grid[1]);
            Assert.Equal("2022-01-01", grid[2][0]);
            Assert.Equal("", grid[3][0]);
            var rows = table.GetRows(MergedCellMode.FirstOnly);
            Assert.Equal("", rows.Single(r => r.RowNumber == 4).Values.First().Value);
        }

        [SkippableFact]
        public void Multi_page_tables_counts_and_table_shapes()
        {
            TextractDocument document = Read("multi-page-tables.json");

            Assert.Equal(3, document.PageCount);
            Assert.Equal(211, document.Lines.Count);
            Assert.Equal(563, document.Words.Count);
            Assert.Equal(new[] { (1, 10, 3), (1, 7, 3), (2, 41, 3), (3, 11, 3) },
                document.Tables.Select(t => (t.Page, t.RowCount, t.ColumnCount)));
        }

        [SkippableFact]
        public void Multi_page_tables_merge_the_table_continued_over_three_pages()
        {
            TextractDocument document = Read("multi-page-tables.json", new DocumentReadOptions { MergeContinuedTables = true });

            Assert.Equal(2, document.Tables.Count);
            Assert.Equal((1, 10, 3), (document.Tables[0].Page, document.Tables[0].RowCount, document.Tables[0].ColumnCount));
            TextractTable joined = document.Tables[1];
            Assert.Equal(7 + 41 + 11, joined.RowCount);
            Assert.Equal(new[] { 1, 2, 3 }, joined.Pages);
            Assert.Equal(2, joined.Index);
            Assert.Equal(3, joined.PartIds.Count);
            // Textract marked no COLUMN_HEADER cells here: every row is data, under generic names ...
            var all = joined.GetRows();
            Assert.Equal(joined.RowCount, all.Count);
            Assert.Equal(new[] { "Column1", "Column2", "Column3" }, all[0].ColumnNames);
            Assert.Equal("Date", all[0]["Column1"]);
            // ... unless the caller says the first row is the header. Rows of the later parts follow on: the header
            // names every row, whatever page it came from.
            var rows = joined.GetRows(firstRowAsHeader: true);
            Assert.Equal(joined.RowCount - 1, rows.Count);
            Assert.Equal(new[] { "Date", "Description Long 2", "Withdrawals / Deposits" }, rows[0].ColumnNames);
            Assert.Equal(Enumerable.Range(2, rows.Count), rows.Select(r => r.RowNumber));
            Assert.Equal(joined.RowCount * 3, joined.Cells.Count);
        }

        [SkippableFact]
        public void Tables_with_titles_and_footers()
        {
            TextractDocument document = Read("table-with-title-and-footers.json");

            Assert.Equal(new[] { (2, 5), (2, 2), (6, 5), (7, 3), (15, 4), (3, 2), (2, 3) },
                document.Tables.Select(t => (t.RowCount, t.ColumnCount)));
            Assert.Single(document.Tables, t => t.Title != null);
            Assert.Single(document.Tables, t => t.Footers.Count == 1);
            Assert.Contains(document.Tables, t => t.Type == "SemiStructured");
            Assert.Contains(document.Tables, t => t.Type == "Structured");
        }

        [SkippableFact]
        public void Out_of_order_cells_are_sorted()
        {
            TextractTable table = Assert.Single(Read("tables-out-of-order-cells.json").Tables);

            Assert.Equal(240, table.Cells.Count);
            Assert.Equal(table.Cells.OrderBy(c => c.Row).ThenBy(c => c.Column), table.Cells);
            Assert.True(table.HeaderRowCount >= 1);
        }

        [SkippableFact]
        public void Queries_and_pre_GA_key_value_blocks()
        {
            TextractDocument document = Read("queries.json");

            Assert.Equal(4, document.Queries.Count);
            TextractQueryResult name = document.Queries.Single(q => q.Alias == "name");
            Assert.Equal("What is the patient name?", name.Query);
            Assert.Equal("Mary Major", name.Answer);
            Assert.Equal(76, name.Confidence);
            Assert.Null(document.Queries.Single(q => q.Answer == "1/6/58").Alias);
            Assert.Equal(9, document.KeyValues.Count);
            Assert.Equal("Mary", document.KeyValues.Single(kv => kv.Key == "Last Name").Value);
        }

        [SkippableFact]
        public void Signatures_and_layout()
        {
            Assert.Single(Read("signature.json").Signatures);

            TextractDocument paystub = Read("paystub.jpg.analysis.json");
            Assert.Single(paystub.Signatures);
            Assert.Contains(paystub.KeyValues, kv => kv.HasSignature);

            TextractDocument invoice = Read("sample-invoice.pdf.analysis.json");
            Assert.Contains(invoice.Layout, l => l.Type == "LAYOUT_TITLE" && l.Text.Length > 0);
            Assert.Equal(Enumerable.Range(1, invoice.Layout.Count), invoice.Layout.Select(l => l.Index));
            // Layout order drives the text: the title's line comes before the footer's.
            string title = invoice.Layout.First(l => l.Type == "LAYOUT_TITLE").Text;
            string footer = invoice.Layout.First(l => l.Type == "LAYOUT_FOOTER").Text;
            Assert.True(invoice.Text.IndexOf(title, System.StringComparison.Ordinal) < invoice.Text.IndexOf(footer, System.StringComparison.Ordinal));
        }

        [SkippableFact]
        public void S3_page_with_explicit_nulls()
        {
            TextractDocument document = Read("text-detection-with-nulls.json");

            Assert.Equal("SUCCEEDED", document.JobStatus);
            Assert.Equal(83, document.Lines.Count);
            Assert.Equal(132, document.Words.Count);
            Assert.Equal("Bank of Something", document.Lines[0].Text);
            Assert.Equal("1.0", document.ModelVersion);
            Assert.Null(document.StatusMessage);
            Assert.Equal("PRINTED", document.Lines[0].Words[0].TextType);
            Assert.Null(document.Pages[0].Confidence); // "Confidence": null on the PAGE block
            Assert.NotNull(document.Lines[0].BoundingBox);
            Assert.Empty(document.Warnings);
        }

        [SkippableFact]
        public void Multi_page_async_answer_keeps_pages_apart()
        {
            TextractDocument document = Read("textractor-multipage-doc.pdf.analysis-forms-tables.json");

            Assert.Equal(2, document.PageCount);
            Assert.Equal(document.Lines.Count, document.Pages.Sum(p => p.LineCount));
            Assert.All(document.Pages, p => Assert.True(p.LineCount > 0));
            Assert.Equal(2, document.Tables.Count);
        }

        [SkippableFact]
        public void Failed_job_answer_is_an_error_with_its_status_message()
        {
            var error = Assert.Throws<TextractOutputException>(() => Read("job-failed.json"));
            Assert.Contains("Dummy Status Message", error.Message);
            Assert.Equal("Dummy Status Message", error.StatusMessage);
        }

        [SkippableFact]
        public void In_progress_and_expense_answers_are_refused()
        {
            Assert.Contains("IN_PROGRESS", Assert.Throws<TextractOutputException>(() => Read("job-in-progress.json")).Message);
            Assert.Contains("ExpenseDocuments", Assert.Throws<TextractOutputException>(() => Read("expense-multipage.json")).Message);
        }

        private static TextractKeyValue Field(TextractDocument document, string key) =>
            document.KeyValues.Single(kv => kv.Key.Trim() == key);
    }
}
