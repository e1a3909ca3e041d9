using System.Collections.Generic;
using System.IO;
using System.Linq;
using TextractTools.Engine.Document;
using TextractTools.Engine.Formats;
using Xunit;
using static TextractTools.Tests.Support.OutputJson;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Formats
{
    public class TextRendererTests
    {
        [SkippableFact]
        public void With_default_options_the_text_is_the_documents_text()
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            foreach (string file in Directory.GetFiles(Path.Combine(SampleFiles.Folder!, "responses"), "*.json"))
            {
                TextractDocument document;
                try { document = TextractDocumentReader.ReadFile(file); }
                catch (TextractOutputException) { continue; }
                Assert.Equal(document.Text, TextRenderer.Render(document));
            }
        }

        [SkippableFact]
        public void Options_leave_out_tables_fields_and_page_furniture()
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            TextractDocument invoice = TextractDocumentReader.ReadFile(SampleFiles.Response("sample-invoice.pdf.analysis.json"));

            string text = TextRenderer.Render(invoice, new DocumentRenderOptions { IncludeTables = false, IncludePageNumbers = false });
            Assert.DoesNotContain("INV-3337", text);
            Assert.DoesNotContain("Page 1/1", text);
            Assert.Contains("ANZ Bank", text);
            string noFields = TextRenderer.Render(invoice, new DocumentRenderOptions { IncludeKeyValues = false, IncludeTables = false });
            Assert.DoesNotContain("1234 1234", noFields); // "ACC # 1234 1234" is a field
        }

        [Fact]
        public void A_confidence_floor_drops_words_and_lines_and_page_breaks_are_form_feeds()
        {
            var blocks = new List<Dictionary<string, object?>>
            {
                Page("p1", 1, "l1", "l2"),
                Line("l1", "sure maybe", 1, "w1", "w2").At(0.1, 0.1, 0.5, 0.01), Word("w1", "sure"), Word("w2", "maybe").With("Confidence", 40.0),
                Line("l2", "doubtful", 1, "w3").At(0.1, 0.115, 0.5, 0.01).With("Confidence", 30.0), Word("w3", "doubtful"),
                Page("p2", 2, "l3"), Line("l3", "second", 2, "w4").At(0.1, 0.1, 0.5, 0.01), Word("w4", "second", 2),
            };
            TextractDocument document = TextractDocumentReader.Read(new[] { Raw(Answer(blocks, pages: 2)) });

            Assert.Equal("sure maybe\ndoubtful\n\nsecond", TextRenderer.Render(document));
            Assert.Equal("sure\n\f\nsecond", TextRenderer.Render(document, new DocumentRenderOptions { MinConfidence = 50, PageBreaks = true }));
            Assert.Equal("second", TextRenderer.Render(document, new DocumentRenderOptions { Pages = new[] { 2 } }));
        }
    }
}
