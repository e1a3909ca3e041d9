using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using TextractTools.LocalEndpoint.Replay;
using TextractTools.LocalEndpoint.Samples;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.LocalEndpoint.Replay
{
    /// <summary>The replay library: recording shapes, folder layout, and the real samples replayed faithfully.</summary>
    public sealed class TextractReplayLibraryTests
    {
        private const string SyncAnswer = @"{
            ""DocumentMetadata"": {""Pages"": 1},
            ""Blocks"": [
                {""BlockType"": ""PAGE"", ""Id"": ""page"", ""Relationships"": [{""Type"": ""CHILD"", ""Ids"": [""line""]}]},
                {""BlockType"": ""LINE"", ""Id"": ""line"", ""Text"": ""Hi"", ""Relationships"": [{""Type"": ""CHILD"", ""Ids"": [""word""]}]},
                {""BlockType"": ""WORD"", ""Id"": ""word"", ""Text"": ""Hi""}
            ],
            ""AnalyzeDocumentModelVersion"": ""1.0""}";

        private static Recording Answer(ReplayLibrary library, byte[] document) =>
            library.Answer(document, isPdf: false).Recording ?? throw new Xunit.Sdk.XunitException("no recording");

        [Fact]
        public void A_synchronous_answer_gets_page_numbers()
        {
            var library = new ReplayLibrary(includeProjectSample: false);
            var document = TextractTestHarness.UniquePng();
            library.AddRecording(document, SyncAnswer);

            var recording = Answer(library, document);
            Assert.Equal(1, recording.Pages);
            Assert.Equal(new[] { 1, 1, 1 }, recording.Blocks.Select(b => b.Page).ToArray());
            Assert.True(library.HasRecording(document));
        }

        [Fact]
        public void An_array_of_get_pages_is_merged_in_order_and_pages_follow_PAGE_blocks()
        {
            const string pages = @"[
                {""JobStatus"": ""SUCCEEDED"", ""DocumentMetadata"": {""Pages"": 2}, ""NextToken"": ""t"",
                 ""Blocks"": [{""BlockType"": ""PAGE"", ""Id"": ""p1""}, {""BlockType"": ""LINE"", ""Id"": ""l1"", ""Text"": ""a""}]},
                {""JobStatus"": ""SUCCEEDED"", ""DocumentMetadata"": {""Pages"": 2},
                 ""Blocks"": [{""BlockType"": ""PAGE"", ""Id"": ""p2""}, {""BlockType"": ""LINE"", ""Id"": ""l2"", ""Text"": ""b""}]}
            ]";
            var library = new ReplayLibrary(includeProjectSample: false);
            var document = TextractTestHarness.UniquePng();
            library.AddRecording(document, pages);

            var recording = Answer(library, document);
            Assert.Equal(2, recording.Pages);
            Assert.Equal(new[] { "p1", "l1", "p2", "l2" }, recording.Blocks.Select(b => b.Id).ToArray());
            Assert.Equal(new[] { 1, 1, 2, 2 }, recording.Blocks.Select(b => b.Page).ToArray());
        }

        [Theory]
        [InlineData(@"{""JobStatus"": ""IN_PROGRESS""}")]
        [InlineData(@"{""JobStatus"": ""FAILED"", ""StatusMessage"": ""x""}")]
        [InlineData(@"{""Results"": [{""Page"": 1}]}")]
        [InlineData(@"{""DocumentMetadata"": {""Pages"": 1}}")]
        [InlineData(@"not json")]
        public void Answers_of_no_known_kind_are_refused_with_a_reason(string json)
        {
            var library = new ReplayLibrary(includeProjectSample: false);
            var error = Assert.Throws<FormatException>(() => library.AddRecording(TextractTestHarness.UniquePng(), json));
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }

        [Fact]
        public void A_folder_pairs_documents_with_responses_named_after_them()
        {
            var folder = Directory.CreateTempSubdirectory("replay-").FullName;
            try
            {
                Directory.CreateDirectory(Path.Combine(folder, "documents"));
                Directory.CreateDirectory(Path.Combine(folder, "responses"));
                var paired = TextractTestHarness.UniquePng();
                var unpaired = TextractTestHarness.UniquePng();
                File.WriteAllBytes(Path.Combine(folder, "documents", "a.png"), paired);
                File.WriteAllBytes(Path.Combine(folder, "documents", "b.png"), unpaired);
                File.WriteAllText(Path.Combine(folder, "responses", "a.png.analysis.json"), SyncAnswer);
                // Named after another document ("a.png2"), so not a response of a.png.
                File.WriteAllText(Path.Combine(folder, "responses", "a.png2.json"), "garbage");

                var library = new ReplayLibrary(new[] { folder }, includeProjectSample: false);

                Assert.Equal(1, library.Count);
                Assert.True(library.HasRecording(paired));
                Assert.False(library.HasRecording(unpaired));
                Assert.Contains(library.Problems, p => p.Contains("b.png"));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public void A_replay_folder_that_does_not_exist_is_an_error()
        {
            var missing = Path.Combine(Path.GetTempPath(), "no-such-replay-" + Guid.NewGuid());
            Assert.Throws<DirectoryNotFoundException>(() => new ReplayLibrary(new[] { missing }, includeProjectSample: false));
        }

        [Fact]
        public void The_library_loads_even_while_the_project_sample_cannot_be_generated()
        {
            var library = new ReplayLibrary();
            // Either the sample loaded, or its failure is reported; never an exception.
            Assert.True(library.Count == 1 || library.Problems.Any(p => p.Contains("textracttools-sample.pdf")));
        }

        [SkippableFact]
        public void The_project_sample_replays_its_generated_analysis()
        {
            byte[] pdf;
            string analysis;
            try
            {
                pdf = ProjectSample.CreatePdf();
                analysis = ProjectSample.CreateAnalysisJson();
            }
            catch (NotImplementedException)
            {
                throw new SkipException("ProjectSample is not written yet");
            }
            using var recorded = JsonDocument.Parse(analysis);
            var recordedIds = recorded.RootElement.GetProperty("Blocks").EnumerateArray().Select(b => b.GetProperty("Id").GetString()).ToList();

            var harness = new TextractTestHarness(new ReplayLibrary());
            Assert.Empty(harness.Library.Problems);
            harness.PutDocument(ProjectSample.FileName, pdf);
            var jobId = harness.StartAnalysis(ProjectSample.FileName, "FORMS", "TABLES");
            harness.FinishJobs();

            var served = harness.GetAll("GetDocumentAnalysis", jobId).Blocks;
            Assert.Equal(recordedIds, served.Select(b => b.GetProperty("Id").GetString()));
        }

        [SkippableFact]
        public void Every_sample_document_replays_its_recorded_response()
        {
            var samples = TextractTools.Tests.Support.SampleFiles.Folder;
            Skip.If(samples is null, TextractTools.Tests.Support.SampleFiles.SkipReason);

            var library = new ReplayLibrary(new[] { samples! }, includeProjectSample: false);
            var documents = Directory.GetFiles(Path.Combine(samples!, "documents"));
            Assert.Equal(documents.Length, library.Count);

            foreach (var documentPath in documents)
            {
                var name = Path.GetFileName(documentPath);
                var responsePath = Directory.GetFiles(Path.Combine(samples!, "responses"), name + ".*.json").Single();
                using var recorded = JsonDocument.Parse(File.ReadAllText(responsePath));
                var recordedBlocks = recorded.RootElement.GetProperty("Blocks").EnumerateArray().ToList();
                var recordedPages = recorded.RootElement.GetProperty("DocumentMetadata").GetProperty("Pages").GetInt32();

                var harness = new TextractTestHarness(library);
                harness.PutDocument(name, File.ReadAllBytes(documentPath));

                // Analysis with every feature but QUERIES serves the whole recording (none of them has queries).
                var analysis = harness.StartAnalysis(name, "TABLES", "FORMS", "SIGNATURES", "LAYOUT");
                var text = harness.StartTextDetection(name);
                harness.FinishJobs();

                var (served, _, first) = harness.GetAll("GetDocumentAnalysis", analysis, 100);
                Assert.Equal(recordedPages, first.Body.GetProperty("DocumentMetadata").GetProperty("Pages").GetInt32());
                Assert.Equal(recordedBlocks.Select(b => b.GetProperty("Id").GetString()), served.Select(b => b.GetProperty("Id").GetString()));
                Assert.Equal(recordedBlocks.Select(b => b.TryGetProperty("Text", out var t) ? t.GetString() : null),
                    served.Select(b => b.TryGetProperty("Text", out var t) ? t.GetString() : null));

                var textBlocks = harness.GetAll("GetDocumentTextDetection", text).Blocks;
                var expectedText = recordedBlocks.Where(b => b.GetProperty("BlockType").GetString() is "PAGE" or "LINE" or "WORD")
                    .Select(b => b.GetProperty("Id").GetString()).ToList();
                Assert.Equal(expectedText, textBlocks.Select(b => b.GetProperty("Id").GetString()));
                var served_ids = textBlocks.Select(b => b.GetProperty("Id").GetString()).ToHashSet();
                Assert.All(textBlocks.SelectMany(TextractTestHarness.RelationshipTargets), id => Assert.Contains(id, served_ids));
            }
        }
    }
}
