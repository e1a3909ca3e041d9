using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using TextractTools.Engine.Document;
using Xunit;
using static TextractTools.Tests.Support.OutputJson;

namespace TextractTools.Tests.Engine.Document
{
    public sealed class OutputFilesTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "textract-doc-tests-" + Guid.NewGuid().ToString("N"));

        public OutputFilesTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        /// <summary>Writes output object n holding page n with one line "Page n".</summary>
        private void WriteObject(int n, int pageCount)
        {
            var answer = Answer(new[]
            {
                Page("p" + n, n, "l" + n), Line("l" + n, "Page " + n, n, "w" + n), Word("w" + n, "Page", n),
            }, pages: pageCount);
            File.WriteAllBytes(Path.Combine(_folder, n.ToString()), JsonSerializer.SerializeToUtf8Bytes(answer));
        }

        [Fact]
        public void Folder_of_numbered_objects_reads_in_numeric_order_skipping_other_names()
        {
            for (int n = 1; n <= 11; n++) WriteObject(n, 11);
            File.WriteAllBytes(Path.Combine(_folder, ".s3_access_check"), new byte[0]);
            File.WriteAllText(Path.Combine(_folder, "notes.txt"), "not output");
            File.WriteAllText(Path.Combine(_folder, "1.txt"), "not output either");

            TextractDocument document = TextractDocumentReader.ReadFolder(_folder);

            Assert.Equal(11, document.PageCount);
            Assert.Equal(Enumerable.Range(1, 11).Select(n => "Page " + n), document.Lines.Select(l => l.Text));
            Assert.Equal(Enumerable.Range(1, 11).Select(n => Path.Combine(_folder, n.ToString())),
                TextractDocumentReader.EnumerateFolder(_folder).Select(p => p.Source));
        }

        [Fact]
        public void Numbered_objects_may_carry_a_json_extension_as_a_batch_delivers_them()
        {
            for (int n = 1; n <= 10; n++)
            {
                WriteObject(n, 10);
                File.Move(Path.Combine(_folder, n.ToString()), Path.Combine(_folder, n + ".json"));
            }
            File.WriteAllText(Path.Combine(_folder, "key-values.csv"), "\"Key\",\"Value\"");

            TextractDocument document = TextractDocumentReader.ReadFolder(_folder);

            Assert.Equal(Enumerable.Range(1, 10).Select(n => "Page " + n), document.Lines.Select(l => l.Text));
        }

        [Fact]
        public void A_number_given_twice_is_an_error()
        {
            WriteObject(1, 1);
            File.Copy(Path.Combine(_folder, "1"), Path.Combine(_folder, "1.json"));

            var error = Assert.Throws<TextractOutputException>(() => TextractDocumentReader.ReadFolder(_folder));
            Assert.Contains("output object 1 twice", error.Message);
        }

        [Fact]
        public void A_gap_in_the_numbering_is_an_error()
        {
            WriteObject(1, 3);
            WriteObject(3, 3);

            var error = Assert.Throws<TextractOutputException>(() => TextractDocumentReader.ReadFolder(_folder));
            Assert.Contains("lacks output object 2", error.Message);
        }

        [Fact]
        public void A_folder_without_numbered_objects_is_an_error()
        {
            File.WriteAllBytes(Path.Combine(_folder, ".s3_access_check"), new byte[0]);

            Assert.Contains("no numbered output objects", Assert.Throws<TextractOutputException>(() => TextractDocumentReader.ReadFolder(_folder)).Message);
            Assert.Throws<TextractOutputException>(() => TextractDocumentReader.ReadFolder(Path.Combine(_folder, "absent")));
        }

        [Fact]
        public void A_saved_file_holding_no_answer_is_named_in_the_error()
        {
            var path = Path.Combine(_folder, "empty.json");
            File.WriteAllText(path, "[]");
            var e = Assert.Throws<TextractOutputException>(() => TextractDocumentReader.ReadFile(path));
            Assert.Contains(path, e.Message);
            Assert.Contains("no Textract answer", e.Message);
        }

        [Fact]
        public void A_saved_file_may_hold_an_array_of_answers()
        {
            string path = Path.Combine(_folder, "saved.json");
            var answers = new[]
            {
                Answer(new[] { Page("p1", 1, "l1"), Line("l1", "One", 1, "w1") }, pages: 2),
                Answer(new[] { Word("w1", "One"), Page("p2", 2, "l2"), Line("l2", "Two", 2) }, pages: 2),
            };
            File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(answers));

            TextractDocument document = TextractDocumentReader.ReadFile(path);

            Assert.Equal(new[] { "One", "Two" }, document.Lines.Select(l => l.Text));
            Assert.Equal("One", document.Lines[0].Words.Single().Text);
        }

        [Fact]
        public void A_bad_object_in_a_folder_is_named_in_the_error()
        {
            WriteObject(1, 2);
            File.WriteAllText(Path.Combine(_folder, "2"), "{\"Blocks\": [");

            var error = Assert.Throws<TextractOutputException>(() => TextractDocumentReader.ReadFolder(_folder));
            Assert.Equal(Path.Combine(_folder, "2"), error.OutputSource);
        }
    }
}
