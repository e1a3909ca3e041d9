using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TextractTools.LocalEndpoint.Samples;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using Xunit;

namespace TextractTools.Tests.LocalEndpoint.Samples
{
    public class ProjectSampleTests
    {
        private const double PageWidth = 612, PageHeight = 792;

        // ---- determinism -------------------------------------------------------------------------------------

        [Fact]
        public void Pdf_and_analysis_are_byte_identical_across_calls()
        {
            Assert.Equal(Sha256(ProjectSample.CreatePdf()), Sha256(ProjectSample.CreatePdf()));
            Assert.Equal(Sha256(Encoding.UTF8.GetBytes(ProjectSample.CreateAnalysisJson())),
                         Sha256(Encoding.UTF8.GetBytes(ProjectSample.CreateAnalysisJson())));
        }

        [Fact]
        public void Pdf_carries_no_timestamp_or_document_id()
        {
            var text = Encoding.ASCII.GetString(ProjectSample.CreatePdf());
            Assert.DoesNotContain("/CreationDate", text);
            Assert.DoesNotContain("/ModDate", text);
            Assert.DoesNotContain("/ID", text);
        }

        [Fact]
        public void WriteTo_writes_both_files_with_the_generated_bytes()
        {
            var dir = Path.Combine(Path.GetTempPath(), "textracttools-sample-" + Guid.NewGuid().ToString("N"), "nested");
            try
            {
                ProjectSample.WriteTo(dir);
                Assert.Equal(ProjectSample.CreatePdf(), File.ReadAllBytes(Path.Combine(dir, "textracttools-sample.pdf")));
                var json = File.ReadAllBytes(Path.Combine(dir, "textracttools-sample.pdf.analysis.json"));
                Assert.False(json.Length >= 3 && json[0] == 0xEF && json[1] == 0xBB && json[2] == 0xBF, "no BOM");
                Assert.Equal(ProjectSample.CreateAnalysisJson(), Encoding.UTF8.GetString(json));
            }
            finally
            {
                Directory.Delete(Path.GetDirectoryName(dir)!, recursive: true);
            }
        }

        // ---- the PDF itself ----------------------------------------------------------------------------------

        [Fact]
        public void Pdf_xref_offsets_point_at_their_objects()
        {
            var bytes = ProjectSample.CreatePdf();
            var text = Encoding.Latin1.GetString(bytes);
            Assert.StartsWith("%PDF-1.4\n", text);
            Assert.EndsWith("%%EOF\n", text);

            var startxref = int.Parse(Regex.Match(text, @"startxref\n(\d+)\n%%EOF\n$").Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.StartsWith("xref\n", text.Substring(startxref));
            var header = Regex.Match(text.Substring(startxref), @"^xref\n0 (\d+)\n");
            var count = int.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture);
            var entriesStart = startxref + header.Length;
            Assert.Equal("0000000000 65535 f \n", text.Substring(entriesStart, 20));
            for (var n = 1; n < count; n++)
            {
                var entry = text.Substring(entriesStart + 20 * n, 20);
                Assert.Matches(@"^\d{10} 00000 n \n$", entry);
                var offset = int.Parse(entry.Substring(0, 10), CultureInfo.InvariantCulture);
                Assert.StartsWith($"{n} 0 obj\n", text.Substring(offset));
            }
            Assert.Contains($"/Size {count} ", text);
        }

        [Fact]
        public void Pdf_opens_with_strict_PdfPig_parsing_and_has_the_expected_pages()
        {
            using var doc = OpenStrict();
            Assert.Equal(2, doc.NumberOfPages);
            Assert.Equal(ProjectSample.ExpectedPageCount, doc.NumberOfPages);
            foreach (var page in doc.GetPages())
            {
                Assert.Equal(PageWidth, page.Width);
                Assert.Equal(PageHeight, page.Height);
                Assert.All(page.Letters, l => Assert.Equal("Helvetica", l.FontName));
            }
        }

        [Fact]
        public void Pdf_words_equal_the_response_WORD_blocks_page_by_page_in_order()
        {
            using var doc = OpenStrict();
            var response = Response.Load();
            foreach (var page in doc.GetPages())
            {
                var pdfWords = page.GetWords().Select(w => w.Text).ToList();
                var blockWords = response.OfType("WORD").Where(b => b.Page == page.Number).Select(b => b.Text!).ToList();
                Assert.NotEmpty(pdfWords);
                Assert.Equal(blockWords, pdfWords);
            }
        }

        [Fact]
        public void Pdf_text_contains_the_expected_content()
        {
            using var doc = OpenStrict();
            var page1 = string.Join(" ", doc.GetPage(1).GetWords().Select(w => w.Text));
            var page2 = string.Join(" ", doc.GetPage(2).GetWords().Select(w => w.Text));
            Assert.StartsWith("TextractTools Sample Co. Service Report and Invoice", page1);
            Assert.Contains("Invoice Number: INV-1042", page1);
            Assert.Contains("Item Quantity Unit Price Amount", page2);
            Assert.EndsWith("Thank you for choosing TextractTools Sample Co.", page2);
        }

        [Fact]
        public void Response_word_boxes_enclose_PdfPig_glyph_boxes()
        {
            using var doc = OpenStrict();
            var response = Response.Load();
            foreach (var page in doc.GetPages())
            {
                var blocks = response.OfType("WORD").Where(b => b.Page == page.Number).ToList();
                var words = page.GetWords().ToList();
                Assert.Equal(blocks.Count, words.Count);
                for (var i = 0; i < words.Count; i++)
                {
                    var box = blocks[i].Box;
                    var pdf = words[i].BoundingBox;
                    // PdfPig: points, origin bottom-left. Response: fraction of the page, origin top-left.
                    var left = pdf.Left / PageWidth;
                    var right = pdf.Right / PageWidth;
                    var top = (PageHeight - pdf.Top) / PageHeight;
                    var bottom = (PageHeight - pdf.Bottom) / PageHeight;

                    // Horizontally both come from the same advance widths: within a point.
                    Assert.InRange(box.Left - left, -1.0 / PageWidth, 1.0 / PageWidth);
                    Assert.InRange(box.Right - right, -1.0 / PageWidth, 1.0 / PageWidth);
                    // Vertically ours spans ascender..descender, PdfPig the glyphs' ink above the baseline:
                    // ours must contain it, and not by more than a few points.
                    var slack = 1.0 / PageHeight;
                    Assert.True(box.Top <= top + slack && top - box.Top < 6.0 / PageHeight, $"top of '{blocks[i].Text}'");
                    Assert.True(box.Bottom >= bottom - slack && box.Bottom - bottom < 6.0 / PageHeight, $"bottom of '{blocks[i].Text}'");
                }
            }
        }

        [Fact]
        public void Helvetica_metrics_match_the_glyph_positions_PdfPig_computes()
        {
            // Every printable ASCII character, including the ones the writer must escape: ( ) \
            var chars = new string(Enumerable.Range(0x21, 0x7E - 0x21 + 1).Select(c => (char)c).ToArray());
            var text = string.Join(" ", Enumerable.Range(0, (chars.Length + 15) / 16)
                .Select(i => chars.Substring(i * 16, Math.Min(16, chars.Length - i * 16))));
            var layout = new SampleLayout(new[] { new SamplePage(new SampleElement[] { new SampleText(text, 50, 100, 10) }) });
            var placed = SamplePlacement.Place(layout);

            using var doc = PdfDocument.Open(SamplePdfWriter.Write(placed), new ParsingOptions { UseLenientParsing = false });
            var letters = doc.GetPage(1).Letters.ToList();
            Assert.Equal(text, string.Concat(letters.Select(l => l.Value)));
            var x = 50.0;
            foreach (var letter in letters)
            {
                Assert.InRange(letter.StartBaseLine.X - x, -0.01, 0.01);
                Assert.InRange(letter.StartBaseLine.Y - (PageHeight - 100), -0.01, 0.01);
                x += HelveticaMetrics.Width(letter.Value[0]) * 10;
            }
            Assert.Equal(text.Split(' '), placed[0].Lines.Single().Words.Select(w => w.Text));
        }

        // ---- the response's shape ----------------------------------------------------------------------------

        [Fact]
        public void Response_has_the_GetDocumentAnalysis_envelope()
        {
            using var json = JsonDocument.Parse(ProjectSample.CreateAnalysisJson());
            var root = json.RootElement;
            Assert.Equal("SUCCEEDED", root.GetProperty("JobStatus").GetString());
            Assert.Equal(2, root.GetProperty("DocumentMetadata").GetProperty("Pages").GetInt32());
            Assert.Equal("1.0", root.GetProperty("AnalyzeDocumentModelVersion").GetString());
            Assert.False(root.TryGetProperty("NextToken", out _));
            // The async API's member order.
            Assert.Equal(new[] { "DocumentMetadata", "JobStatus", "Blocks", "AnalyzeDocumentModelVersion" },
                root.EnumerateObject().Select(p => p.Name));
        }

        [Fact]
        public void Every_block_has_a_unique_guid_id_a_page_a_confidence_and_normalised_geometry()
        {
            var response = Response.Load();
            Assert.Equal(response.Blocks.Count, response.Blocks.Select(b => b.Id).Distinct().Count());
            foreach (var b in response.Blocks)
            {
                Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", b.Id);
                Assert.InRange(b.Page, 1, 2);
                if (b.Type == "PAGE")
                {
                    Assert.Null(b.Confidence); // as the service: PAGE blocks have no Confidence
                    Assert.Equal((0.0, 0.0, 1.0, 1.0), (b.Box.Left, b.Box.Top, b.Box.Right, b.Box.Bottom));
                }
                else
                {
                    Assert.InRange(b.Confidence!.Value, 95.0, 99.9);
                }
                Assert.InRange(b.Box.Left, 0, 1);
                Assert.InRange(b.Box.Top, 0, 1);
                Assert.InRange(b.Box.Right, 0, 1);
                Assert.InRange(b.Box.Bottom, 0, 1);
                Assert.True(b.Box.Width > 0 && b.Box.Height > 0, b.Id);
                // Polygon: top-left, top-right, bottom-right, bottom-left of the same box.
                var expected = new[] { (b.Box.Left, b.Box.Top), (b.Box.Right, b.Box.Top), (b.Box.Right, b.Box.Bottom), (b.Box.Left, b.Box.Bottom) };
                Assert.Equal(4, b.Polygon.Count);
                for (var i = 0; i < 4; i++)
                {
                    Assert.Equal(expected[i].Item1, b.Polygon[i].X, 5);
                    Assert.Equal(expected[i].Item2, b.Polygon[i].Y, 5);
                }
            }
        }

        [Fact]
        public void Blocks_follow_the_services_order_per_page()
        {
            var order = new[] { "PAGE", "LINE", "WORD", "SELECTION_ELEMENT", "TABLE", "KEY_VALUE_SET" };
            var response = Response.Load();
            var pages = response.Blocks.Select(b => b.Page).ToList();
            Assert.Equal(pages.OrderBy(p => p), pages);
            foreach (var group in response.Blocks.GroupBy(b => b.Page))
            {
                // CELLs sit right after their TABLE.
                var ranks = group.Select(b => Array.IndexOf(order, b.Type == "CELL" ? "TABLE" : b.Type)).ToList();
                Assert.DoesNotContain(-1, ranks);
                Assert.Equal(ranks.OrderBy(r => r), ranks);
                Assert.Equal("PAGE", group.First().Type);
            }
        }

        [Fact]
        public void Every_relationship_resolves_to_a_block_on_the_same_page()
        {
            var response = Response.Load();
            foreach (var b in response.Blocks)
                foreach (var (type, ids) in b.Relationships)
                {
                    Assert.NotEmpty(ids);
                    foreach (var id in ids)
                    {
                        Assert.True(response.ById.TryGetValue(id, out var target), $"{b.Type} {b.Id} -> {type} {id} does not resolve");
                        Assert.Equal(b.Page, target!.Page);
                    }
                }
        }

        [Fact]
        public void Page_children_are_its_lines_then_its_table_then_its_key_value_sets()
        {
            var response = Response.Load();
            foreach (var page in response.OfType("PAGE"))
            {
                var children = response.Children(page).ToList();
                var expected = response.Blocks.Where(b => b.Page == page.Page)
                    .Where(b => b.Type == "LINE").Concat(response.Blocks.Where(b => b.Page == page.Page && b.Type == "TABLE"))
                    .Concat(response.Blocks.Where(b => b.Page == page.Page && b.Type == "KEY_VALUE_SET"))
                    .ToList();
                Assert.Equal(expected.Select(b => b.Id), children.Select(b => b.Id));
            }
        }

        [Fact]
        public void Each_word_is_the_child_of_exactly_one_line_and_lines_spell_their_words()
        {
            var response = Response.Load();
            var parentsOf = response.OfType("WORD").ToDictionary(w => w.Id, _ => 0);
            foreach (var line in response.OfType("LINE"))
            {
                var words = response.Children(line).ToList();
                Assert.All(words, w => Assert.Equal("WORD", w.Type));
                Assert.Equal(line.Text, string.Join(" ", words.Select(w => w.Text)));
                foreach (var w in words) parentsOf[w.Id]++;
                // A LINE's box is the union of its words'.
                Assert.Equal(words.Min(w => w.Box.Left), line.Box.Left, 5);
                Assert.Equal(words.Max(w => w.Box.Right), line.Box.Right, 5);
            }
            Assert.All(parentsOf, p => Assert.Equal(1, p.Value));
            Assert.All(response.OfType("WORD"), w => Assert.Equal("PRINTED", w.TextType));
        }

        [Fact]
        public void Lines_in_block_order_are_the_expected_lines()
        {
            var response = Response.Load();
            Assert.Equal(ProjectSample.ExpectedLines, response.OfType("LINE").Select(l => l.Text));
            Assert.Equal(ProjectSample.ExpectedPageLines.SelectMany(p => p), ProjectSample.ExpectedLines);
            Assert.Equal(ProjectSample.ExpectedPageLines[1],
                response.OfType("LINE").Where(l => l.Page == 2).Select(l => l.Text));
            Assert.Equal("TextractTools Sample Co.", ProjectSample.ExpectedLines[0]);
        }

        [Fact]
        public void Table_cells_cover_the_grid_exactly_once_and_hold_the_expected_texts()
        {
            var response = Response.Load();
            var table = Assert.Single(response.OfType("TABLE"));
            Assert.Equal(2, table.Page);
            Assert.Equal(new[] { "STRUCTURED_TABLE" }, table.EntityTypes);
            var cells = response.Children(table).ToList();
            Assert.All(cells, c => Assert.Equal("CELL", c.Type));
            Assert.Equal(cells.Count, response.OfType("CELL").Count());

            var expected = ProjectSample.ExpectedTable;
            var rows = cells.Max(c => c.RowIndex + c.RowSpan - 1);
            var columns = cells.Max(c => c.ColumnIndex + c.ColumnSpan - 1);
            Assert.Equal(expected.Length, rows);
            Assert.Equal(expected[0].Length, columns);

            var covered = new int[rows, columns];
            foreach (var cell in cells)
            {
                Assert.Equal(1, cell.RowSpan);
                Assert.Equal(1, cell.ColumnSpan);
                covered[cell.RowIndex - 1, cell.ColumnIndex - 1]++;
                var text = string.Join(" ", response.Children(cell).Select(w => { Assert.Equal("WORD", w.Type); return w.Text; }));
                Assert.Equal(expected[cell.RowIndex - 1][cell.ColumnIndex - 1], text);
                if (cell.RowIndex == 1) Assert.Equal(new[] { "COLUMN_HEADER" }, cell.EntityTypes);
                else Assert.Null(cell.EntityTypes);
                // Cells lie inside the table.
                Assert.True(cell.Box.Left >= table.Box.Left - 1e-6 && cell.Box.Right <= table.Box.Right + 1e-6);
                Assert.True(cell.Box.Top >= table.Box.Top - 1e-6 && cell.Box.Bottom <= table.Box.Bottom + 1e-6);
            }
            Assert.All(covered.Cast<int>(), n => Assert.Equal(1, n));
        }

        [Fact]
        public void Each_key_has_exactly_one_value_and_the_pairs_are_the_expected_ones()
        {
            var response = Response.Load();
            var kvs = response.OfType("KEY_VALUE_SET").ToList();
            var keys = kvs.Where(b => b.EntityTypes!.SequenceEqual(new[] { "KEY" })).ToList();
            var values = kvs.Where(b => b.EntityTypes!.SequenceEqual(new[] { "VALUE" })).ToList();
            Assert.Equal(kvs.Count, keys.Count + values.Count);

            var pairs = new List<KeyValuePair<string, string>>();
            var valueUse = values.ToDictionary(v => v.Id, _ => 0);
            foreach (var key in keys)
            {
                Assert.Equal(new[] { "VALUE", "CHILD" }, key.Relationships.Select(r => r.Type));
                var valueIds = key.Relationships.Single(r => r.Type == "VALUE").Ids;
                var value = response.ById[Assert.Single(valueIds)];
                Assert.Contains(value.Id, valueUse.Keys);
                valueUse[value.Id]++;
                Assert.Equal(key.Confidence, value.Confidence);

                var keyText = string.Join(" ", response.Children(key).Select(w => { Assert.Equal("WORD", w.Type); return w.Text; }));
                var valueChildren = response.Children(value).ToList();
                string valueText;
                if (valueChildren.Count == 1 && valueChildren[0].Type == "SELECTION_ELEMENT") valueText = valueChildren[0].SelectionStatus!;
                else
                {
                    Assert.All(valueChildren, w => Assert.Equal("WORD", w.Type));
                    valueText = string.Join(" ", valueChildren.Select(w => w.Text));
                }
                pairs.Add(new KeyValuePair<string, string>(keyText, valueText));
            }
            Assert.All(valueUse, v => Assert.Equal(1, v.Value));
            Assert.Equal(ProjectSample.ExpectedKeyValues, pairs);
        }

        [Fact]
        public void Checkboxes_are_selection_elements_inside_their_value_boxes()
        {
            var response = Response.Load();
            var selections = response.OfType("SELECTION_ELEMENT").ToList();
            Assert.Equal(new[] { "SELECTED", "NOT_SELECTED" }, selections.Select(s => s.SelectionStatus));
            foreach (var s in selections)
            {
                var owner = Assert.Single(response.Blocks, b => b.Relationships.Any(r => r.Ids.Contains(s.Id)));
                Assert.Equal(new[] { "VALUE" }, owner.EntityTypes);
                Assert.True(owner.Box.Left <= s.Box.Left && owner.Box.Right >= s.Box.Right);
                Assert.True(owner.Box.Top <= s.Box.Top && owner.Box.Bottom >= s.Box.Bottom);
                // Roughly square on the page.
                Assert.InRange(s.Box.Width * PageWidth / (s.Box.Height * PageHeight), 0.95, 1.05);
            }
        }

        // ---- the expectations exposed to other tests -----------------------------------------------------------

        [Fact]
        public void Expected_content_is_the_documented_invoice()
        {
            Assert.Equal(new[]
            {
                new KeyValuePair<string, string>("Invoice Number:", "INV-1042"),
                new KeyValuePair<string, string>("Date:", "2024-03-15"),
                new KeyValuePair<string, string>("Customer:", "Blue Harbor Logistics"),
                new KeyValuePair<string, string>("Paid:", "SELECTED"),
                new KeyValuePair<string, string>("Rush Order:", "NOT_SELECTED"),
            }, ProjectSample.ExpectedKeyValues);

            var table = ProjectSample.ExpectedTable;
            Assert.Equal(new[] { "Item", "Quantity", "Unit Price", "Amount" }, table[0]);
            Assert.Equal(6, table.Length);
            Assert.All(table, row => Assert.Equal(4, row.Length));
            // The numbers are a coherent invoice: quantity x unit price = amount, and the amounts add up to the
            // total stated in the closing line.
            decimal total = 0;
            foreach (var row in table.Skip(1))
            {
                var amount = decimal.Parse(row[3], CultureInfo.InvariantCulture);
                Assert.Equal(decimal.Parse(row[1], CultureInfo.InvariantCulture) * decimal.Parse(row[2], CultureInfo.InvariantCulture), amount);
                total += amount;
            }
            Assert.Contains($"Total due {total.ToString("0.00", CultureInfo.InvariantCulture)} USD.", ProjectSample.ExpectedLines[^1]);

            // A copy each time: a caller cannot change what the next one sees.
            table[0][0] = "changed";
            Assert.Equal("Item", ProjectSample.ExpectedTable[0][0]);
        }

        [Fact]
        public void All_text_fits_inside_the_page_margins()
        {
            var response = Response.Load();
            Assert.All(response.OfType("LINE"), l =>
            {
                Assert.True(l.Box.Left >= 36 / PageWidth && l.Box.Right <= 1 - 36 / PageWidth, l.Text);
                Assert.True(l.Box.Top >= 36 / PageHeight && l.Box.Bottom <= 1 - 36 / PageHeight, l.Text);
            });
        }

        [Theory]
        [InlineData("Caf\u00e9")]
        [InlineData("two  spaces")]
        [InlineData(" leading")]
        public void Layout_rejects_text_the_writer_cannot_render_faithfully(string text)
        {
            Assert.Throws<ArgumentException>(() =>
                new SampleLayout(new[] { new SamplePage(new SampleElement[] { new SampleText(text, 72, 72, 12) }) }));
        }

        [Fact]
        public void Layout_rejects_a_field_with_both_a_value_and_a_checkbox()
        {
            Assert.Throws<ArgumentException>(() => new SampleLayout(new[]
            {
                new SamplePage(new SampleElement[] { new SampleField("Paid:", 72, 72, 12, 200, Value: "yes", Checked: true) }),
            }));
        }

        // ---- helpers -------------------------------------------------------------------------------------------

        private static PdfDocument OpenStrict() =>
            PdfDocument.Open(ProjectSample.CreatePdf(), new ParsingOptions { UseLenientParsing = false });

        private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

        private sealed record NormBox(double Left, double Top, double Width, double Height)
        {
            public double Right => Left + Width;
            public double Bottom => Top + Height;
        }

        private sealed record ParsedBlock(
            string Type, string Id, int Page, double? Confidence, string? Text, string? TextType,
            int RowIndex, int ColumnIndex, int RowSpan, int ColumnSpan, string[]? EntityTypes, string? SelectionStatus,
            NormBox Box, IReadOnlyList<(double X, double Y)> Polygon, IReadOnlyList<(string Type, string[] Ids)> Relationships);

        /// <summary>The generated response, read back with a plain JSON parser (not with the writer's types).</summary>
        private sealed class Response
        {
            private Response(List<ParsedBlock> blocks)
            {
                Blocks = blocks;
                ById = blocks.ToDictionary(b => b.Id);
            }

            public IReadOnlyList<ParsedBlock> Blocks { get; }
            public IReadOnlyDictionary<string, ParsedBlock> ById { get; }

            public IEnumerable<ParsedBlock> OfType(string type) => Blocks.Where(b => b.Type == type);

            public IEnumerable<ParsedBlock> Children(ParsedBlock b) =>
                b.Relationships.Where(r => r.Type == "CHILD").SelectMany(r => r.Ids).Select(id => ById[id]);

            public static Response Load()
            {
                using var json = JsonDocument.Parse(ProjectSample.CreateAnalysisJson());
                var blocks = new List<ParsedBlock>();
                foreach (var e in json.RootElement.GetProperty("Blocks").EnumerateArray())
                {
                    var geometry = e.GetProperty("Geometry");
                    var bb = geometry.GetProperty("BoundingBox");
                    blocks.Add(new ParsedBlock(
                        e.GetProperty("BlockType").GetString()!,
                        e.GetProperty("Id").GetString()!,
                        e.GetProperty("Page").GetInt32(),
                        e.TryGetProperty("Confidence", out var c) ? c.GetDouble() : null,
                        Str(e, "Text"), Str(e, "TextType"),
                        Int(e, "RowIndex"), Int(e, "ColumnIndex"), Int(e, "RowSpan"), Int(e, "ColumnSpan"),
                        e.TryGetProperty("EntityTypes", out var et) ? et.EnumerateArray().Select(x => x.GetString()!).ToArray() : null,
                        Str(e, "SelectionStatus"),
                        new NormBox(bb.GetProperty("Left").GetDouble(), bb.GetProperty("Top").GetDouble(),
                                    bb.GetProperty("Width").GetDouble(), bb.GetProperty("Height").GetDouble()),
                        geometry.GetProperty("Polygon").EnumerateArray()
                            .Select(p => (p.GetProperty("X").GetDouble(), p.GetProperty("Y").GetDouble())).ToList(),
                        e.TryGetProperty("Relationships", out var rel)
                            ? rel.EnumerateArray().Select(r => (r.GetProperty("Type").GetString()!,
                                r.GetProperty("Ids").EnumerateArray().Select(x => x.GetString()!).ToArray())).ToList()
                            : new List<(string, string[])>()));
                }
                return new Response(blocks);
            }

            private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
            private static int Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetInt32() : 0;
        }
    }
}
