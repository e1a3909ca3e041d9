using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Document;
using TextractTools.Engine.Output;
using Xunit;
using static TextractTools.Tests.Support.OutputJson;

namespace TextractTools.Tests.Engine.Document
{
    /// <summary>Bad input must fail loudly, naming where, never read as a shorter document.</summary>
    public class MalformedOutputTests
    {
        private static TextractOutputException Fails(string json, string source = "s3://bucket/out/job/3") =>
            Assert.Throws<TextractOutputException>(() => TextractDocumentReader.Read(new[] { Raw(json, source) }));

        [Fact]
        public void Truncated_json_names_the_source_and_position()
        {
            string json = System.Text.Json.JsonSerializer.Serialize(Answer(new[] { Word("w1", "Hello"), Word("w2", "World") }));
            TextractOutputException error = Fails(json.Substring(0, json.Length / 2));

            Assert.Contains("s3://bucket/out/job/3", error.Message);
            Assert.Contains("truncated", error.Message);
            Assert.Equal("s3://bucket/out/job/3", error.OutputSource);
            Assert.NotNull(error.BytePosition);
        }

        [Fact]
        public void Invalid_token_names_line_and_byte()
        {
            TextractOutputException error = Fails("{\n  \"JobStatus\": \"SUCCEEDED\",\n  \"Blocks\": [ oops ]\n}");

            Assert.Contains("line 3", error.Message);
            Assert.Equal(3, error.LineNumber);
        }

        [Theory]
        [InlineData("", "malformed")]
        [InlineData("42", "not a Textract answer")]
        [InlineData("[1, 2]", "item 1")]
        [InlineData("{\"Hello\": \"world\"}", "not a Textract answer")]
        [InlineData("{\"Blocks\": [{\"BlockType\": \"WORD\", \"Text\": \"x\"}]}", "has no Id")]
        [InlineData("{\"Blocks\": [{\"Id\": \"a\", \"Text\": \"x\"}]}", "has no BlockType")]
        [InlineData("{\"Blocks\": {\"Id\": \"a\"}}", "expected Blocks")]
        [InlineData("{\"Blocks\": [{\"Id\": \"a\", \"BlockType\": \"WORD\", \"Page\": \"one\"}]}", "unexpected value")]
        [InlineData("{\"Blocks\": [{\"Id\": \"a\", \"BlockType\": \"WORD\", \"Page\": 0}]}", "outside 1..")]
        [InlineData("{\"Blocks\": []} {\"Blocks\": []}", "malformed")]
        public void Wrong_shapes_are_reported(string json, string expected)
        {
            TextractOutputException error = Fails(json, "saved.json");

            Assert.Contains(expected, error.Message);
            Assert.StartsWith("saved.json", error.Message);
        }

        [Fact]
        public void Relationship_to_a_missing_block_names_source_page_and_ids()
        {
            var page = Answer(new[] { Page("p1", 1, "l1"), Line("l1", "Hello", 1, "w1", "w-missing"), Word("w1", "Hello") });
            var error = Assert.Throws<TextractOutputException>(() => TextractDocumentReader.Read(new[] { Raw(page, "GetDocumentAnalysis page 1") }));

            Assert.Contains("GetDocumentAnalysis page 1", error.Message);
            Assert.Contains("w-missing", error.Message);
            Assert.Contains("LINE l1 (page 1)", error.Message);
        }

        [Fact]
        public void Lenient_reading_turns_a_missing_block_into_a_warning()
        {
            var page = Answer(new[] { Page("p1", 1, "l1"), Line("l1", "Hello", 1, "w1", "w-missing"), Word("w1", "Hello") });
            TextractDocument document = TextractDocumentReader.Read(new[] { Raw(page) }, options: new DocumentReadOptions { Lenient = true });

            TextractDocumentWarning warning = Assert.Single(document.Warnings);
            Assert.Equal(ReaderWarningCodes.MissingBlock, warning.Code);
            Assert.Contains("w-missing", warning.Message);
            Assert.Equal(new[] { 1 }, warning.Pages);
            Assert.Equal("Hello", Assert.Single(Assert.Single(document.Lines).Words).Text);
            // The raw view still shows what Textract sent.
            Assert.Contains("w-missing", document.Blocks.Single(b => b.Id == "l1").Relationships[0].Ids);
        }

        [Fact]
        public void Unknown_block_type_is_kept_as_a_raw_block_with_a_warning()
        {
            var page = Answer(new[] { Page("p1", 1, "l1", "x1"), Line("l1", "Hi", 1, "w1"), Word("w1", "Hi"), Block("HOLOGRAM", "x1", text: "shiny") });
            TextractDocument document = TextractDocumentReader.Read(new[] { Raw(page) });

            TextractDocumentWarning warning = Assert.Single(document.Warnings);
            Assert.Equal(ReaderWarningCodes.UnknownBlockType, warning.Code);
            Assert.Contains("HOLOGRAM", warning.Message);
            Assert.Equal("shiny", document.Blocks.Single(b => b.BlockType == "HOLOGRAM").Text);
            Assert.Equal("Hi", document.Text);
        }

        [Fact]
        public void The_same_page_read_twice_is_an_error_or_dropped_when_lenient()
        {
            var answer = Answer(new[] { Page("p1", 1, "l1"), Line("l1", "Hi", 1, "w1"), Word("w1", "Hi") });
            RawOutputPage[] pages = { Raw(answer, "page-a"), Raw(answer, "page-b") };

            var error = Assert.Throws<TextractOutputException>(() => TextractDocumentReader.Read(pages));
            Assert.Contains("page-a", error.Message);
            Assert.Contains("page-b", error.Message);

            TextractDocument document = TextractDocumentReader.Read(pages, options: new DocumentReadOptions { Lenient = true });
            Assert.Single(document.Lines);
            Assert.Single(document.Words);
            Assert.Equal(3, document.Blocks.Count);
            TextractDocumentWarning warning = Assert.Single(document.Warnings);
            Assert.Equal(ReaderWarningCodes.DuplicateBlockId, warning.Code);
            Assert.StartsWith("page-b: 3 block(s)", warning.Message);
        }

        [Fact]
        public void No_pages_at_all_is_an_error()
        {
            Assert.Throws<TextractOutputException>(() => TextractDocumentReader.Read(new List<RawOutputPage>()));
        }

        [Fact]
        public void Failed_job_is_an_error_with_its_status_message()
        {
            TextractOutputException error = Fails("{\"JobStatus\":\"FAILED\",\"StatusMessage\":\"Unsupported document format\",\"Blocks\":null}");

            Assert.Contains("FAILED", error.Message);
            Assert.Contains("Unsupported document format", error.Message);
            Assert.Equal("Unsupported document format", error.StatusMessage);
        }
    }
}
