using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using TextractTools.Engine.Document;
using Xunit;
using static TextractTools.Tests.Support.OutputJson;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Document
{
    /// <summary>
    /// ReadFolder parses numbered objects on several threads and joins them in order: the document must be exactly
    /// the one read object by object, and a bad object must be reported as it would be then.
    /// </summary>
    public sealed class ParallelFolderReadTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "textract-parallel-tests-" + Guid.NewGuid().ToString("N"));

        public ParallelFolderReadTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        /// <summary>Every public fact of a document (raw blocks and warnings included) as one JSON text.</summary>
        private static string Snapshot(TextractDocument document) => JsonSerializer.Serialize(document);

        private static TextractDocument ReadWith(string folder, int workers, DocumentReadOptions? options = null) =>
            TextractDocumentReader.ReadFolder(folder, null, options, workers);

        private static void AssertSameWhateverTheThreads(string folder, DocumentReadOptions? options = null)
        {
            string oneByOne = Snapshot(ReadWith(folder, 1, options));
            Assert.Equal(oneByOne, Snapshot(TextractDocumentReader.Read(TextractDocumentReader.EnumerateFolder(folder), new TextractDocumentOrigin(folder), options)));
            foreach (int workers in new[] { 2, 3, 4 })
            {
                Assert.Equal(oneByOne, Snapshot(ReadWith(folder, workers, options)));
            }
            Assert.Equal(oneByOne, Snapshot(TextractDocumentReader.ReadFolder(folder, options: options)));
        }

        /// <summary>
        /// Writes an answer's blocks as Textract writes a job's output: numbered objects of at most
        /// <paramref name="blocksPerObject"/> blocks, each repeating the job members, absent members as explicit nulls.
        /// </summary>
        private static int WriteAsNumberedObjects(JsonObject answer, string folder, int blocksPerObject)
        {
            JsonArray blocks = answer["Blocks"]!.AsArray();
            int objects = 0;
            for (int start = 0; start == 0 || start < blocks.Count; start += blocksPerObject)
            {
                var part = new JsonObject();
                foreach (KeyValuePair<string, JsonNode?> member in answer)
                {
                    if (member.Key == "Blocks") continue;
                    part[member.Key] = member.Value?.DeepClone();
                }
                part["NextToken"] = null;
                part["StatusMessage"] ??= null;
                part["Blocks"] = new JsonArray(blocks.Skip(start).Take(blocksPerObject).Select(b => b!.DeepClone()).ToArray());
                File.WriteAllText(Path.Combine(folder, (++objects).ToString()), part.ToJsonString());
            }
            return objects;
        }

        /// <summary>Ids as Textract makes them (canonical lowercase GUIDs), deterministic so failures repeat.</summary>
        internal static string IdOf(int n) => new Guid(n, 0x1234, 0x5678, 0x9a, 0xbc, 0xde, 0xf0, 0x12, 0x34, 0x56, (byte)(n % 251)).ToString("D");

        /// <summary>
        /// A multi-page analysis: per page a PAGE block first (pointing forward to blocks that may land in the next
        /// object), lines and words, a form field with a checkbox, a table given out of order with a merged cell.
        /// </summary>
        internal static JsonObject GeneratedAnalysis(int pages)
        {
            int next = 1;
            string NewId() => IdOf(next++);
            var blocks = new List<Dictionary<string, object?>>();
            for (int p = 1; p <= pages; p++)
            {
                string pageId = NewId();
                var lineIds = new List<string>();
                var pageBlock = Page(pageId, p);
                blocks.Add(pageBlock);
                for (int l = 0; l < 3; l++)
                {
                    string w1 = NewId(), w2 = NewId(), lineId = NewId();
                    lineIds.Add(lineId);
                    blocks.Add(Line(lineId, $"Line {l} page {p}", p, w1, w2));
                    blocks.Add(Word(w1, "Line", p));
                    blocks.Add(Word(w2, $"{l}-{p}", p));
                }
                string keyWord = NewId(), box = NewId(), keyId = NewId(), valueId = NewId();
                blocks.Add(Key(keyId, valueId, keyWord).With("Page", p));
                blocks.Add(Value(valueId, box).With("Page", p));
                blocks.Add(Word(keyWord, "Paid:", p));
                blocks.Add(Selection(box, p % 2 == 0 ? "SELECTED" : "NOT_SELECTED", p));

                string[] cellWords = { NewId(), NewId(), NewId(), NewId() };
                string c11 = NewId(), c12 = NewId(), c21 = NewId(), c22 = NewId(), merged = NewId(), tableId = NewId();
                blocks.Add(Table(tableId, new[] { c22, c21, c12, c11 }, new[] { merged }, p, "STRUCTURED_TABLE"));
                blocks.Add(Cell(c22, 2, 2, new[] { cellWords[3] }, p));
                blocks.Add(Cell(c21, 2, 1, new[] { cellWords[2] }, p));
                blocks.Add(Cell(c12, 1, 2, new[] { cellWords[1] }, p, "COLUMN_HEADER"));
                blocks.Add(Cell(c11, 1, 1, new[] { cellWords[0] }, p, "COLUMN_HEADER"));
                blocks.Add(Merged(merged, 2, 1, 1, 2, c21, c22).With("Page", p));
                for (int i = 0; i < cellWords.Length; i++) blocks.Add(Word(cellWords[i], $"cell{i}-{p}", p));
                pageBlock["Relationships"] = new[] { new Dictionary<string, object?> { ["Type"] = "CHILD", ["Ids"] = lineIds.ToArray() } };
            }
            return JsonSerializer.SerializeToNode(Answer(blocks, pages))!.AsObject();
        }

        [Fact]
        public void Generated_multi_page_output_reads_the_same_on_any_number_of_threads()
        {
            int objects = WriteAsNumberedObjects(GeneratedAnalysis(pages: 40), _folder, blocksPerObject: 17);
            Assert.True(objects > 40, "the output should span many objects");

            AssertSameWhateverTheThreads(_folder);
            AssertSameWhateverTheThreads(_folder, new DocumentReadOptions { MergeContinuedTables = true });

            TextractDocument document = TextractDocumentReader.ReadFolder(_folder);
            Assert.Equal(40, document.PageCount);
            Assert.Equal(120, document.Lines.Count);
            Assert.Equal(Enumerable.Range(1, 40).SelectMany(p => Enumerable.Range(0, 3).Select(l => $"Line {l} page {p}")), document.Lines.Select(l => l.Text));
            Assert.Equal(40, document.Tables.Count);
            Assert.All(document.Tables, t => Assert.Equal(new[] { (1, 1), (1, 2), (2, 1), (2, 2) }, t.Cells.Select(c => (c.Row, c.Column))));
            Assert.Equal(Enumerable.Range(1, 40).Select(p => p % 2 == 0 ? "SELECTED" : "NOT_SELECTED"), document.KeyValues.Select(k => k.Value));
            Assert.Empty(document.Warnings);
        }

        public static IEnumerable<object[]> SampleResponses() => new[]
        {
            "forms-and-table.json", "layout.json", "multi-page-forms.json", "multi-page-tables.json", "queries.json",
            "signature.json", "table-merged-cells.json", "tables-out-of-order-cells.json", "text-detection-with-nulls.json",
            "textractor-multipage-doc.pdf.analysis-forms-tables.json",
        }.Select(name => new object[] { name });

        [SkippableTheory]
        [MemberData(nameof(SampleResponses))]
        public void Shared_samples_split_into_objects_read_the_same_on_any_number_of_threads(string name)
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            string path = SampleFiles.Response(name);
            JsonObject answer = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            // Small objects, so that relationships cross from object to object as in a long job's output.
            WriteAsNumberedObjects(answer, _folder, blocksPerObject: 50);

            AssertSameWhateverTheThreads(_folder, new DocumentReadOptions { MergeContinuedTables = true });

            // One origin for both: the objects name the same document, whether read from one file or many.
            var origin = new TextractDocumentOrigin("s3://in/" + name, "job-1");
            TextractDocument whole = TextractDocumentReader.ReadFile(path, origin);
            TextractDocument split = TextractDocumentReader.ReadFolder(_folder, origin);
            Assert.Equal(whole.Text, split.Text);
            Assert.Equal(whole.Words.Select(w => w.Id), split.Words.Select(w => w.Id));
            Assert.Equal(whole.Blocks.Count, split.Blocks.Count);
            Assert.Equal(JsonSerializer.Serialize(whole.Tables), JsonSerializer.Serialize(split.Tables));
            Assert.Equal(JsonSerializer.Serialize(whole.KeyValues), JsonSerializer.Serialize(split.KeyValues));
        }

        [Fact]
        public void The_first_torn_object_in_order_is_reported_with_its_name()
        {
            WriteAsNumberedObjects(GeneratedAnalysis(pages: 12), _folder, blocksPerObject: 20);
            string third = Path.Combine(_folder, "3"), sixth = Path.Combine(_folder, "6");
            File.WriteAllText(third, File.ReadAllText(third).Substring(0, 500));
            File.WriteAllText(sixth, "{\"Blocks\": [");

            foreach (int workers in new[] { 1, 2, 4 })
            {
                var error = Assert.Throws<TextractOutputException>(() => ReadWith(_folder, workers));
                Assert.Equal(third, error.OutputSource);
                Assert.StartsWith(third + ":", error.Message);
                Assert.Contains("truncated", error.Message);
            }
        }

        [Fact]
        public void An_object_read_twice_is_the_same_error_or_warning_on_any_number_of_threads()
        {
            WriteAsNumberedObjects(GeneratedAnalysis(pages: 8), _folder, blocksPerObject: 20);
            File.Copy(Path.Combine(_folder, "4"), Path.Combine(_folder, (Directory.GetFiles(_folder).Length + 1).ToString()));

            string[] messages = new[] { 1, 2, 4 }.Select(w => Assert.Throws<TextractOutputException>(() => ReadWith(_folder, w)).Message).ToArray();
            Assert.All(messages, m => Assert.Equal(messages[0], m));
            Assert.Contains("already given to", messages[0]);
            Assert.Contains(Path.Combine(_folder, "4"), messages[0]);

            var lenient = new DocumentReadOptions { Lenient = true };
            AssertSameWhateverTheThreads(_folder, lenient);
            TextractDocumentWarning warning = Assert.Single(ReadWith(_folder, 2, lenient).Warnings);
            Assert.Equal(ReaderWarningCodes.DuplicateBlockId, warning.Code);
        }

        [Fact]
        public void Guid_and_other_ids_both_resolve_and_read_back_exactly()
        {
            string lower = IdOf(7), upper = IdOf(8).ToUpperInvariant(), braced = "{" + IdOf(9) + "}", escapedTarget = IdOf(10);
            var blocks = new[]
            {
                Page("page-1", 1, lower, upper),
                Line(lower, "Guid line", 1, braced, escapedTarget),
                Line(upper, "Upper-case id line", 1, "w-plain"),
                Word(braced, "Guid"), Word(escapedTarget, "line"), Word("w-plain", "Upper-case id line"),
            };
            // The same GUID written with a JSON escape in one place and plainly in another is one id.
            string json = JsonSerializer.Serialize(Answer(blocks)).Replace("\"Id\":\"" + escapedTarget + "\"", "\"Id\":\"\\u0030" + escapedTarget.Substring(1) + "\"");
            Assert.StartsWith("0", escapedTarget);
            File.WriteAllText(Path.Combine(_folder, "1"), json);
            File.WriteAllText(Path.Combine(_folder, "2"), JsonSerializer.Serialize(Answer(new[] { Word("w-extra", "Extra") })));

            foreach (int workers in new[] { 1, 2 })
            {
                TextractDocument document = ReadWith(_folder, workers);
                Assert.Equal(new[] { lower, upper }, document.Lines.Select(l => l.Id));
                Assert.Equal(new[] { braced, escapedTarget }, document.Lines[0].Words.Select(w => w.Id));
                Assert.Equal("Upper-case id line", Assert.Single(document.Lines[1].Words).Text);
                Assert.Equal(new[] { "page-1", lower, upper, braced, escapedTarget, "w-plain", "w-extra" }, document.Blocks.Select(b => b.Id));
                Assert.Equal(new[] { lower, upper }, document.Blocks[0].Relationships[0].Ids);
            }
        }

        [Fact]
        public void Cells_at_the_same_place_keep_Textract_order()
        {
            TextractTable table = Assert.Single(TextractDocumentReader.Read(new[] { Raw(Answer(new[]
            {
                Table("t", new[] { "c2", "second", "first" }),
                Cell("c2", 2, 1, new[] { "w3" }), Cell("second", 1, 1, new[] { "w1" }), Cell("first", 1, 1, new[] { "w2" }),
                Word("w1", "A"), Word("w2", "B"), Word("w3", "C"),
            })) }).Tables);

            Assert.Equal(new[] { "second", "first", "c2" }, table.Cells.Select(c => c.Id));
        }
    }
}
