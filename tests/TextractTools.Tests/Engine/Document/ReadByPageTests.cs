using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using TextractTools.Engine.Document;
using TextractTools.Tests.Support;
using Xunit;
using static TextractTools.Tests.Support.OutputJson;

namespace TextractTools.Tests.Engine.Document
{
    /// <summary>
    /// Block output read one Textract page at a time (TextractDocumentReader.ReadByPage, what Get-TextractOutput -As
    /// Line, Word, TableRow ... stream from) gives the objects the whole document gives, in the same order, with the
    /// same Index, warnings and text, while holding no more than a page.
    /// </summary>
    public class ReadByPageTests
    {
        /// <summary>The sample's blocks cut into Get*-style answers of <paramref name="blocksPerAnswer"/> blocks, each repeating the job-level members.</summary>
        private static List<RawOutputPage> AsAnswers(string name, int blocksPerAnswer)
        {
            var answer = JsonNode.Parse(File.ReadAllText(SampleFiles.Response(name)))!.AsObject();
            var blocks = answer["Blocks"]!.AsArray().Select(b => b!.ToJsonString()).ToList();
            var pages = new List<RawOutputPage>();
            for (int start = 0; start < blocks.Count; start += blocksPerAnswer)
            {
                var part = new JsonObject();
                foreach (var member in answer.Where(m => m.Key != "Blocks")) part[member.Key] = member.Value?.DeepClone();
                part["Blocks"] = new JsonArray(blocks.Skip(start).Take(blocksPerAnswer).Select(b => JsonNode.Parse(b)).ToArray());
                pages.Add(Raw(part.ToJsonString(), $"{name} answer {pages.Count + 1}"));
            }
            return pages;
        }

        private static readonly DocumentReadOptions Merge = new DocumentReadOptions { MergeContinuedTables = true };

        [SkippableTheory]
        [MemberData(nameof(SampleResponseTests.BlockResponses), MemberType = typeof(SampleResponseTests))]
        public void Every_sample_read_by_page_gives_the_objects_of_the_whole_document(string name)
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            foreach (int blocksPerAnswer in new[] { 7, 1000 })
            {
                foreach (var options in new[] { new DocumentReadOptions(), Merge })
                {
                    var origin = new TextractDocumentOrigin("doc.pdf", "job-1");
                    TextractDocument whole = TextractDocumentReader.Read(AsAnswers(name, blocksPerAnswer), origin, options);
                    List<TextractDocument> parts = TextractDocumentReader.ReadByPage(AsAnswers(name, blocksPerAnswer), origin, options).ToList();

                    Assert.Equal(Describe(whole.Lines, l => $"{l.Page} {l.Id} {l.Text} {l.Document}"), Describe(parts.SelectMany(p => p.Lines), l => $"{l.Page} {l.Id} {l.Text} {l.Document}"));
                    Assert.Equal(whole.Words.Select(w => w.Id), parts.SelectMany(p => p.Words).Select(w => w.Id));
                    Assert.Equal(whole.KeyValues.Select(k => $"{k.Page} {k.Key} = {k.Value}"), parts.SelectMany(p => p.KeyValues).Select(k => $"{k.Page} {k.Key} = {k.Value}"));
                    Assert.Equal(Describe(whole.Tables, Table), Describe(parts.SelectMany(p => p.Tables), Table));
                    Assert.Equal(whole.Queries.Select(q => $"{q.Page} {q.Query} {q.Answer}"), parts.SelectMany(p => p.Queries).Select(q => $"{q.Page} {q.Query} {q.Answer}"));
                    Assert.Equal(whole.Signatures.Select(s => s.Id), parts.SelectMany(p => p.Signatures).Select(s => s.Id));
                    Assert.Equal(whole.Layout.Select(l => $"{l.Index} {l.Page} {l.Type} {l.Id} {l.Text}"), parts.SelectMany(p => p.Layout).Select(l => $"{l.Index} {l.Page} {l.Type} {l.Id} {l.Text}"));
                    Assert.Equal(whole.Pages.Select(p => $"{p.Page} {p.Id} {p.LineCount} {p.TableCount} {p.LayoutBlockCount} {p.Text}"), parts.SelectMany(p => p.Pages).Select(p => $"{p.Page} {p.Id} {p.LineCount} {p.TableCount} {p.LayoutBlockCount} {p.Text}"));
                    Assert.Equal(whole.Blocks.Select(b => b.Id), parts.SelectMany(p => p.Blocks).Select(b => b.Id));
                    Assert.Equal(whole.Text, TextractDocument.JoinText(parts.Select(p => p.Text)));
                    Assert.Equal(whole.Warnings.Select(w => w.Message), parts.SelectMany(p => p.Warnings).Select(w => w.Message));
                    Assert.All(parts, p => Assert.Equal(whole.PageCount, p.PageCount));
                    if (!options.MergeContinuedTables) Assert.Equal(whole.Pages.Count, parts.Count); // one part per page
                }
            }
        }

        [SkippableTheory]
        [MemberData(nameof(SampleResponseTests.BlockResponses), MemberType = typeof(SampleResponseTests))]
        public void A_saved_file_read_by_page_from_the_disk_gives_the_lines_and_text_of_the_whole_file(string name)
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            string path = SampleFiles.Response(name);
            TextractDocument whole = TextractOutputReader.ReadPath(path, summary: false).Blocks!;
            List<TextractDocument> parts = TextractOutputReader.ReadPathParts(path, summary: false).Select(p => p.Blocks!).ToList();

            Assert.Equal(whole.Lines.Select(l => $"{l.Page} {l.Id} {l.Text}"), parts.SelectMany(p => p.Lines).Select(l => $"{l.Page} {l.Id} {l.Text}"));
            Assert.Equal(whole.Tables.Select(Table), parts.SelectMany(p => p.Tables).Select(Table));
            Assert.Equal(whole.Text, TextractDocument.JoinText(parts.Select(p => p.Text)));
            Assert.Equal(whole.Warnings.Select(w => w.Message), parts.SelectMany(p => p.Warnings).Select(w => w.Message));
            Assert.All(parts, p => Assert.Equal(path, p.Origin.Document));
        }

        private static IEnumerable<string> Describe<T>(IEnumerable<T> items, System.Func<T, string> describe) => items.Select(describe).ToList();

        private static string Table(TextractTable t) =>
            $"{t.Index} {t.Page} {string.Join(",", t.Pages)} {string.Join(",", t.PartIds)} {t.RowCount}x{t.ColumnCount} {string.Join("|", t.Cells.Select(c => c.Text))}";

        /// <summary>Three pages, one answer each, a page's line and word on it.</summary>
        private static List<RawOutputPage> ThreePages(int metadataPages = 3, params int[] pageNumbers)
        {
            if (pageNumbers.Length == 0) pageNumbers = new[] { 1, 2, 3 };
            return pageNumbers.Select(p => Raw(Answer(new[]
            {
                Page($"p{p}", p, $"l{p}"),
                Line($"l{p}", $"line of page {p}", p, $"w{p}"),
                Word($"w{p}", $"line of page {p}", p),
            }, pages: metadataPages), $"answer {p}")).ToList();
        }

        [Fact]
        public void A_page_is_handed_out_before_the_answers_after_the_next_one_are_read()
        {
            var pulled = new List<string>();
            IEnumerable<RawOutputPage> Pull()
            {
                foreach (var page in ThreePages())
                {
                    pulled.Add(page.Source);
                    yield return page;
                }
            }

            using var parts = TextractDocumentReader.ReadByPage(Pull(), new TextractDocumentOrigin("doc.pdf")).GetEnumerator();
            Assert.True(parts.MoveNext());
            // Page 1 is complete once a block of page 2 is in: the third answer has not been read.
            Assert.Equal(new[] { "answer 1", "answer 2" }, pulled);
            Assert.Equal(new[] { "line of page 1" }, parts.Current.Lines.Select(l => l.Text));
            Assert.Equal(new[] { 1 }, parts.Current.Pages.Select(p => p.Page));
            Assert.Equal(3, parts.Current.PageCount);
        }

        [Fact]
        public void Blocks_that_go_back_to_a_page_already_handed_out_are_refused_not_dropped()
        {
            var parts = TextractDocumentReader.ReadByPage(ThreePages(3, 1, 2, 1), new TextractDocumentOrigin("doc.pdf"));

            var read = new List<TextractDocument>();
            var error = Assert.Throws<TextractOutputException>(() => { foreach (var part in parts) read.Add(part); });
            Assert.Contains("blocks of page 1 come after those of page 2, and page 1 has already been returned", error.Message);
            Assert.Contains("-As Document", error.Message);
            Assert.Single(read); // page 1 was handed out before the problem showed
        }

        [Fact]
        public void A_page_the_output_describes_but_never_gives_is_reported_with_the_last_part_as_for_the_whole_document()
        {
            var whole = TextractDocumentReader.Read(ThreePages(4), new TextractDocumentOrigin("doc.pdf"));
            var parts = TextractDocumentReader.ReadByPage(ThreePages(4), new TextractDocumentOrigin("doc.pdf")).ToList();

            // Page 4 is a page of both, though no block is on it.
            Assert.Equal(whole.Pages.Select(p => $"{p.Page} {p.Id}"), parts.SelectMany(p => p.Pages).Select(p => $"{p.Page} {p.Id}"));
            var expected = Assert.Single(whole.Warnings, w => w.Code == ReaderWarningCodes.MissingPages);
            Assert.Empty(parts.Take(parts.Count - 1).SelectMany(p => p.Warnings));
            var reported = Assert.Single(parts.Last().Warnings);
            Assert.Equal(expected.Message, reported.Message);
            Assert.Equal(new[] { 4 }, reported.Pages);
        }

        [Fact]
        public void Pages_that_come_in_another_order_before_any_is_handed_out_read_as_the_whole_document()
        {
            // Page 2's answer first, then page 1's (neither handed out yet: page 1 still belongs to the first part), then 3.
            var origin = new TextractDocumentOrigin("doc.pdf");
            var whole = TextractDocumentReader.Read(ThreePages(3, 2, 1, 3), origin);
            var parts = TextractDocumentReader.ReadByPage(ThreePages(3, 2, 1, 3), origin).ToList();

            Assert.Equal(whole.Lines.Select(l => $"{l.Page} {l.Text}"), parts.SelectMany(p => p.Lines).Select(l => $"{l.Page} {l.Text}"));
            Assert.Equal(whole.Pages.Select(p => p.Page), parts.SelectMany(p => p.Pages).Select(p => p.Page));
            Assert.Equal(whole.Text, TextractDocument.JoinText(parts.Select(p => p.Text)));
        }

        [Fact]
        public void A_block_type_this_version_does_not_know_is_reported_once_as_for_the_whole_document()
        {
            var pages = ThreePages().Select((p, i) =>
            {
                var answer = JsonNode.Parse(p.Json.ToArray())!.AsObject();
                answer["Blocks"]!.AsArray().Add(JsonNode.Parse($@"{{""BlockType"":""FUTURE_BLOCK"",""Id"":""f{i + 1}"",""Page"":{i + 1}}}"));
                return Raw(answer.ToJsonString(), p.Source);
            }).ToList();

            var whole = TextractDocumentReader.Read(pages, new TextractDocumentOrigin("doc.pdf"));
            var parts = TextractDocumentReader.ReadByPage(pages, new TextractDocumentOrigin("doc.pdf")).ToList();

            Assert.Single(whole.Warnings, w => w.Code == ReaderWarningCodes.UnknownBlockType);
            Assert.Single(parts.SelectMany(p => p.Warnings), w => w.Code == ReaderWarningCodes.UnknownBlockType);
        }

        [Fact]
        public void Textract_warnings_every_answer_repeats_come_once_with_the_first_page()
        {
            var pages = ThreePages().Select(p =>
            {
                var answer = JsonNode.Parse(p.Json.ToArray())!.AsObject();
                answer["JobStatus"] = "PARTIAL_SUCCESS";
                answer["Warnings"] = new JsonArray(new JsonObject { ["ErrorCode"] = "UNSUPPORTED_DOCUMENT", ["Pages"] = new JsonArray(4) });
                return Raw(answer.ToJsonString(), p.Source);
            }).ToList();

            var parts = TextractDocumentReader.ReadByPage(pages, new TextractDocumentOrigin("doc.pdf")).ToList();

            Assert.Equal(3, parts.Count);
            Assert.Equal(new[] { "UNSUPPORTED_DOCUMENT", ReaderWarningCodes.PartialSuccess }, parts[0].Warnings.Select(w => w.Code));
            Assert.Empty(parts.Skip(1).SelectMany(p => p.Warnings));
            Assert.All(parts, p => Assert.Equal("PARTIAL_SUCCESS", p.JobStatus));
        }

        [Fact]
        public void A_failed_job_is_refused_when_its_answer_is_reached()
        {
            var pages = ThreePages();
            pages[1] = Raw(@"{""JobStatus"":""FAILED"",""StatusMessage"":""Request has unsupported document format""}", "answer 2");

            var error = Assert.Throws<TextractOutputException>(() => TextractDocumentReader.ReadByPage(pages, new TextractDocumentOrigin("doc.pdf")).ToList());
            Assert.Contains("FAILED: Request has unsupported document format", error.Message);
        }

        [Fact]
        public void Output_without_blocks_gives_one_empty_part_with_its_status()
        {
            var part = Assert.Single(TextractDocumentReader.ReadByPage(new[] { Raw(@"{""JobStatus"":""SUCCEEDED"",""DocumentMetadata"":{""Pages"":0}}") },
                new TextractDocumentOrigin("doc.pdf")));
            Assert.Empty(part.Lines);
            Assert.Equal("SUCCEEDED", part.JobStatus);
        }

        [Fact]
        public void A_table_continued_on_the_next_page_is_joined_with_tables_numbered_as_in_the_whole_document()
        {
            // Page 1: a table to the page end; page 2: its continuation; page 3: a line; page 4: another table.
            var blocks = TableMergerParts.Continued("a", "b").Concat(new[]
            {
                Line("x", "between", 3).At(0.1, 0.1, 0.2, 0.02),
            }).Concat(TableMergerParts.Alone("c", 4)).ToList();
            var answers = blocks.GroupBy(b => (int)b["Page"]!).Select(g => Raw(Answer(g, pages: 4), $"answer {g.Key}")).ToList();

            var whole = TextractDocumentReader.Read(answers, new TextractDocumentOrigin("doc.pdf"), Merge);
            var parts = TextractDocumentReader.ReadByPage(answers, new TextractDocumentOrigin("doc.pdf"), Merge).ToList();

            Assert.Equal(new[] { "1: a,b", "2: c" }, whole.Tables.Select(t => $"{t.Index}: {string.Join(",", t.PartIds)}"));
            Assert.Equal(whole.Tables.Select(t => $"{t.Index}: {string.Join(",", t.PartIds)}"), parts.SelectMany(p => p.Tables).Select(t => $"{t.Index}: {string.Join(",", t.PartIds)}"));
            // Pages 1 and 2 (a table on each) were held together with the page after them; page 4 came on its own.
            Assert.Equal(new[] { "1,2,3", "4" }, parts.Select(p => string.Join(",", p.Pages.Select(x => x.Page))));
        }
    }

    /// <summary>Table blocks for the merge test: a one-column table with a header cell at a place on a page.</summary>
    internal static class TableMergerParts
    {
        private static IEnumerable<Dictionary<string, object?>> Part(string name, int page, double top, double bottom, params string[] values)
        {
            var blocks = new List<Dictionary<string, object?>> { Page("page" + name, page) };
            var cellIds = new List<string>();
            var texts = new[] { "Item" }.Concat(values).ToArray();
            var cells = new List<Dictionary<string, object?>>();
            for (int i = 0; i < texts.Length; i++)
            {
                string cell = $"{name}c{i}", word = $"{name}w{i}";
                cellIds.Add(cell);
                cells.Add(i == 0 ? Cell(cell, 1, 1, new[] { word }, page, "COLUMN_HEADER") : Cell(cell, i + 1, 1, new[] { word }, page));
                blocks.Add(Word(word, texts[i], page));
                blocks.Add(Line($"{name}l{i}", texts[i], page, word).At(0.11, top + 0.01 + i * 0.001, 0.2, 0.001));
            }
            blocks.Add(Table(name, cellIds.ToArray(), page: page).At(0.1, top, 0.8, bottom - top));
            blocks.AddRange(cells);
            return blocks;
        }

        public static IEnumerable<Dictionary<string, object?>> Continued(string first, string second) =>
            Part(first, 1, 0.5, 0.95, "tea", "cake").Concat(Part(second, 2, 0.05, 0.3, "jam"));

        public static IEnumerable<Dictionary<string, object?>> Alone(string name, int page) => Part(name, page, 0.3, 0.5, "bread");
    }
}
