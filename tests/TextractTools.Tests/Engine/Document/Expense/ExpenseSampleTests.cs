using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Document;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Document.Expense
{
    /// <summary>
    /// The shared real expense samples read into the model, compared field by field with an independent walk of the
    /// same JSON (<see cref="ExpenseJsonWalk"/>): every summary field with its type, label and value, every line item
    /// with its fields.
    /// </summary>
    public class ExpenseSampleTests
    {
        public static readonly TheoryData<string> Samples = new TheoryData<string> { "expense-multipage.json", "invoice-expense.json", "expense-statement.json" };

        internal static string Sample(string name)
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            return SampleFiles.Response(name);
        }

        private static ExpenseJsonWalk.Field Facts(TextractExpenseField field) =>
            new ExpenseJsonWalk.Field(field.ExpenseIndex, field.Page, field.Type, field.Label, field.Value, field.Currency, string.Join(", ", field.GroupTypes));

        [SkippableTheory]
        [MemberData(nameof(Samples))]
        public void Every_summary_field_and_line_item_is_read_as_the_json_holds_it(string name)
        {
            string path = Sample(name);
            List<ExpenseJsonWalk.Document> expected = ExpenseJsonWalk.Read(path);
            TextractExpenseOutput output = TextractExpenseReader.ReadFile(path);

            Assert.Equal(expected.Select(d => d.ExpenseIndex), output.ExpenseDocuments.Select(d => d.Index));
            for (int d = 0; d < expected.Count; d++)
            {
                TextractExpenseDocument document = output.ExpenseDocuments[d];
                Assert.Equal(expected[d].SummaryFields, document.SummaryFields.Select(Facts));
                Assert.Equal(expected[d].LineItems.Count, document.LineItems.Count);
                for (int i = 0; i < expected[d].LineItems.Count; i++)
                {
                    Assert.Equal(expected[d].LineItems[i], document.LineItems[i].Fields.Select(Facts));
                    Assert.All(document.LineItems[i].Fields, f => Assert.Equal(document.LineItems[i].Index, f.LineItemIndex));
                }
                Assert.Equal(expected[d].LineTexts, document.Lines.Select(l => l.Text));
                // Text holds every line once, in reading order (the block model's; its order is tested with the reading order).
                Assert.Equal(expected[d].LineTexts.OrderBy(t => t, System.StringComparer.Ordinal),
                    document.Text.Split('\n').Where(t => t.Length > 0).OrderBy(t => t, System.StringComparer.Ordinal));
            }
            Assert.Equal(expected.SelectMany(d => d.SummaryFields), output.SummaryFields.Select(Facts));
            Assert.Equal(expected.Sum(d => d.LineItems.Count), output.LineItems.Count);
            Assert.Empty(output.Warnings);
        }

        [SkippableTheory]
        [MemberData(nameof(Samples))]
        public void Every_line_item_has_every_column_and_each_field_value_in_one(string name)
        {
            TextractExpenseOutput output = TextractExpenseReader.ReadFile(Sample(name));

            Assert.NotEmpty(output.LineItems);
            Assert.Equal(output.LineItemColumns.Count, output.LineItemColumns.Distinct(System.StringComparer.OrdinalIgnoreCase).Count());
            Assert.Equal("EXPENSE_ROW", output.LineItemColumns.Last());
            foreach (TextractLineItem item in output.LineItems)
            {
                Assert.Equal(output.LineItemColumns, item.ColumnNames);
                // Every field's value is in some column, and no column holds text no field has.
                var values = item.Fields.Select(f => f.Value).ToList();
                foreach (string value in values) Assert.Contains(value, item.Values.Values);
                Assert.All(item.Values.Values.Where(v => v.Length > 0), v => Assert.Contains(v, values));
                Assert.Equal(item.Fields.Single(f => f.Type == "EXPENSE_ROW").Value, item["EXPENSE_ROW"]);
                Assert.Equal(item["EXPENSE_ROW"], item.Text);
            }
        }

        [SkippableFact]
        public void Multipage_invoice_documents_their_pages_and_blocks()
        {
            TextractExpenseOutput output = TextractExpenseReader.ReadFile(Sample("expense-multipage.json"));

            Assert.Equal("SUCCEEDED", output.JobStatus);
            Assert.Equal("1.0", output.ModelVersion);
            Assert.Equal(2, output.PageCount);
            Assert.Equal(new[] { 1, 2 }, output.ExpenseDocuments.Select(d => d.Index));
            Assert.Equal(new[] { 1 }, output.ExpenseDocuments[0].Pages);
            Assert.Equal(new[] { 2 }, output.ExpenseDocuments[1].Pages);
            Assert.All(output.ExpenseDocuments[1].SummaryFields, f => Assert.Equal(2, f.Page));
            Assert.Equal(44, output.ExpenseDocuments[0].LineCount);
            Assert.Equal(33, output.ExpenseDocuments[1].LineCount);
            Assert.StartsWith("INVOICE", output.ExpenseDocuments[0].Text);

            TextractExpenseDocument second = output.ExpenseDocuments[1];
            Assert.Equal("$5,715.00", second.Total);
            Assert.Equal("USD", second.SummaryFields.Single(f => f.Type == "TOTAL").Currency);
            Assert.Equal("00000135", second.InvoiceReceiptId);
            Assert.Equal("12 March 2020", second.InvoiceReceiptDate);
            Assert.Equal("META\n-", second.VendorName);

            // The parts of the receiver's address share one group.
            var receiver = output.ExpenseDocuments[0].SummaryFields.Where(f => f.GroupTypes.Contains("RECEIVER")).ToList();
            Assert.Equal(8, receiver.Count);
            Assert.Single(receiver.Select(f => f.GroupId).Distinct());
            Assert.Equal("RECEIVER", receiver[0].GroupTypes.ToString());
            Assert.Equal("9aa04478-fdf3-4223-8856-37821152c28e", receiver[0].GroupId);
            Assert.Null(output.ExpenseDocuments[0].SummaryFields.Single(f => f.Type == "PO_NUMBER").GroupId);
            Assert.Equal(new[] { "QUANTITY", "ITEM", "PRICE", "EXPENSE_ROW" }, output.LineItemColumns);
            Assert.Equal(new[] { 1, 2, 3, 4, 5, 1, 2, 3 }, output.LineItems.Select(i => i.Index));
            Assert.Equal(new[] { 1, 1, 1, 1, 1, 2, 2, 2 }, output.LineItems.Select(i => i.Page));
        }

        [SkippableFact]
        public void Other_fields_are_columns_named_by_their_label()
        {
            // Line item 2 of the invoice has no QUANTITY but an OTHER field labeled "Quantity" with an empty value.
            TextractExpenseOutput invoice = TextractExpenseReader.ReadFile(Sample("invoice-expense.json"));

            Assert.Equal(new[] { "ITEM", "QUANTITY", "UNIT_PRICE", "PRICE", "EXPENSE_ROW" }, invoice.LineItemColumns);
            TextractLineItem second = invoice.LineItems[1];
            Assert.Equal("OTHER", second.Fields[1].Type);
            Assert.Equal("", second["QUANTITY"]);
            Assert.Equal("Service 3", second["ITEM"]);
            Assert.Equal("2", invoice.LineItems[2]["QUANTITY"]);
            Assert.Null(invoice.JobStatus); // a synchronous AnalyzeExpense answer
            Assert.Equal(1, invoice.PageCount);
            Assert.Empty(invoice.ExpenseDocuments[0].Lines); // no Blocks in this answer
            Assert.Equal("", invoice.ExpenseDocuments[0].Text);

            TextractExpenseOutput statement = TextractExpenseReader.ReadFile(Sample("expense-statement.json"));
            Assert.Equal(new[] { "ITEM", "PRICE", "EXPENSE_ROW" }, statement.LineItemColumns);
            Assert.Equal(21, statement.LineItems.Count);
            TextractExpenseField empty = statement.SummaryFields.Single(f => f.Label == "SECONDARY NONE");
            Assert.Equal("", empty.Value);
            Assert.Equal("OTHER", empty.Type);
        }

        [SkippableFact]
        public void Every_object_reads_its_document_and_job_through_the_one_origin()
        {
            string path = Sample("expense-multipage.json");
            TextractExpenseOutput output = TextractExpenseReader.ReadFile(path);

            Assert.Equal(path, output.Document);
            Assert.Equal(path, output.LineItems[0].Document);
            Assert.Null(output.JobId);

            output.Origin.Document = "s3://in/invoice.pdf";
            output.Origin.JobId = "job-1";
            var everything = new List<TextractOutputObject> { output };
            everything.AddRange(output.ExpenseDocuments);
            everything.AddRange(output.ExpenseDocuments.SelectMany(d => d.LineItemGroups));
            everything.AddRange(output.SummaryFields);
            everything.AddRange(output.SummaryFields.SelectMany(f => f.Groups));
            everything.AddRange(output.LineItems);
            everything.AddRange(output.LineItems.SelectMany(i => i.Fields));
            Assert.All(everything, o => Assert.Equal("s3://in/invoice.pdf", o.Document));
            Assert.All(everything, o => Assert.Equal("job-1", o.JobId));
        }

        [SkippableFact]
        public void A_given_origin_is_used()
        {
            var origin = new TextractDocumentOrigin("s3://in/a.pdf", "job-2");
            TextractExpenseOutput output = TextractExpenseReader.ReadFile(Sample("invoice-expense.json"), origin);

            Assert.Same(origin, output.Origin);
            Assert.Equal("job-2", output.SummaryFields[0].JobId);
        }

        [SkippableFact]
        public void Lists_export_to_csv_as_their_text_not_a_type_name()
        {
            TextractExpenseOutput output = TextractExpenseReader.ReadFile(Sample("expense-multipage.json"));
            TextractExpenseDocument document = output.ExpenseDocuments[0];

            // Export-Csv writes ToString() of each property.
            Assert.Equal("1", document.Pages.ToString());
            Assert.StartsWith("ADDRESS = Abstractors", document.SummaryFields.ToString());
            Assert.StartsWith("INVOICE\nInvoice No:", document.Lines.ToString());
            Assert.Equal("QUANTITY, ITEM, PRICE, EXPENSE_ROW", output.LineItemColumns.ToString());
        }
    }
}
