using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TextractTools.Engine.Document;
using TextractTools.Engine.Document.Files;
using TextractTools.Engine.Output;
using TextractTools.Tests.Engine.Document.Expense;
using TextractTools.Tests.Engine.Document.Lending;
using TextractTools.Tests.Support;
using Xunit;
using static TextractTools.Tests.Support.OutputJson;

namespace TextractTools.Tests.Engine.Document.Files
{
    /// <summary>
    /// A saved file read as a stream of pieces (<see cref="SavedOutputFile"/>), parsed on several threads, must be the
    /// document the whole file parsed in one buffer is: same blocks, ids, order, warnings, and the same errors, naming
    /// the file's byte positions.
    /// </summary>
    public sealed class SavedOutputFileTests : IDisposable
    {
        private static readonly byte[] BlocksPrefix = Encoding.UTF8.GetBytes("{\"Blocks\":[");
        // Writes quotes in strings as \" (the default writer makes them \u0022), so that the splitter meets them.
        private static readonly JsonSerializerOptions PlainEscapes = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "textract-saved-file-tests-" + Guid.NewGuid().ToString("N"));

        public SavedOutputFileTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private string Write(string name, string json, bool bom = false)
        {
            string path = Path.Combine(_folder, name);
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            File.WriteAllBytes(path, bom ? new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bytes).ToArray() : bytes);
            return path;
        }

        private string Write(string name, JsonNode json, bool bom = false) => Write(name, json.ToJsonString(PlainEscapes), bom);

        /// <summary>The file parsed whole, in one buffer, as it was read before it was read as a stream.</summary>
        private static TextractDocument WholeBuffer(string path, DocumentReadOptions? options = null) =>
            TextractDocumentReader.Read(new[] { new RawOutputPage(path, File.ReadAllBytes(path)) }, new TextractDocumentOrigin(path), options);

        /// <summary>The file cut into pieces of at most <paramref name="blocksPerPiece"/> blocks, parsed on <paramref name="workers"/> threads.</summary>
        private static TextractDocument InPieces(string path, int blocksPerPiece, int workers, DocumentReadOptions? options = null)
        {
            var buffers = new PieceBuffers();
            using IEnumerator<RawOutputPage> pieces = SavedOutputFile.ReadPieces(path, buffers, blocksPerPiece).GetEnumerator();
            return TextractDocumentReader.ReadPieces(path, pieces, buffers, null, options, workers);
        }

        /// <summary>Every public fact of a document (raw blocks and warnings included) as one JSON text.</summary>
        private static string Snapshot(TextractDocument document) => JsonSerializer.Serialize(document);

        /// <summary>Every way of reading the file as a stream of pieces into a document, named for the failure messages.</summary>
        private static IEnumerable<(string How, Func<TextractDocument> Read)> StreamedReads(string path, DocumentReadOptions? options)
        {
            yield return ("ReadFile", () => TextractDocumentReader.ReadFile(path, options: options));
            // One piece at a time on this thread, as a reader that streams pieces elsewhere would.
            yield return ("Read(pieces)", () => TextractDocumentReader.Read(SavedOutputFile.ReadPieces(path), new TextractDocumentOrigin(path), options));
            foreach (int blocksPerPiece in new[] { 1, 7, SavedOutputFile.BlocksPerPiece })
            {
                foreach (int workers in new[] { 1, 2, 4 })
                {
                    yield return ($"{blocksPerPiece} blocks a piece, {workers} worker(s)", () => InPieces(path, blocksPerPiece, workers, options));
                }
            }
        }

        private static TextractDocument AssertReadsAsWhole(string path, DocumentReadOptions? options = null)
        {
            TextractDocument whole = WholeBuffer(path, options);
            string expected = Snapshot(whole);
            foreach ((string how, Func<TextractDocument> read) in StreamedReads(path, options))
            {
                TextractDocument streamed = read();
                Assert.True(expected == Snapshot(streamed), $"{how}: the document differs from the whole-buffer parse");
            }
            // Get-TextractOutput -Path: the kind from the first pieces, then the same parallel read.
            Assert.Equal(expected, Snapshot((TextractDocument)TextractOutputReader.ReadPath(path, false, options).Model));
            // A reader that keeps every piece before it reads any: each piece owns its bytes.
            List<RawOutputPage> kept = PiecesOf(path);
            Assert.Equal(expected, Snapshot(TextractDocumentReader.Read(kept, new TextractDocumentOrigin(path), options)));
            return whole;
        }

        /// <param name="readPathAsWhole">
        /// Whether ReadPath fails as the reader of any output does given the file whole. Not for a file that is no
        /// answer or array of answers: given whole, that reader finds no kind in it and says so; ReadPath reads the
        /// file as a stream and says what is wrong where, as the document reader does.
        /// </param>
        private static TextractOutputException AssertFailsAsWhole(string path, DocumentReadOptions? options = null, bool readPathAsWhole = true)
        {
            TextractOutputException whole = Assert.Throws<TextractOutputException>(() => WholeBuffer(path, options));
            foreach ((string how, Func<TextractDocument> read) in StreamedReads(path, options))
            {
                AssertSameError(whole, Assert.Throws<TextractOutputException>(() => read()), how);
            }
            TextractOutputException anyKind = readPathAsWhole
                ? Assert.Throws<TextractOutputException>(() => TextractOutputReader.Read(new[] { new RawOutputPage(path, File.ReadAllBytes(path)) }, null, new TextractDocumentOrigin(path), options))
                : whole;
            AssertSameError(anyKind, Assert.Throws<TextractOutputException>(() => TextractOutputReader.ReadPath(path, false, options)), "ReadPath");
            return whole;
        }

        private static void AssertSameError(TextractOutputException expected, TextractOutputException actual, string how)
        {
            Assert.True(expected.Message == actual.Message, $"{how}: \"{actual.Message}\" is not \"{expected.Message}\"");
            Assert.Equal(expected.BytePosition, actual.BytePosition);
            Assert.Equal(expected.LineNumber, actual.LineNumber);
            Assert.Equal(expected.OutputSource, actual.OutputSource);
        }

        /// <summary>A generated analysis of about 24 blocks a page: 130 pages make 3,120 blocks, four pieces of 1,000.</summary>
        private static JsonObject Analysis(int pages) => ParallelFolderReadTests.GeneratedAnalysis(pages);

        private static JsonArray BlocksOf(JsonObject answer) => answer["Blocks"]!.AsArray();

        /// <summary>The answer with its members in another order: <paramref name="blocksLast"/> puts Blocks after the rest.</summary>
        private static JsonObject Reordered(JsonObject answer, bool blocksLast)
        {
            var result = new JsonObject();
            if (!blocksLast) result["Blocks"] = answer["Blocks"]!.DeepClone();
            foreach (KeyValuePair<string, JsonNode?> member in answer.Where(m => m.Key != "Blocks")) result[member.Key] = member.Value?.DeepClone();
            if (blocksLast) result["Blocks"] = answer["Blocks"]!.DeepClone();
            return result;
        }

        /// <summary>The answer as Get* pages of at most <paramref name="blocksPerAnswer"/> blocks, each repeating the job members.</summary>
        private static JsonArray AsAnswers(JsonObject answer, int blocksPerAnswer)
        {
            JsonArray blocks = BlocksOf(answer);
            var answers = new JsonArray();
            for (int start = 0; start < blocks.Count; start += blocksPerAnswer)
            {
                var part = new JsonObject { ["JobStatus"] = "SUCCEEDED", ["NextToken"] = start + blocksPerAnswer < blocks.Count ? "token" + start : null };
                part["Blocks"] = new JsonArray(blocks.Skip(start).Take(blocksPerAnswer).Select(b => b!.DeepClone()).ToArray());
                part["DocumentMetadata"] = answer["DocumentMetadata"]!.DeepClone();
                part["AnalyzeDocumentModelVersion"] = "1.0";
                answers.Add(part);
            }
            return answers;
        }

        private static List<RawOutputPage> PiecesOf(string path) => SavedOutputFile.ReadPieces(path).ToList();

        /// <summary>A piece of blocks only (<c>{"Blocks":[...]}</c>), not the rest of an answer (whose Blocks are emptied).</summary>
        private static bool IsBlockPiece(RawOutputPage piece) => piece.Json.Span.StartsWith(BlocksPrefix) && BlockCount(piece) > 0;

        private static int BlockCount(RawOutputPage piece)
        {
            using JsonDocument json = JsonDocument.Parse(piece.Json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return json.RootElement.TryGetProperty("Blocks", out JsonElement blocks) && blocks.ValueKind == JsonValueKind.Array ? blocks.GetArrayLength() : 0;
        }

        [Fact]
        public void A_large_answer_reads_to_the_same_document_as_parsed_whole()
        {
            JsonObject answer = Analysis(pages: 130);
            answer["JobStatus"] = "PARTIAL_SUCCESS";
            answer["StatusMessage"] = "Some pages failed";
            answer["Warnings"] = new JsonArray(new JsonObject { ["ErrorCode"] = "UNSUPPORTED_DOCUMENT", ["Pages"] = new JsonArray(131, 132) });
            answer["DocumentMetadata"] = new JsonObject { ["Pages"] = 132 };
            string path = Write("large.json", answer);

            TextractDocument whole = AssertReadsAsWhole(path, new DocumentReadOptions { MergeContinuedTables = true });

            // What the snapshots compare, spelled out: the answer's blocks in order, its lines, tables, fields, warnings.
            TextractDocument streamed = TextractDocumentReader.ReadFile(path, options: new DocumentReadOptions { MergeContinuedTables = true });
            Assert.Equal(BlocksOf(answer).Count, streamed.Blocks.Count);
            Assert.Equal(BlocksOf(answer).Select(b => (string)b!["Id"]!), streamed.Blocks.Select(b => b.Id));
            Assert.Equal(whole.Lines.Select(l => l.Text), streamed.Lines.Select(l => l.Text));
            Assert.Equal(130 * 3, streamed.Lines.Count);
            Assert.Equal(JsonSerializer.Serialize(whole.Tables), JsonSerializer.Serialize(streamed.Tables));
            Assert.NotEmpty(streamed.Tables);
            Assert.Equal(whole.KeyValues.Select(k => k.Key + "=" + k.Value), streamed.KeyValues.Select(k => k.Key + "=" + k.Value));
            Assert.Equal(whole.Warnings.Select(w => w.Code + " " + w.Message), streamed.Warnings.Select(w => w.Code + " " + w.Message));
            Assert.Contains(streamed.Warnings, w => w.Code == "UNSUPPORTED_DOCUMENT");
            Assert.Contains(streamed.Warnings, w => w.Code == ReaderWarningCodes.PartialSuccess);
            Assert.Equal(132, streamed.PageCount);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Blocks_before_or_after_the_other_members_read_the_same(bool blocksLast)
        {
            JsonObject answer = Reordered(Analysis(pages: 50), blocksLast);
            answer["Warnings"] = new JsonArray(new JsonObject { ["ErrorCode"] = "PAGE_SKIPPED", ["Pages"] = new JsonArray(3) });
            string path = Write("reordered.json", answer);

            TextractDocument document = AssertReadsAsWhole(path);

            Assert.Equal("PAGE_SKIPPED", Assert.Single(document.Warnings).Code);
            List<RawOutputPage> pieces = PiecesOf(path);
            // Block pieces (1,200 blocks make more than one), then the answer with its Blocks emptied (its other
            // members verbatim).
            Assert.True(pieces.Count >= 3, $"{pieces.Count} pieces");
            Assert.All(pieces.Take(pieces.Count - 1), p => Assert.True(IsBlockPiece(p)));
            Assert.Equal(BlocksOf(answer).Count, pieces.Sum(BlockCount));
            using JsonDocument rest = JsonDocument.Parse(pieces.Last().Json);
            Assert.Equal(0, rest.RootElement.GetProperty("Blocks").GetArrayLength());
            Assert.Equal("SUCCEEDED", rest.RootElement.GetProperty("JobStatus").GetString());
            Assert.Equal(50, rest.RootElement.GetProperty("DocumentMetadata").GetProperty("Pages").GetInt32());
            Assert.All(pieces, p => Assert.Equal(path, p.Source));
        }

        [Fact]
        public void An_array_of_answers_reads_the_same_and_names_its_answers()
        {
            JsonArray answers = AsAnswers(Analysis(pages: 60), blocksPerAnswer: 400);
            string path = Write("answers.json", answers);

            AssertReadsAsWhole(path);
            Assert.Equal(4, answers.Count);

            // An answer of the array is named as its item, as when the file is parsed whole.
            answers[2]!["JobStatus"] = "FAILED";
            answers[2]!["StatusMessage"] = "Unsupported document";
            string failed = Write("failed.json", answers);
            TextractOutputException error = AssertFailsAsWhole(failed);
            Assert.StartsWith($"{failed} [answer 3]: the Textract job FAILED: Unsupported document", error.Message);
        }

        [Fact]
        public void A_3000_block_answer_is_cut_into_pieces_of_at_most_1000_blocks()
        {
            JsonObject answer = Analysis(pages: 125);
            Assert.Equal(3000, BlocksOf(answer).Count);
            string path = Write("3000.json", answer);

            List<RawOutputPage> pieces = PiecesOf(path);

            List<RawOutputPage> blockPieces = pieces.Where(IsBlockPiece).ToList();
            Assert.True(blockPieces.Count >= 3, $"{blockPieces.Count} block pieces");
            Assert.All(blockPieces, p => Assert.InRange(BlockCount(p), 1, SavedOutputFile.BlocksPerPiece));
            Assert.Equal(3000, blockPieces.Sum(BlockCount));
            // The rest of the answer comes last, once.
            Assert.False(IsBlockPiece(pieces.Last()));
            Assert.Equal(blockPieces.Count + 1, pieces.Count);
            // A piece is closed at the block that takes it past PieceBytes: never more than one block beyond.
            int largestBlock = BlocksOf(answer).Max(b => Encoding.UTF8.GetByteCount(b!.ToJsonString(PlainEscapes)));
            Assert.All(blockPieces, p => Assert.True(p.Json.Length <= PieceBuffers.PieceBytes + largestBlock + 16, $"a piece of {p.Json.Length} bytes"));

            // Small blocks: 1,000 a piece, not more.
            var small = new JsonObject { ["Blocks"] = new JsonArray(Enumerable.Range(0, 3000).Select(i => (JsonNode)new JsonObject
            {
                ["BlockType"] = "WORD", ["Id"] = "w" + i, ["Text"] = "x",
            }).ToArray()) };
            List<RawOutputPage> smallPieces = PiecesOf(Write("3000-small.json", small));
            Assert.Equal(new[] { 1000, 1000, 1000 }, smallPieces.Select(BlockCount));
        }

        [Fact]
        public void A_file_of_blocks_alone_gives_block_pieces_only_and_an_empty_array_none()
        {
            var answer = new JsonObject { ["Blocks"] = BlocksOf(Analysis(pages: 60)).DeepClone() };
            string path = Write("blocks-only.json", answer);

            List<RawOutputPage> pieces = PiecesOf(path);
            Assert.True(pieces.Count >= 2, $"{pieces.Count} pieces");
            Assert.All(pieces, p => Assert.True(IsBlockPiece(p)));
            Assert.Equal(BlocksOf(answer).Count, pieces.Sum(BlockCount));
            AssertReadsAsWhole(path);

            string empty = Write("empty.json", " [ ] ");
            Assert.Empty(PiecesOf(empty));
            Assert.Contains("no Textract answer", Assert.Throws<TextractOutputException>(() => TextractDocumentReader.ReadFile(empty)).Message);
            Assert.Contains("no Textract answer", Assert.Throws<TextractOutputException>(() => TextractOutputReader.ReadPath(empty, false)).Message);
        }

        [Fact]
        public void Strings_escapes_comments_and_whitespace_do_not_mislead_the_cut()
        {
            var blocks = new List<Dictionary<string, object?>>
            {
                Page("p1", 1, "l1", "l2"),
                Line("l1", "He said \"}]{[\" and left", 1, "w1", "w2"), Word("w1", "\"}]{["), Word("w2", "{\"BlockType\":\"PAGE\"},{"),
                Line("l2", @"C:\path\ends\with\", 1, "w3"), Word("w3", @"\\server\share\"),
            };
            for (int i = 0; i < 30; i++) blocks.Add(Word("x" + i, i % 2 == 0 ? "[" + i + "}" : "\\\"" + i));
            string json = JsonSerializer.Serialize(Answer(blocks), PlainEscapes);
            Assert.Contains("\\\"}]{[\\\"", json);
            // Whitespace and comments (with quotes and brackets in them) wherever JSON allows them, and a key written
            // with an escape.
            json = json.Replace(",{\"BlockType\"", ",\n  /* a \"comment\" with } and ] */ {\"BlockType\"")
                .Replace("\"Blocks\":[", "\"Bl\\u006fcks\" :\t[ // [{\"line comment\n")
                .Replace(",\"JobStatus\"", "\r\n , \"JobStatus\"");
            string path = Write("escapes.json", "  \n" + json + " \n ");

            TextractDocument document = AssertReadsAsWhole(path);

            Assert.Equal(new[] { "He said \"}]{[\" and left", @"C:\path\ends\with\" }, document.Lines.Select(l => l.Text));
            Assert.Equal(new[] { "\"}]{[", "{\"BlockType\":\"PAGE\"},{" }, document.Lines[0].Words.Select(w => w.Text));
            Assert.Equal(blocks.Count, document.Blocks.Count);
            Assert.True(PiecesOf(path).Where(IsBlockPiece).Count() == 1, "the escaped Blocks key is the answer's Blocks");
        }

        [Fact]
        public void Escapes_quotes_and_comments_read_the_same_wherever_a_read_of_the_file_ends()
        {
            // Short blocks full of escapes, quotes and brackets, a comment now and then: shifted a byte at a time,
            // every kind of byte comes to lie at the end of the first read of the file, and at every place of the
            // scan's 64-byte blocks.
            var json = new StringBuilder("{\"Blocks\":[");
            for (int i = 0; json.Length < SavedOutputFile.ReadBufferBytes + 4096; i++)
            {
                if (i > 0) json.Append(i % 7 == 0 ? ",/* \"} */" : ",");
                json.Append($"{{\"BlockType\":\"WORD\",\"Id\":\"w{i:D6}\",\"Text\":\"q\\\"b\\\\}}{i}]{{\\\\\"}}");
            }
            json.Append("], \"DocumentMetadata\": {\"Pages\": 1}}");
            Assert.Contains("\"Text\":\"q\\\"b\\\\}0]{\\\\\"}", json.ToString());
            for (int shift = 0; shift < 80; shift++)
            {
                string path = Write("shifted.json", json.ToString().Insert("{\"Blocks\":[".Length, new string(' ', shift)));
                string whole = Snapshot(WholeBuffer(path));
                Assert.True(whole == Snapshot(TextractDocumentReader.ReadFile(path)), $"shifted by {shift}");
            }
        }

        [Fact]
        public void A_byte_order_mark_is_skipped_and_positions_count_after_it()
        {
            JsonObject answer = Analysis(pages: 50);
            string path = Write("bom.json", answer, bom: true);

            AssertReadsAsWhole(path);

            BlocksOf(answer)[1100]!.AsObject().Remove("Id");
            string noId = Write("bom-no-id.json", answer, bom: true);
            TextractOutputException error = AssertFailsAsWhole(noId);
            Assert.Contains("block 1101 ", error.Message);
            Assert.Equal((byte)'{', File.ReadAllBytes(noId)[error.BytePosition!.Value + 3]);
        }

        [Fact]
        public void An_expense_answer_is_one_piece_holding_it_whole()
        {
            string json = "{\"JobStatus\": \"SUCCEEDED\", \"DocumentMetadata\": {\"Pages\": 1}, \"ExpenseDocuments\": [{\"ExpenseIndex\": 1, " +
                          "\"SummaryFields\": [{\"Type\": {\"Text\": \"TOTAL\", \"Confidence\": 99.0}, \"ValueDetection\": {\"Text\": \"$1.00\", \"Confidence\": 98.0}, \"PageNumber\": 1}], " +
                          "\"LineItemGroups\": [], \"Blocks\": [{\"BlockType\": \"LINE\", \"Id\": \"l1\", \"Text\": \"TOTAL $1.00\", \"Page\": 1}]}]}";
            string path = Write("expense.json", "\n" + json + "\n", bom: true);

            RawOutputPage piece = Assert.Single(PiecesOf(path));

            Assert.Equal(json, Encoding.UTF8.GetString(piece.Json.Span));
            TextractOutput streamed = TextractOutputReader.ReadPath(path, false);
            TextractOutput whole = TextractOutputReader.Read(new[] { new RawOutputPage(path, File.ReadAllBytes(path)) }, null, new TextractDocumentOrigin(path));
            Assert.Equal(TextractOutputKind.Expense, streamed.Kind);
            Assert.Equal(ExpenseOutputShapesTests.Shape(whole.Expense!), ExpenseOutputShapesTests.Shape(streamed.Expense!));
            Assert.Equal(ExpenseOutputShapesTests.Shape(whole.Expense!), ExpenseOutputShapesTests.Shape(TextractExpenseReader.ReadFile(path)));
        }

        [Fact]
        public void Each_answer_of_an_expense_array_is_named_as_its_item()
        {
            string path = Write("expenses.json", "[{\"JobStatus\": \"SUCCEEDED\", \"ExpenseDocuments\": []}, {\"JobStatus\": \"SUCCEEDED\", \"Summary\": {}}]");

            Assert.Equal(2, PiecesOf(path).Count);
            var error = Assert.Throws<TextractOutputException>(() => TextractExpenseReader.ReadFile(path));
            Assert.StartsWith($"{path} [answer 2]: this answer holds a lending analysis summary", error.Message);
        }

        [Theory]
        [InlineData("truncated in a later piece")]
        [InlineData("truncated in a string")]
        [InlineData("garbage after the end")]
        [InlineData("a second value after the end")]
        [InlineData("a bad token in a later piece")]
        [InlineData("an extra brace in a later piece")]
        [InlineData("a square bracket closing an object")]
        [InlineData("a block without Id in a later piece")]
        [InlineData("a block without Id in the first piece, truncated at the end")]
        [InlineData("a bad value in a later piece")]
        [InlineData("a block id repeated across pieces")]
        public void A_damaged_file_fails_as_when_parsed_whole_with_file_positions(string damage)
        {
            JsonObject answer = Analysis(pages: 130);
            JsonArray blocks = BlocksOf(answer);
            string Json() => answer.ToJsonString(PlainEscapes);
            string json = Json();
            int page90 = json.IndexOf("\"Page\":90,", StringComparison.Ordinal);
            switch (damage)
            {
                case "truncated in a later piece": json = json.Substring(0, json.Length * 3 / 5); break;
                case "truncated in a string": json = json.Substring(0, json.IndexOf("Line 2 page 100", StringComparison.Ordinal) + 4); break;
                case "garbage after the end": json += " x"; break;
                case "a second value after the end": json += " {\"Blocks\": []}"; break;
                case "a bad token in a later piece": json = json.Remove(page90, 10).Insert(page90, "\"Page\":tru,"); break;
                case "an extra brace in a later piece": json = json.Insert(page90, "{"); break;
                case "a square bracket closing an object": json = json.Remove(page90, 10).Insert(page90, "\"Page\":90],"); break;
                case "a block without Id in a later piece":
                    blocks[1499]!.AsObject().Remove("Id");
                    json = Json();
                    break;
                case "a block without Id in the first piece, truncated at the end":
                    blocks[10]!.AsObject().Remove("Id");
                    json = Json();
                    json = json.Substring(0, json.Length - 100);
                    break;
                case "a bad value in a later piece": json = json.Remove(page90, 10).Insert(page90, "\"Page\":\"90\","); break;
                case "a block id repeated across pieces":
                    blocks[2500]!["Id"] = blocks[10]!["Id"]!.DeepClone();
                    json = Json();
                    break;
            }
            string path = Write("damaged.json", json);

            TextractOutputException error = AssertFailsAsWhole(path);

            Assert.StartsWith(path + ":", error.Message);
            Assert.NotNull(error.BytePosition);
            if (damage.Contains("without Id"))
            {
                // The position is the file's: the block's opening brace, numbered within the file.
                Assert.Contains(damage.Contains("later") ? "block 1500 " : "block 11 ", error.Message);
                Assert.Equal((byte)'{', File.ReadAllBytes(path)[error.BytePosition!.Value]);
            }
            if (damage == "a block id repeated across pieces")
            {
                Assert.Contains("already given to", error.Message);
                Assert.Contains("at byte " + error.BytePosition, error.Message);
                Assert.True(error.BytePosition > json.Length / 2, "the repeated block is in a later piece");
            }
        }

        [Theory]
        [InlineData("[{\"JobStatus\": \"SUCCEEDED\", \"Blocks\": []}, 42]", "item 2 of the array is a Number, not a Textract answer object (at byte ", false)]
        [InlineData("[\"text\"]", "item 1 of the array is a String, not a Textract answer object (at byte 1)", false)]
        [InlineData("[[]]", "item 1 of the array is a StartArray", false)]
        [InlineData("42", "the output is a JSON Number, not a Textract answer object or an array of them (at byte 0)", false)]
        [InlineData("", "the JSON is malformed or truncated at line 1", true)]
        [InlineData("[{\"JobStatus\": \"SUCCEEDED\", \"Blocks\": []},]", "the JSON is malformed or truncated", true)]
        [InlineData("{\"Blocks\": [{\"Id\": \"a\", \"BlockType\": \"WORD\"},]}", "the JSON is malformed or truncated", true)]
        [InlineData("{\"Hello\": \"world\"}", "this JSON object is not a Textract answer", true)]
        [InlineData("{\"Blocks\": [1]}", "expected a block (StartObject) but found Number", true)]
        [InlineData("{\"JobStatus\": \"IN_PROGRESS\", \"Blocks\": [{\"Id\": \"a\", \"BlockType\": \"WORD\"}]}", "still IN_PROGRESS", true)]
        public void Wrong_shapes_fail_as_when_parsed_whole(string json, string expected, bool readPathAsWhole)
        {
            string path = Write("shape.json", json);

            TextractOutputException error = AssertFailsAsWhole(path, readPathAsWhole: readPathAsWhole);

            Assert.StartsWith(path, error.Message);
            Assert.Contains(expected, error.Message);
        }

        [Fact]
        public void Lenient_reading_warns_once_per_file_for_repeated_and_missing_blocks()
        {
            JsonObject analysis = Analysis(pages: 60);
            // The job's output, with one word missing, saved twice in one array (every block repeated).
            BlocksOf(analysis).RemoveAt(5);
            JsonArray answers = AsAnswers(analysis, blocksPerAnswer: 2000);
            foreach (JsonNode? answer in AsAnswers(analysis, blocksPerAnswer: 2000)) answers.Add(answer!.DeepClone());
            string path = Write("twice.json", answers);
            var lenient = new DocumentReadOptions { Lenient = true };

            TextractDocument document = AssertReadsAsWhole(path, lenient);

            TextractDocumentWarning repeated = Assert.Single(document.Warnings, w => w.Code == ReaderWarningCodes.DuplicateBlockId);
            Assert.StartsWith($"{path}: {BlocksOf(analysis).Count} block(s) repeat ids", repeated.Message);
            Assert.Single(document.Warnings, w => w.Code == ReaderWarningCodes.MissingBlock);
            Assert.Equal(BlocksOf(analysis).Count, document.Blocks.Count);
        }

        public static IEnumerable<object[]> SampleResponses() =>
            SampleFiles.Folder == null
                ? new[] { new object[] { "(none)" } }
                : Directory.GetFiles(Path.Combine(SampleFiles.Folder, "responses"), "*.json").Select(p => new object[] { Path.GetFileName(p) });

        /// <summary>Whatever a read gives: the model's facts, or the error's message.</summary>
        private static string Outcome(Func<TextractOutput> read)
        {
            TextractOutput output;
            try
            {
                output = read();
            }
            catch (TextractOutputException e)
            {
                return "error: " + e.Message;
            }
            string model = output.Model switch
            {
                TextractDocument document => Snapshot(document),
                TextractExpenseOutput expense => string.Join("\n", ExpenseOutputShapesTests.Shape(expense)),
                TextractLendingOutput lending => string.Join("\n", LendingSampleTests.Shape(lending)),
                _ => JsonSerializer.Serialize(output.Model, output.Model.GetType()),
            };
            return $"{output.Kind} {output.PageCount} pages\n{string.Join("\n", output.Warnings.Select(w => w.Message))}\n{model}";
        }

        [SkippableTheory]
        [MemberData(nameof(SampleResponses))]
        public void Every_shared_sample_reads_the_same_streamed_or_whole(string name)
        {
            Skip.If(SampleFiles.Folder == null, SampleFiles.SkipReason);
            string path = SampleFiles.Response(name);
            var origin = new TextractDocumentOrigin(path);

            string whole = Outcome(() => TextractOutputReader.Read(new[] { new RawOutputPage(path, File.ReadAllBytes(path)) }, null, origin));

            Assert.Equal(whole, Outcome(() => TextractOutputReader.ReadPath(path, false)));
            if (whole.StartsWith(nameof(TextractOutputKind.Blocks), StringComparison.Ordinal))
            {
                // Small pieces, so that relationships cross from piece to piece and tables span pieces.
                foreach (int workers in new[] { 1, 2 })
                {
                    Assert.Equal(whole, Outcome(() => new TextractOutput(TextractOutputKind.Blocks, origin, InPieces(path, 7, workers))));
                }
            }
        }
    }
}
