using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using TextractTools.Engine.Document;
using Xunit;
using static TextractTools.Tests.Support.OutputJson;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Document
{
    /// <summary>
    /// The model as a pipeline sees it (issue 13): every object names its document and job through one shared
    /// origin, a key's text is its words only, and no property reads as a .NET type name when converted to text
    /// (what Export-Csv writes).
    /// </summary>
    public class PipelineObjectsTests
    {
        public static IEnumerable<object[]> BlockSamples() => new[]
        {
            "forms-and-table.json", "layout.json", "multi-page-forms.json", "multi-page-tables.json", "queries.json", "signature.json",
            "table-merged-cells.json", "table-with-title-and-footers.json", "paystub.jpg.analysis.json",
            "textractor-multipage-doc.pdf.analysis-forms-tables.json",
        }.Select(name => new object[] { name });

        [Fact]
        public void Every_object_of_a_document_reads_its_document_and_job_through_one_origin()
        {
            var origin = new TextractDocumentOrigin("s3://in/a.pdf", "job-a");
            TextractDocument document = TextractDocumentReader.Read(new[] { Raw(Answer(new[]
            {
                Page("p", 1, "l"), Line("l", "Name: Ann", 1, "w1", "w2"), Word("w1", "Name:"), Word("w2", "Ann"),
                Key("k", "v", "w1"), Value("v", "w2"),
                Table("t", new[] { "c" }), Cell("c", 1, 1, new[] { "w2" }),
                Block("SIGNATURE", "s"),
            })) }, origin);

            var objects = AllObjects(document).ToList();
            Assert.Contains(objects, o => o is TextractTableRow);
            Assert.Contains(objects, o => o is TextractBlock);
            Assert.All(objects, o => Assert.Equal(("s3://in/a.pdf", "job-a"), (o.Document, o.JobId)));

            // One origin for the read: what the caller learns later reaches every object at once.
            document.Origin.Document = "s3://in/renamed.pdf";
            Assert.All(AllObjects(document), o => Assert.Equal("s3://in/renamed.pdf", o.Document));
        }

        [Fact]
        public void Saved_output_names_the_file_it_was_read_from()
        {
            string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "origin-" + Guid.NewGuid().ToString("N") + ".json");
            System.IO.File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(Answer(new[] { Page("p", 1, "l"), Line("l", "x", 1, "w"), Word("w", "x") })));
            try
            {
                TextractDocument document = TextractDocumentReader.ReadFile(path);
                Assert.Equal(path, document.Lines[0].Document);
                Assert.Null(document.Lines[0].JobId);
            }
            finally
            {
                System.IO.File.Delete(path);
            }
        }

        [Fact]
        public void A_key_holding_checkboxes_keeps_its_words_only_and_the_state_goes_to_the_field()
        {
            TextractDocument document = TextractDocumentReader.Read(new[] { Raw(Answer(new[]
            {
                Key("k1", "v1", "s1", "s2", "w2", "w3"), Value("v1"),
                Selection("s1", "NOT_SELECTED"), Selection("s2", "SELECTED"), Word("w2", "2"), Word("w3", "3"),
                Key("k2", "v2", "w4"), Value("v2", "w5"), Selection("s3", "SELECTED"), Word("w4", "Code"), Word("w5", "A1"),
            })) });

            TextractKeyValue checkbox = document.KeyValues[0];
            Assert.Equal("2 3", checkbox.Key);
            Assert.Equal("NOT_SELECTED", checkbox.SelectionStatus);
            Assert.Equal("NOT_SELECTED", checkbox.Value);
            Assert.True(checkbox.IsCheckbox);
            TextractKeyValue text = document.KeyValues[1];
            Assert.Equal(("Code", "A1", (string?)null), (text.Key, text.Value, text.SelectionStatus));
        }

        [Fact]
        public void A_key_checkbox_does_not_override_the_value_s_own()
        {
            TextractDocument document = TextractDocumentReader.Read(new[] { Raw(Answer(new[]
            {
                Key("k", "v", "sk", "w"), Value("v", "sv"), Selection("sk", "NOT_SELECTED"), Selection("sv", "SELECTED"), Word("w", "Paid"),
            })) });

            TextractKeyValue field = Assert.Single(document.KeyValues);
            Assert.Equal(("Paid", "SELECTED", "SELECTED"), (field.Key, field.Value, field.SelectionStatus));
        }

        [SkippableTheory]
        [MemberData(nameof(BlockSamples))]
        public void Real_keys_hold_no_checkbox_words(string name)
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            TextractDocument document = TextractDocumentReader.ReadFile(SampleFiles.Response(name));
            Assert.All(document.KeyValues, kv => Assert.DoesNotMatch(@"\b(NOT_)?SELECTED\b", kv.Key));
        }

        [SkippableTheory]
        [MemberData(nameof(BlockSamples))]
        public void Real_output_names_its_document_on_every_object_and_no_property_reads_as_a_type_name(string name)
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            var origin = new TextractDocumentOrigin("s3://in/" + name, "job-" + name.Length);
            TextractDocument document = TextractDocumentReader.ReadFile(SampleFiles.Response(name), origin, new DocumentReadOptions { MergeContinuedTables = true });

            var objects = AllObjects(document).ToList();
            Assert.All(objects, o => Assert.Same(origin.Document, o.Document));
            AssertReadable(new object[] { document }.Concat(objects));
        }

        [SkippableFact]
        public void Expense_and_lending_objects_read_as_text_without_type_names()
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            TextractExpenseOutput expense = TextractExpenseReader.ReadFile(SampleFiles.Response("invoice-expense.json"));
            AssertReadable(Walk(expense, 4));
            TextractLendingOutput lending = TextractLendingReader.ReadFile(SampleFiles.Response("lending-package.json"));
            AssertReadable(Walk(lending, 4));
            TextractLendingSummary summary = TextractLendingReader.ReadSummary(new[] { OutputJson.Raw(LendingSummaryJson) });
            AssertReadable(Walk(summary, 4));
            Assert.All(lending.ExpenseDocuments.SelectMany(d => d.Lines), l => Assert.Equal(lending.Document, l.Document));
        }

        [Fact]
        public void Lists_read_as_their_items_or_their_size()
        {
            TextractDocument document = TextractDocumentReader.Read(new[] { Raw(Answer(new[]
            {
                Page("p", 1, "l"), Line("l", "Name Ann", 1, "w1", "w2"), Word("w1", "Name"), Word("w2", "Ann"),
                Table("t", new[] { "c1", "c2" }), Cell("c1", 1, 1, new[] { "w1" }, 1, "COLUMN_HEADER"), Cell("c2", 2, 1, new[] { "w2" }),
            })) });

            Assert.Equal("Name Ann", document.Lines[0].Words.ToString());
            Assert.Equal("1 line", document.Lines.ToString());
            Assert.Equal("2 words", document.Words.ToString());
            Assert.Equal("2 cells", document.Tables[0].Cells.ToString());
            Assert.Equal("COLUMN_HEADER", document.Tables[0].Cells[0].EntityTypes.ToString());
            Assert.Equal("1", document.Tables[0].Pages.ToString());
        }

        private const string LendingSummaryJson = @"{""JobStatus"":""SUCCEEDED"",""DocumentMetadata"":{""Pages"":3},""Summary"":{""DocumentGroups"":[{""Type"":""PAYSLIPS"",""SplitDocuments"":[{""Index"":1,""Pages"":[1,2]}],""DetectedSignatures"":[{""Page"":2}],""UndetectedSignatures"":[]}],""UndetectedDocumentTypes"":[""W_2""]},""Warnings"":[{""ErrorCode"":""X"",""Pages"":[3]}]}";

        /// <summary>Every object of every shape Get-TextractOutput emits from a document, rows included.</summary>
        private static IEnumerable<TextractOutputObject> AllObjects(TextractDocument document)
        {
            foreach (TextractPage page in document.Pages) yield return page;
            foreach (TextractLine line in document.Lines)
            {
                yield return line;
                foreach (TextractWord word in line.Words) yield return word;
            }
            foreach (TextractWord word in document.Words) yield return word;
            foreach (TextractKeyValue field in document.KeyValues) yield return field;
            foreach (TextractTable table in document.Tables)
            {
                yield return table;
                foreach (TextractCell cell in table.Cells) yield return cell;
                foreach (TextractMergedCell cell in table.MergedCells) yield return cell;
                foreach (TextractTableRow row in table.GetRows()) yield return row;
            }
            foreach (TextractQueryResult result in document.Queries) yield return result;
            foreach (TextractSignature signature in document.Signatures) yield return signature;
            foreach (TextractLayoutBlock block in document.Layout) yield return block;
            foreach (TextractBlock block in document.Blocks) yield return block;
        }

        private static readonly Regex TypeName = new Regex(@"^(System|TextractTools)\.[\w.`\[\], ]+$");

        /// <summary>Each property of each object, converted to text as Export-Csv does (ToString), is no type name.</summary>
        private static void AssertReadable(IEnumerable<object> objects)
        {
            foreach (object item in objects)
            {
                Assert.DoesNotMatch(TypeName, item.ToString() ?? "");
                foreach (PropertyInfo property in item.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.GetIndexParameters().Length > 0) continue;
                    object? value = property.GetValue(item);
                    if (value is null) continue;
                    string text = value.ToString() ?? "";
                    Assert.False(TypeName.IsMatch(text), $"{item.GetType().Name}.{property.Name} reads as '{text}'");
                }
            }
        }

        /// <summary>The object and what its properties hold (lists walked), down to <paramref name="depth"/>.</summary>
        private static IEnumerable<object> Walk(object root, int depth)
        {
            var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
            var queue = new Queue<(object, int)>();
            queue.Enqueue((root, 0));
            while (queue.Count > 0)
            {
                var (item, level) = queue.Dequeue();
                if (!seen.Add(item)) continue;
                yield return item;
                if (level >= depth) continue;
                foreach (PropertyInfo property in item.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.GetIndexParameters().Length > 0) continue;
                    object? value = property.GetValue(item);
                    if (value is null || value is string || value.GetType().IsPrimitive) continue;
                    if (value is IEnumerable items)
                    {
                        foreach (object? element in items.Cast<object?>().Take(50))
                        {
                            if (element != null && !(element is string) && !element.GetType().IsPrimitive && !element.GetType().IsValueType) queue.Enqueue((element, level + 1));
                        }
                    }
                    else if (value.GetType().Namespace?.StartsWith("TextractTools", StringComparison.Ordinal) == true)
                    {
                        queue.Enqueue((value, level + 1));
                    }
                }
            }
        }
    }
}
