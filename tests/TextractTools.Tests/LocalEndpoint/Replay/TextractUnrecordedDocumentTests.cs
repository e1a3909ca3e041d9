using System.Linq;
using System.Text.Json;
using TextractTools.LocalEndpoint.Replay;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.LocalEndpoint.Replay
{
    /// <summary>Documents the library has no recording for: a PDF's text layer, or an honest FAILED.</summary>
    public sealed class TextractUnrecordedDocumentTests
    {
        private readonly TextractTestHarness _harness = new();

        /// <summary>A4 (595 x 842 points): page 1 has two lines and a right-hand column; page 2 one line.</summary>
        private static byte[] PdfWithText() => TestPdfs.Write(new[]
        {
            new[] { ("Hello local endpoint", 50.0, 700.0), ("Second line", 50.0, 680.0), ("Column", 400.0, 700.0) },
            new[] { ("Page two", 50.0, 700.0) },
        });

        private static byte[] PdfWithoutText() => TestPdfs.Blank();

        private static string Type(JsonElement block) => block.GetProperty("BlockType").GetString()!;

        [Fact]
        public void A_PDF_with_a_text_layer_is_answered_with_its_words_lines_and_pages()
        {
            _harness.PutDocument("letter.pdf", PdfWithText());
            var jobId = _harness.StartTextDetection("letter.pdf");
            _harness.FinishJobs();

            var (blocks, _, first) = _harness.GetAll("GetDocumentTextDetection", jobId);

            Assert.Equal(2, first.Body.GetProperty("DocumentMetadata").GetProperty("Pages").GetInt32());
            var lines = blocks.Where(b => Type(b) == "LINE").ToList();
            Assert.Equal(new[] { "Hello local endpoint", "Column", "Second line", "Page two" },
                lines.Select(l => l.GetProperty("Text").GetString()).ToArray());
            Assert.Equal(2, blocks.Count(b => Type(b) == "PAGE"));
            Assert.Equal(8, blocks.Count(b => Type(b) == "WORD"));

            var byId = blocks.ToDictionary(b => b.GetProperty("Id").GetString()!);
            foreach (var line in lines)
            {
                Assert.Equal(99.0, line.GetProperty("Confidence").GetDouble());
                var words = TextractTestHarness.RelationshipTargets(line).Select(id => byId[id]).ToList();
                Assert.Equal(line.GetProperty("Text").GetString(), string.Join(" ", words.Select(w => w.GetProperty("Text").GetString())));
                Assert.All(words, w => Assert.Equal("PRINTED", w.GetProperty("TextType").GetString()));
            }
            var pageOne = blocks.First(b => Type(b) == "PAGE");
            Assert.Equal(3, TextractTestHarness.RelationshipTargets(pageOne).Count());

            // Geometry: fractions of the page from its top-left corner.
            var hello = lines[0].GetProperty("Geometry").GetProperty("BoundingBox");
            var second = lines[2].GetProperty("Geometry").GetProperty("BoundingBox");
            Assert.InRange(hello.GetProperty("Left").GetDouble(), 50 / 595.0 - 0.01, 50 / 595.0 + 0.01);
            Assert.InRange(hello.GetProperty("Top").GetDouble(), (842 - 712) / 842.0, (842 - 700) / 842.0);
            Assert.True(second.GetProperty("Top").GetDouble() > hello.GetProperty("Top").GetDouble());
            Assert.Equal(4, lines[0].GetProperty("Geometry").GetProperty("Polygon").GetArrayLength());
        }

        [Fact]
        public void Analysis_of_a_text_layer_finds_no_structure_and_invents_no_warning()
        {
            _harness.PutDocument("letter.pdf", PdfWithText());
            var jobId = _harness.StartAnalysis("letter.pdf", "TABLES", "FORMS", "LAYOUT");
            _harness.FinishJobs();

            var (blocks, _, first) = _harness.GetAll("GetDocumentAnalysis", jobId);
            Assert.Equal(new[] { "LINE", "PAGE", "WORD" }, blocks.Select(Type).Distinct().OrderBy(t => t).ToArray());
            Assert.False(first.Body.TryGetProperty("Warnings", out _));
        }

        [Fact]
        public void An_image_with_no_recording_fails_with_its_SHA_256_and_how_to_add_one()
        {
            var image = TextractTestHarness.UniquePng();
            _harness.PutDocument("scan.png", image);
            var jobId = _harness.StartTextDetection("scan.png");
            _harness.FinishJobs();

            var reply = _harness.Call("GetDocumentTextDetection", new { JobId = jobId });
            Assert.Equal(200, reply.Status);
            Assert.Equal("FAILED", reply.JobStatus);
            Assert.Contains(ReplayLibrary.Sha256Hex(image), reply.StatusMessage);
            Assert.Contains("--replay", reply.StatusMessage);
            Assert.Empty(reply.Blocks);
        }

        [Fact]
        public void A_PDF_without_text_fails_like_an_image()
        {
            _harness.PutDocument("scanned.pdf", PdfWithoutText());
            var jobId = _harness.StartAnalysis("scanned.pdf", "FORMS");
            _harness.FinishJobs();

            var reply = _harness.Call("GetDocumentAnalysis", new { JobId = jobId });
            Assert.Equal("FAILED", reply.JobStatus);
            Assert.Contains("no recording", reply.StatusMessage);
        }
    }
}
