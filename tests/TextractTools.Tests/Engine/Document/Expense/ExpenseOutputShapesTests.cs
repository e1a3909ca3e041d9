using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using TextractTools.Engine.Document;
using TextractTools.Engine.Output;
using Xunit;
using static TextractTools.Tests.Engine.Document.Expense.JsonVariants;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Document.Expense
{
    /// <summary>
    /// Expense output as the API, the output bucket and saved files deliver it: several Get* answers, explicit nulls,
    /// arrays of answers, a document continued in the next answer; the same page twice; damaged input.
    /// </summary>
    public class ExpenseOutputShapesTests
    {
        private static string MultiPage() => ExpenseSampleTests.Sample("expense-multipage.json");

        /// <summary>Everything a user sees of the output, as text, to compare two reads.</summary>
        internal static List<string> Shape(TextractExpenseOutput output)
        {
            var shape = new List<string> { $"{output.JobStatus} {output.ModelVersion} {output.PageCount} {output.LineItemColumns}" };
            foreach (TextractExpenseDocument document in output.ExpenseDocuments)
            {
                shape.Add($"doc {document.Index} pages {document.Pages} groups {document.LineItemGroupCount}: {document.Text}");
                shape.AddRange(document.SummaryFields.Select(Describe));
                foreach (TextractLineItem item in document.LineItems)
                {
                    shape.Add($"item {item.ExpenseIndex}/{item.GroupIndex}/{item.Index} p{item.Page}: {string.Join(" | ", item.Values.Select(v => v.Key + "=" + v.Value))}");
                    shape.AddRange(item.Fields.Select(Describe));
                }
            }
            return shape;
        }

        private static string Describe(TextractExpenseField f) =>
            $"{f.ExpenseIndex} p{f.Page} {f.LineItemGroupIndex}/{f.LineItemIndex} {f.Type} {f.TypeConfidence} [{f.Label}] {f.LabelConfidence} {f.LabelBoundingBox} " +
            $"= {f.Value} {f.ValueConfidence} {f.ValueBoundingBox} {f.Currency} {f.CurrencyConfidence} {f.GroupTypes} {f.GroupId}";

        [SkippableTheory]
        [MemberData(nameof(ExpenseSampleTests.Samples), MemberType = typeof(ExpenseSampleTests))]
        public void Explicit_nulls_read_as_absent_members(string name)
        {
            string path = ExpenseSampleTests.Sample(name);
            TextractExpenseOutput plain = TextractExpenseReader.ReadFile(path);
            TextractExpenseOutput withNulls = TextractExpenseReader.Read(new[] { Page(WithExplicitNulls(Load(path)), "s3://out/job/1") });

            Assert.Equal(Shape(plain), Shape(withNulls));
        }

        [SkippableFact]
        public void Get_pages_each_holding_whole_documents_read_as_one_answer()
        {
            JsonNode whole = Load(MultiPage());
            JsonNode? documents = whole["ExpenseDocuments"];
            var pages = new[]
            {
                Page(AnswerWith(whole, "ExpenseDocuments", Slice(documents, 0, 1), last: false), "GetExpenseAnalysis page 1"),
                Page(AnswerWith(whole, "ExpenseDocuments", Slice(documents, 1, 1), last: true), "GetExpenseAnalysis page 2"),
            };

            Assert.Equal(Shape(TextractExpenseReader.ReadFile(MultiPage())), Shape(TextractExpenseReader.Read(pages)));
        }

        [SkippableFact]
        public void A_document_continued_in_the_next_get_page_is_joined_without_losing_or_repeating_a_field()
        {
            JsonNode whole = Load(MultiPage());
            JsonNode first = whole["ExpenseDocuments"]![0]!;
            // Part A: the first 10 summary fields, 2 line items, the first half of the blocks; part B: the rest.
            JsonObject PartOf(int fieldsFrom, int fieldsCount, int itemsFrom, int itemsCount, int blocksFrom, int blocksCount)
            {
                var part = new JsonObject
                {
                    ["ExpenseIndex"] = 1,
                    ["SummaryFields"] = Slice(first["SummaryFields"], fieldsFrom, fieldsCount),
                    ["LineItemGroups"] = new JsonArray(new JsonObject
                    {
                        ["LineItemGroupIndex"] = 1,
                        ["LineItems"] = Slice(first["LineItemGroups"]![0]!["LineItems"], itemsFrom, itemsCount),
                    }),
                    ["Blocks"] = Slice(first["Blocks"], blocksFrom, blocksCount),
                };
                return part;
            }
            int blocks = first["Blocks"]!.AsArray().Count;
            var pages = new[]
            {
                Page(AnswerWith(whole, "ExpenseDocuments", new JsonNode[] { PartOf(0, 10, 0, 2, 0, blocks / 2) }, last: false), "GetExpenseAnalysis page 1"),
                Page(AnswerWith(whole, "ExpenseDocuments", new JsonNode?[] { PartOf(10, 100, 2, 100, blocks / 2, blocks), whole["ExpenseDocuments"]![1] }, last: true),
                    "GetExpenseAnalysis page 2"),
            };

            TextractExpenseOutput joined = TextractExpenseReader.Read(pages);

            Assert.Equal(Shape(TextractExpenseReader.ReadFile(MultiPage())), Shape(joined));
            Assert.Equal(25, joined.ExpenseDocuments[0].SummaryFieldCount);
            Assert.Equal(new[] { 1, 2, 3, 4, 5 }, joined.ExpenseDocuments[0].LineItems.Select(i => i.Index));
        }

        [SkippableFact]
        public void A_saved_array_of_answers_with_a_bom_reads_as_the_answers()
        {
            JsonNode whole = Load(MultiPage());
            JsonNode? documents = whole["ExpenseDocuments"];
            var array = new JsonArray(
                AnswerWith(whole, "ExpenseDocuments", Slice(documents, 0, 1), last: false),
                AnswerWith(whole, "ExpenseDocuments", Slice(documents, 1, 1), last: true));
            string path = WriteTemp(array, bom: true);
            try
            {
                TextractExpenseOutput output = TextractExpenseReader.ReadFile(path);

                Assert.Equal(Shape(TextractExpenseReader.ReadFile(MultiPage())), Shape(output));
                Assert.Equal(path, output.Document);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [SkippableFact]
        public void A_folder_of_numbered_objects_reads_in_numeric_order()
        {
            JsonNode whole = Load(MultiPage());
            JsonNode? documents = whole["ExpenseDocuments"];
            string folder = Path.Combine(Path.GetTempPath(), "textract-tools-test-" + System.Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                File.WriteAllText(Path.Combine(folder, "1"), WithExplicitNulls(AnswerWith(whole, "ExpenseDocuments", Slice(documents, 0, 1), last: false)).ToJsonString());
                File.WriteAllText(Path.Combine(folder, "2"), WithExplicitNulls(AnswerWith(whole, "ExpenseDocuments", Slice(documents, 1, 1), last: true)).ToJsonString());
                File.WriteAllText(Path.Combine(folder, ".s3_access_check"), "");

                TextractExpenseOutput output = TextractExpenseReader.ReadFolder(folder);

                Assert.Equal(Shape(TextractExpenseReader.ReadFile(MultiPage())), Shape(output));
                Assert.Equal(folder, output.SummaryFields[0].Document);
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        [SkippableFact]
        public void The_same_page_read_twice_is_refused_naming_both_or_dropped_when_lenient()
        {
            byte[] json = File.ReadAllBytes(MultiPage());
            var pages = new[] { new RawOutputPage("s3://out/job/1", json), new RawOutputPage("s3://out/job/2", json) };

            var error = Assert.Throws<TextractOutputException>(() => TextractExpenseReader.Read(pages));
            Assert.StartsWith("s3://out/job/2: expense document 1", error.Message);
            Assert.Contains("s3://out/job/1", error.Message);
            Assert.Equal("s3://out/job/2", error.OutputSource);

            TextractExpenseOutput lenient = TextractExpenseReader.Read(pages, options: new DocumentReadOptions { Lenient = true });
            Assert.Equal(Shape(TextractExpenseReader.ReadFile(MultiPage())), Shape(lenient));
            Assert.Equal(new[] { "RepeatedOutput", "RepeatedOutput" }, lenient.Warnings.Select(w => w.Code));
        }

        [SkippableTheory]
        [InlineData("job-failed.json", "FAILED")]
        [InlineData("job-in-progress.json", "IN_PROGRESS")]
        public void Failed_and_unfinished_jobs_are_refused(string name, string expected)
        {
            var error = Assert.Throws<TextractOutputException>(() => TextractExpenseReader.ReadFile(ExpenseSampleTests.Sample(name)));

            Assert.Contains(expected, error.Message);
            Assert.Contains(name, error.Message);
        }

        [SkippableFact]
        public void Block_output_is_refused_saying_what_it_holds()
        {
            string path = SampleFiles.Folder == null ? "" : SampleFiles.Response("forms-and-table.json");
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);

            var error = Assert.Throws<TextractOutputException>(() => TextractExpenseReader.ReadFile(path));

            Assert.Equal($"{path}: this answer holds text detection or document analysis output (Blocks: pages, lines, words, forms, tables), " +
                         "not expense analysis output (ExpenseDocuments: invoices and receipts, their summary fields and line items).", error.Message);
        }

        [Theory]
        [InlineData("{\"ExpenseDocuments\": {}}", "saved.json: ExpenseDocuments is an object, not an array.")]
        [InlineData("{\"ExpenseDocuments\": [{\"ExpenseIndex\": 1, \"SummaryFields\": [{\"Type\": {\"Text\": \"TOTAL\", \"Confidence\": \"high\"}}]}]}",
            "saved.json: ExpenseDocuments[0].SummaryFields[0].Type.Confidence is a string, not a number.")]
        [InlineData("{\"ExpenseDocuments\": [{\"ExpenseIndex\": 1, \"SummaryFields\": [{\"PageNumber\": 0}]}]}",
            "saved.json: ExpenseDocuments[0].SummaryFields[0].PageNumber is 0, not a page number (1..100000).")]
        [InlineData("{\"ExpenseDocuments\": [{\"ExpenseIndex\": 1.5}]}", "saved.json: ExpenseDocuments[0].ExpenseIndex is 1.5, not a whole number.")]
        [InlineData("{\"ExpenseDocuments\": [{\"LineItemGroups\": [{\"LineItems\": [{\"LineItemExpenseFields\": [7]}]}]}]}",
            "saved.json: ExpenseDocuments[0].LineItemGroups[0].LineItems[0].LineItemExpenseFields[0] is a number, not an object.")]
        [InlineData("{\"Hello\": \"world\"}", "saved.json: this JSON object is not a Textract answer (it has no ExpenseDocuments, JobStatus or DocumentMetadata).")]
        [InlineData("[{\"JobStatus\": \"SUCCEEDED\", \"ExpenseDocuments\": []}, 1]", "saved.json: item 2 of the array is a number, not a Textract answer object.")]
        [InlineData("\"text\"", "saved.json: the output is a string, not a Textract answer object or an array of them.")]
        [InlineData("{\"ExpenseDocuments\": [{}], \"Results\": [{}]}", "saved.json: this JSON object holds both ExpenseDocuments and Results: it is no single Textract answer.")]
        [InlineData("{\"Blocks\": [{}], \"ExpenseDocuments\": []}", "saved.json: this answer holds text detection or document analysis output")]
        [InlineData("[{\"ExpenseDocuments\": []}, {\"Summary\": {}}]", "saved.json [answer 2]: this answer holds a lending analysis summary")]
        [InlineData("{\"ExpenseDocuments\": [{\"ExpenseIndex\": 1, \"Blocks\": [{\"BlockType\": \"LINE\", \"Text\": \"x\"}]}]}",
            "saved.json ExpenseDocuments[0].Blocks: LINE block 1 (starting at byte 11) has no Id")]
        public void Wrong_shapes_are_reported_where_they_are(string json, string expected)
        {
            var error = Assert.Throws<TextractOutputException>(() => TextractExpenseReader.Read(new[] { OutputJson.Raw(json, "saved.json") }));

            Assert.StartsWith(expected, error.Message);
            Assert.StartsWith("saved.json", error.OutputSource);
        }

        [Fact]
        public void Malformed_json_names_the_source_line_and_byte()
        {
            var error = Assert.Throws<TextractOutputException>(() =>
                TextractExpenseReader.Read(new[] { OutputJson.Raw("{\n  \"JobStatus\": \"SUCCEEDED\",\n  \"ExpenseDocuments\": [ oops ]\n}", "s3://out/job/3") }));

            Assert.StartsWith("s3://out/job/3: the JSON is malformed or truncated at line 3", error.Message);
            Assert.Equal(3, error.LineNumber);
            Assert.Equal("s3://out/job/3", error.OutputSource);

            var truncated = Assert.Throws<TextractOutputException>(() =>
                TextractExpenseReader.Read(new[] { OutputJson.Raw("{\"JobStatus\": \"SUCCEEDED\", \"ExpenseDocuments\": [{\"ExpenseIndex\": 1", "page-7") }));
            Assert.StartsWith("page-7: the JSON is malformed or truncated", truncated.Message);
        }

        [Fact]
        public void An_empty_result_array_beside_expense_documents_is_no_conflict()
        {
            TextractExpenseOutput output = TextractExpenseReader.Read(new[] { OutputJson.Raw(
                "{\"Blocks\": [], \"ExpenseDocuments\": [{\"ExpenseIndex\": 1, \"SummaryFields\": [{\"Type\": {\"Text\": \"TOTAL\"}, \"ValueDetection\": {\"Text\": \"$2\"}}]}], \"Results\": []}") });

            Assert.Equal("$2", Assert.Single(output.SummaryFields).Value);
        }

        [Fact]
        public void No_pages_and_status_only_answers()
        {
            var none = Assert.Throws<TextractOutputException>(() => TextractExpenseReader.Read(new RawOutputPage[0]));
            Assert.Equal("No output pages were given to read.", none.Message);

            // A finished job whose pages hold no expense documents: an empty output, not an error.
            TextractExpenseOutput empty = TextractExpenseReader.Read(new[] { OutputJson.Raw("{\"JobStatus\": \"SUCCEEDED\", \"DocumentMetadata\": {\"Pages\": 3}, \"ExpenseDocuments\": null}") });
            Assert.Empty(empty.ExpenseDocuments);
            Assert.Equal(3, empty.PageCount);
            Assert.Empty(empty.LineItemColumns);
        }

        [Fact]
        public void Textract_warnings_and_partial_success_are_kept_once()
        {
            string answer = "{\"JobStatus\": \"PARTIAL_SUCCESS\", \"StatusMessage\": \"page 2 failed\", \"Warnings\": [{\"ErrorCode\": \"UNSUPPORTED_PAGE\", \"Pages\": [2]}], " +
                            "\"ExpenseDocuments\": [{\"ExpenseIndex\": 1, \"SummaryFields\": [{\"Type\": {\"Text\": \"TOTAL\"}, \"ValueDetection\": {\"Text\": \"$1\"}, \"PageNumber\": 1}]}]}";
            string next = answer.Replace("\"ExpenseIndex\": 1", "\"ExpenseIndex\": 2");

            TextractExpenseOutput output = TextractExpenseReader.Read(new[] { OutputJson.Raw(answer, "p1"), OutputJson.Raw(next, "p2") });

            Assert.Equal("PARTIAL_SUCCESS", output.JobStatus);
            Assert.Equal(new[] { "UNSUPPORTED_PAGE", "PartialSuccess" }, output.Warnings.Select(w => w.Code));
            Assert.Equal(new[] { 2 }, output.Warnings[0].Pages);
            Assert.Equal(new[] { "$1", "$1" }, output.SummaryFields.Select(f => f.Value));
        }
    }
}
