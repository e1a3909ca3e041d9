using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using TextractTools.Engine.Document;
using TextractTools.Engine.Formats;
using Xunit;
using static TextractTools.Tests.Support.OutputJson;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Formats
{
    public class HtmlRendererTests
    {
        private static TextractDocument Sample(string name)
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            return TextractDocumentReader.ReadFile(SampleFiles.Response(name));
        }

        public static IEnumerable<object[]> SamplesWithBlocks()
        {
            if (SampleFiles.Folder == null)
            {
                yield return new object[] { "layout.json" }; // one case, which skips and says why
                yield break;
            }
            foreach (string file in Directory.GetFiles(Path.Combine(SampleFiles.Folder, "responses"), "*.json").OrderBy(f => f))
            {
                try { TextractDocumentReader.ReadFile(file); }
                catch (TextractOutputException) { continue; } // expense, lending, unfinished jobs: no Blocks to render
                yield return new object[] { Path.GetFileName(file) };
            }
        }

        [SkippableTheory]
        [MemberData(nameof(SamplesWithBlocks))]
        public void Every_sample_renders_a_well_formed_page_with_a_section_per_page_and_proper_table_grids(string name)
        {
            TextractDocument document = Sample(name);
            string html = HtmlRenderer.Render(document, new DocumentRenderOptions { Title = name, PageBreaks = true });

            Assert.StartsWith("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\" />", html);
            XDocument page = HtmlChecks.Parse(html);
            Assert.Equal(name, page.Descendants("title").Single().Value);
            Assert.Equal(document.PageCount, page.Descendants("section").Count());
            Assert.Equal(document.Tables.Count, page.Descendants("table").Count());
            var columns = page.Descendants("table").Select(HtmlChecks.GridColumns).OrderBy(c => c);
            Assert.Equal(document.Tables.Select(t => t.ColumnCount).OrderBy(c => c), columns);
            // Nothing that runs or loads: no script, no external resource, no event handler.
            Assert.DoesNotContain(page.Descendants(), e => e.Name == "script" || e.Name == "link" || e.Name == "img" || e.Name == "iframe");
            Assert.DoesNotContain(page.Descendants().Attributes(), a => a.Name.LocalName.StartsWith("on") || a.Name == "src" || a.Name == "href");
            Assert.DoesNotContain("http", html);
        }

        [SkippableFact]
        public void Merged_cells_span_their_rows_and_columns_and_header_cells_are_th()
        {
            XDocument page = HtmlChecks.Parse(HtmlRenderer.Render(Sample("table-merged-cells.json")));

            XElement table = page.Descendants("table").Single();
            Assert.Equal(new[] { "Date", "Description", "Credit", "Debit", "Balance" }, table.Element("thead")!.Descendants("th").Select(th => th.Value));
            Assert.All(table.Element("thead")!.Descendants("th"), th => Assert.Equal("col", (string?)th.Attribute("scope")));
            var spanned = table.Descendants("td").Where(td => td.Attribute("colspan") != null || td.Attribute("rowspan") != null)
                .Select(td => (td.Value, (string?)td.Attribute("colspan"), (string?)td.Attribute("rowspan"))).ToList();
            Assert.Equal(new[] { ("Previous Balance", "4", (string?)null), ("2022-01-01", null, "2"), ("Ending Balance", "4", null) }, spanned);
        }

        [SkippableFact]
        public void Titles_are_captions_and_footers_are_table_footers()
        {
            TextractDocument document = Sample("table-with-title-and-footers.json");
            XDocument page = HtmlChecks.Parse(HtmlRenderer.Render(document));

            var captions = page.Descendants("caption").Select(c => c.Value).OrderBy(t => t);
            Assert.Equal(document.Tables.Where(t => !string.IsNullOrWhiteSpace(t.Title)).Select(t => t.Title!.Trim()).OrderBy(t => t), captions);
            var footers = page.Descendants("tfoot").SelectMany(f => f.Descendants("td")).Select(td => td.Value).OrderBy(t => t);
            Assert.Equal(document.Tables.SelectMany(t => t.Footers).Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim()).OrderBy(t => t), footers);
        }

        [SkippableFact]
        public void Fields_are_a_definition_list_with_disabled_checkboxes()
        {
            XDocument page = HtmlChecks.Parse(HtmlRenderer.Render(Sample("forms-and-table.json")));

            var pairs = page.Descendants("dl").Elements("div").Select(d => (d.Element("dt")!.Value, d.Element("dd")!.Value)).ToList();
            Assert.Contains(("Phone Number:", "555-0100"), pairs);
            XElement jobFair = page.Descendants("div").Single(d => d.Element("dt")?.Value == "Job fair");
            XElement box = jobFair.Descendants("input").Single();
            Assert.Equal(("checkbox", "disabled", "checked"), ((string?)box.Attribute("type"), (string?)box.Attribute("disabled"), (string?)box.Attribute("checked")));
        }

        [Fact]
        public void Text_is_escaped_and_characters_html_forbids_are_replaced()
        {
            var blocks = new[]
            {
                Page("p", 1, "l1"), Line("l1", "<script>alert('x')</script> & \u0001 \"q\"", 1, "w1").At(0.1, 0.1, 0.5, 0.01), Word("w1", "x"),
                Cell("a", 1, 1, new[] { "w2" }), Table("t", new[] { "a" }), Word("w2", "<b>bold</b>"),
            };
            string html = HtmlRenderer.Render(TextractDocumentReader.Read(new[] { Raw(Answer(blocks)) }), new DocumentRenderOptions { Title = "a < b" });

            XDocument page = HtmlChecks.Parse(html);
            Assert.Empty(page.Descendants("script"));
            Assert.Equal("<script>alert('x')</script> & \uFFFD \"q\"", page.Descendants("p").Single().Value);
            Assert.Equal("<b>bold</b>", page.Descendants("td").Single().Value);
            Assert.Equal("a < b", page.Descendants("title").Single().Value);
        }
    }
}
