using System;
using System.Collections.Generic;
using System.Text.Json;
using TextractTools.Engine.Output;

namespace TextractTools.Engine.Document.Parsing
{
    /// <summary>
    /// Reads one output page (a Get*/Analyze* answer, a numbered S3 object with explicit nulls, or a saved array of
    /// answers) straight from its UTF-8 bytes into the <see cref="BlockStore"/>. No JSON tree is built: output of
    /// hundreds of MB streams through with only the compact records kept.
    /// </summary>
    internal sealed class OutputJsonParser
    {
        // Textract stops at 3,000 pages; a far larger number is damage, and would size per-page arrays absurdly.
        private const int MaxPage = 100_000;
        private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };
        private readonly BlockStore _store;
        private readonly bool _lenient;
        private readonly Utf8StringPool _blockTypes = new Utf8StringPool(BlockTypes.PoolSeed);
        private readonly Utf8StringPool _relationshipTypes = new Utf8StringPool(RelationshipTypes.PoolSeed);
        private readonly Utf8StringPool _vocabulary = new Utf8StringPool(EntityTypes.PoolSeed);
        private readonly Dictionary<string, string[]> _entityTypeSets = new Dictionary<string, string[]>(StringComparer.Ordinal);
        private readonly List<string> _entityTypeScratch = new List<string>();
        private string _source = string.Empty;
        private int _sourceIndex;
        private int _duplicatesInPage;
        private string? _firstDuplicate;

        public OutputJsonParser(BlockStore store, bool lenient)
        {
            _store = store;
            _lenient = lenient;
        }

        public void Parse(RawOutputPage page)
        {
            _source = string.IsNullOrEmpty(page.Source) ? $"output page {_store.Sources.Count + 1}" : page.Source;
            _sourceIndex = _store.Sources.Count;
            _store.Sources.Add(_source);

            ReadOnlySpan<byte> json = page.Json.Span;
            // Windows PowerShell 5.1 writes UTF-8 files with a BOM, which the reader would reject.
            if (json.StartsWith(Utf8Bom)) json = json.Slice(Utf8Bom.Length);
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 128 });
            _duplicatesInPage = 0;
            _firstDuplicate = null;
            try
            {
                ReadDocument(ref reader);
                ReportDuplicates();
            }
            catch (JsonException e)
            {
                long line = (e.LineNumber ?? 0) + 1;
                long inLine = (e.BytePositionInLine ?? 0) + 1;
                throw new TextractOutputException(
                    $"{_source}: the JSON is malformed or truncated at line {line}, byte {inLine} of the line " +
                    $"(byte {reader.BytesConsumed} of {json.Length}): {StripPosition(e.Message)}", _source, e)
                {
                    LineNumber = line,
                    BytePosition = reader.BytesConsumed,
                };
            }
            catch (Exception e) when (e is InvalidOperationException || e is FormatException)
            {
                // A value of the wrong kind where Textract's schema has a number or a string.
                throw new TextractOutputException(
                    $"{_source}: unexpected value at byte {reader.TokenStartIndex}: {e.Message}", _source, e)
                {
                    BytePosition = reader.TokenStartIndex,
                };
            }
        }

        private void ReadDocument(ref Utf8JsonReader reader)
        {
            if (!reader.Read()) throw Error(ref reader, "the output is empty");
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                // A saved file may hold every Get* answer of a job in one array.
                int answers = 0;
                while (Next(ref reader) != JsonTokenType.EndArray)
                {
                    answers++;
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw Error(ref reader, $"item {answers} of the array is a {reader.TokenType}, not a Textract answer object");
                    }
                    ReadAnswer(ref reader, $"{_source} [answer {answers}]");
                }
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                ReadAnswer(ref reader, _source);
            }
            else
            {
                throw Error(ref reader, $"the output is a JSON {reader.TokenType}, not a Textract answer object or an array of them");
            }
            if (reader.Read()) throw Error(ref reader, "unexpected content after the end of the JSON value");
        }

        private void ReadAnswer(ref Utf8JsonReader reader, string answerSource)
        {
            var answer = new AnswerInfo(answerSource);
            bool recognised = false;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("Blocks"))
                {
                    recognised = true;
                    if (Next(ref reader) == JsonTokenType.Null) continue;
                    Expect(ref reader, JsonTokenType.StartArray, "Blocks");
                    answer.HasBlocks = true;
                    while (Next(ref reader) != JsonTokenType.EndArray) ReadBlock(ref reader);
                }
                else if (reader.ValueTextEquals("JobStatus"))
                {
                    recognised = true;
                    answer.JobStatus = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("StatusMessage")) answer.StatusMessage = ReadString(ref reader);
                else if (reader.ValueTextEquals("Warnings")) ReadWarnings(ref reader, answer);
                else if (reader.ValueTextEquals("DocumentMetadata"))
                {
                    recognised = true;
                    ReadDocumentMetadata(ref reader, answer);
                }
                else if (reader.ValueTextEquals("ExpenseDocuments") || reader.ValueTextEquals("IdentityDocuments")
                         || reader.ValueTextEquals("Results"))
                {
                    string member = reader.GetString()!;
                    if (Next(ref reader) != JsonTokenType.Null) answer.OtherResultMember = member;
                    reader.Skip();
                }
                else
                {
                    string name = reader.GetString() ?? string.Empty;
                    if (name.EndsWith("ModelVersion", StringComparison.Ordinal)) answer.ModelVersion = ReadString(ref reader);
                    else SkipValue(ref reader);
                }
            }
            if (!recognised && answer.OtherResultMember == null)
            {
                throw Error(ref reader, "this JSON object is not a Textract answer (it has no Blocks, JobStatus or DocumentMetadata)");
            }
            _store.Answers.Add(answer);
        }

        private void ReadBlock(ref Utf8JsonReader reader)
        {
            Expect(ref reader, JsonTokenType.StartObject, "a block");
            long blockStart = reader.TokenStartIndex;
            var block = new BlockRecord
            {
                IdHandle = -1,
                Page = 1, // synchronous Analyze*/Detect* answers give no Page: they are one page
                Confidence = float.NaN,
                QueryIndex = -1,
                Left = float.NaN,
                Top = float.NaN,
                Width = float.NaN,
                Height = float.NaN,
                RelationshipStart = _store.RelationshipCount,
                SourceIndex = _sourceIndex,
            };
            string? id = null;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("BlockType")) block.BlockType = ReadPooled(ref reader, _blockTypes)!;
                else if (reader.ValueTextEquals("Id")) id = ReadString(ref reader);
                else if (reader.ValueTextEquals("Page")) block.Page = ReadInt(ref reader, 1);
                else if (reader.ValueTextEquals("Confidence")) block.Confidence = ReadFloat(ref reader);
                else if (reader.ValueTextEquals("Text")) block.Text = ReadString(ref reader);
                else if (reader.ValueTextEquals("TextType")) block.TextType = ReadPooled(ref reader, _vocabulary);
                else if (reader.ValueTextEquals("RowIndex")) block.RowIndex = ReadInt(ref reader, 0);
                else if (reader.ValueTextEquals("ColumnIndex")) block.ColumnIndex = ReadInt(ref reader, 0);
                else if (reader.ValueTextEquals("RowSpan")) block.RowSpan = ReadInt(ref reader, 0);
                else if (reader.ValueTextEquals("ColumnSpan")) block.ColumnSpan = ReadInt(ref reader, 0);
                else if (reader.ValueTextEquals("SelectionStatus")) block.SelectionStatus = ReadPooled(ref reader, _vocabulary);
                else if (reader.ValueTextEquals("EntityTypes")) block.EntityTypes = ReadEntityTypes(ref reader);
                else if (reader.ValueTextEquals("Geometry")) ReadGeometry(ref reader, ref block);
                else if (reader.ValueTextEquals("Relationships")) ReadRelationships(ref reader);
                else if (reader.ValueTextEquals("Query")) block.QueryIndex = ReadQuery(ref reader);
                else SkipValue(ref reader);
            }

            int blockNumber = _store.Count + 1;
            if (block.BlockType == null) throw Error(ref reader, $"block {blockNumber} (starting at byte {blockStart}) has no BlockType", blockStart);
            if (string.IsNullOrEmpty(id)) throw Error(ref reader, $"{block.BlockType} block {blockNumber} (starting at byte {blockStart}) has no Id", blockStart);
            if (block.Page < 1 || block.Page > MaxPage)
            {
                throw Error(ref reader, $"{block.BlockType} block {id} has Page {block.Page}, outside 1..{MaxPage}", blockStart);
            }
            block.IdHandle = _store.Ids.HandleFor(id!);
            block.RelationshipCount = _store.RelationshipCount - block.RelationshipStart;
            int index = _store.AddBlock(block);
            if (!_store.Ids.TryDefine(block.IdHandle, index)) OnDuplicateId(ref reader, id!, blockStart);
        }

        private void OnDuplicateId(ref Utf8JsonReader reader, string id, long blockStart)
        {
            int first = _store.Ids.BlockOf(_store.Ids.HandleFor(id));
            string firstSource = _store.Sources[_store[first].SourceIndex];
            string message = $"block id {id} (at byte {blockStart}) was already given to a {_store[first].BlockType} block in {firstSource}" +
                             " (the same output page read twice?)";
            if (!_lenient) throw Error(ref reader, message, blockStart);
            _store.RemoveLast();
            // A page read twice repeats every block: one warning per output page, naming the first, is enough.
            _duplicatesInPage++;
            _firstDuplicate ??= message;
        }

        private void ReportDuplicates()
        {
            if (_duplicatesInPage == 0) return;
            _store.Warnings.Add(new TextractDocumentWarning(ReaderWarningCodes.DuplicateBlockId,
                $"{_source}: {_duplicatesInPage} block(s) repeat ids already read and were dropped; the first: {_firstDuplicate}", null, _source));
        }

        private void ReadRelationships(ref Utf8JsonReader reader)
        {
            if (Next(ref reader) == JsonTokenType.Null) return;
            Expect(ref reader, JsonTokenType.StartArray, "Relationships");
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                Expect(ref reader, JsonTokenType.StartObject, "a relationship");
                string? type = null;
                int targetStart = _store.TargetCount;
                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("Type")) type = ReadPooled(ref reader, _relationshipTypes);
                    else if (reader.ValueTextEquals("Ids"))
                    {
                        if (Next(ref reader) == JsonTokenType.Null) continue;
                        Expect(ref reader, JsonTokenType.StartArray, "Ids");
                        while (Next(ref reader) != JsonTokenType.EndArray)
                        {
                            Expect(ref reader, JsonTokenType.String, "a block id");
                            _store.AddTarget(_store.Ids.HandleFor(reader.GetString()!));
                        }
                    }
                    else SkipValue(ref reader);
                }
                _store.AddRelationship(type ?? string.Empty, targetStart, _store.TargetCount - targetStart);
            }
        }

        private void ReadGeometry(ref Utf8JsonReader reader, ref BlockRecord block)
        {
            if (Next(ref reader) == JsonTokenType.Null) return;
            Expect(ref reader, JsonTokenType.StartObject, "Geometry");
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("BoundingBox"))
                {
                    SkipValue(ref reader); // Polygon and RotationAngle: not kept
                    continue;
                }
                if (Next(ref reader) == JsonTokenType.Null) continue;
                Expect(ref reader, JsonTokenType.StartObject, "BoundingBox");
                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("Left")) block.Left = ReadFloat(ref reader);
                    else if (reader.ValueTextEquals("Top")) block.Top = ReadFloat(ref reader);
                    else if (reader.ValueTextEquals("Width")) block.Width = ReadFloat(ref reader);
                    else if (reader.ValueTextEquals("Height")) block.Height = ReadFloat(ref reader);
                    else SkipValue(ref reader);
                }
            }
        }

        private int ReadQuery(ref Utf8JsonReader reader)
        {
            if (Next(ref reader) == JsonTokenType.Null) return -1;
            Expect(ref reader, JsonTokenType.StartObject, "Query");
            string? text = null, alias = null;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("Text")) text = ReadString(ref reader);
                else if (reader.ValueTextEquals("Alias")) alias = ReadString(ref reader);
                else SkipValue(ref reader);
            }
            _store.Queries.Add(new QueryRecord(text ?? string.Empty, string.IsNullOrEmpty(alias) ? null : alias));
            return _store.Queries.Count - 1;
        }

        private string[]? ReadEntityTypes(ref Utf8JsonReader reader)
        {
            if (Next(ref reader) == JsonTokenType.Null) return null;
            Expect(ref reader, JsonTokenType.StartArray, "EntityTypes");
            _entityTypeScratch.Clear();
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                Expect(ref reader, JsonTokenType.String, "an entity type");
                _entityTypeScratch.Add(_vocabulary.Intern(ref reader));
            }
            if (_entityTypeScratch.Count == 0) return null;
            // Few distinct combinations exist; blocks share one array per combination.
            string key = string.Join(",", _entityTypeScratch);
            if (!_entityTypeSets.TryGetValue(key, out string[]? set))
            {
                set = _entityTypeScratch.ToArray();
                _entityTypeSets.Add(key, set);
            }
            return set;
        }

        private void ReadWarnings(ref Utf8JsonReader reader, AnswerInfo answer)
        {
            if (Next(ref reader) == JsonTokenType.Null) return;
            Expect(ref reader, JsonTokenType.StartArray, "Warnings");
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                Expect(ref reader, JsonTokenType.StartObject, "a warning");
                string? code = null;
                var pages = new List<int>();
                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("ErrorCode")) code = ReadString(ref reader);
                    else if (reader.ValueTextEquals("Pages"))
                    {
                        if (Next(ref reader) == JsonTokenType.Null) continue;
                        Expect(ref reader, JsonTokenType.StartArray, "Pages");
                        while (Next(ref reader) != JsonTokenType.EndArray) pages.Add(reader.GetInt32());
                    }
                    else SkipValue(ref reader);
                }
                code ??= "UnknownWarning";
                string where = pages.Count == 0 ? string.Empty : $" on page(s) {string.Join(", ", pages)}";
                answer.Warnings.Add(new TextractDocumentWarning(code, $"Textract reported {code}{where}", pages, answer.Source));
            }
        }

        private void ReadDocumentMetadata(ref Utf8JsonReader reader, AnswerInfo answer)
        {
            if (Next(ref reader) == JsonTokenType.Null) return;
            Expect(ref reader, JsonTokenType.StartObject, "DocumentMetadata");
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("Pages"))
                {
                    int pages = ReadInt(ref reader, -1);
                    if (pages >= 0) answer.PageCount = pages;
                }
                else SkipValue(ref reader);
            }
        }

        // ---- token helpers: each reads the value after a property name; JSON null reads as "absent" ----

        private static JsonTokenType Next(ref Utf8JsonReader reader)
        {
            // With the whole document in one buffer, running out of tokens means the JSON was cut short.
            if (!reader.Read()) throw new JsonException("The JSON ends before its last object or array is closed.", null, null, reader.BytesConsumed);
            return reader.TokenType;
        }

        private static void SkipValue(ref Utf8JsonReader reader)
        {
            Next(ref reader);
            reader.Skip();
        }

        private static string? ReadString(ref Utf8JsonReader reader) =>
            Next(ref reader) == JsonTokenType.Null ? null : reader.GetString();

        private static string? ReadPooled(ref Utf8JsonReader reader, Utf8StringPool pool) =>
            Next(ref reader) == JsonTokenType.Null ? null : pool.Intern(ref reader);

        private static int ReadInt(ref Utf8JsonReader reader, int whenNull) =>
            Next(ref reader) == JsonTokenType.Null ? whenNull : reader.GetInt32();

        private static float ReadFloat(ref Utf8JsonReader reader) =>
            Next(ref reader) == JsonTokenType.Null ? float.NaN : reader.GetSingle();

        private void Expect(ref Utf8JsonReader reader, JsonTokenType expected, string what)
        {
            if (reader.TokenType != expected)
            {
                throw Error(ref reader, $"expected {what} ({expected}) but found {reader.TokenType}");
            }
        }

        private TextractOutputException Error(ref Utf8JsonReader reader, string problem, long? position = null)
        {
            long at = position ?? reader.TokenStartIndex;
            return new TextractOutputException($"{_source}: {problem} (at byte {at}).", _source) { BytePosition = at };
        }

        /// <summary>System.Text.Json appends a 0-based position to its messages; ours gives a 1-based one instead.</summary>
        private static string StripPosition(string message)
        {
            int at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return at > 0 ? message.Substring(0, at).TrimEnd() : message;
        }
    }
}
