using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;

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
        internal const int MaxPage = 100_000;
        private readonly BlockStore? _store;
        private readonly bool _lenient;
        private readonly PageBatch? _ownBatch;
        private readonly Utf8StringPool _blockTypes = new Utf8StringPool(BlockTypes.PoolSeed);
        private readonly Utf8StringPool _relationshipTypes = new Utf8StringPool(RelationshipTypes.PoolSeed);
        private readonly Utf8StringPool _vocabulary = new Utf8StringPool(EntityTypes.PoolSeed);
        private readonly Dictionary<string, string[]> _entityTypeSets = new Dictionary<string, string[]>(StringComparer.Ordinal);
        private readonly List<string> _entityTypeScratch = new List<string>();
        private PageBatch _batch = null!;
        // The tokenizer decodes strings through this array (kept from page to page).
        private byte[] _scratch = new byte[256];
        private string _source = string.Empty;
        // Where the page sits in a larger saved file when it is a piece of one (positions, block numbers, answer name).
        private PiecePlacement? _placement;

        /// <summary>A parser that only fills batches (<see cref="ParseInto"/>): one per thread.</summary>
        public OutputJsonParser()
        {
        }

        /// <summary>A parser that adds each page it parses to <paramref name="store"/> at once (one page after another).</summary>
        public OutputJsonParser(BlockStore store, bool lenient)
        {
            _store = store;
            _lenient = lenient;
            _ownBatch = new PageBatch();
        }

        /// <summary>Parses a page and adds it to the store given to the constructor.</summary>
        public void Parse(RawOutputPage page)
        {
            if (_store == null || _ownBatch == null) throw new InvalidOperationException("This parser has no block store to add pages to.");
            ParseInto(page, _store.Sources.Count, _ownBatch);
            _store.Append(_ownBatch, _lenient);
            _ownBatch.Reset();
        }

        /// <summary>
        /// Parses output page number <paramref name="ordinal"/> (0-based, for naming a page that has no source) into
        /// <paramref name="batch"/>. Never throws for bad input: the problem is kept in the batch (with the blocks
        /// read before it) and raised when the batch joins the document, so that errors come in page order.
        /// </summary>
        public void ParseInto(RawOutputPage page, int ordinal, PageBatch batch)
        {
            _source = JsonAnswers.SourceOf(page, ordinal);
            _placement = page.Placement;
            _batch = batch;
            batch.Start(_source, continuesPage: _placement?.ContinuesFile ?? false);
            try
            {
                ParseJson(page.Json.Span);
            }
            catch (Exception e)
            {
                batch.Fail(e);
            }
            finally
            {
                _batch = null!;
                _placement = null;
            }
        }

        private void ParseJson(ReadOnlySpan<byte> json)
        {
            json = JsonErrors.WithoutBom(json);
            var reader = new JsonTokenReader(json, _scratch);
            try
            {
                ReadDocument(ref reader);
                _scratch = reader.Scratch;
            }
            catch (JsonSyntaxException e)
            {
                throw _placement == null ? JsonErrors.Malformed(_source, json, e, e.Position) : _placement.Malformed(_source, e);
            }
            catch (Exception e) when (e is InvalidOperationException || e is FormatException)
            {
                // A value of the wrong kind where Textract's schema has a number or a string.
                long at = FilePosition(reader.TokenStartIndex);
                throw new TextractOutputException($"{_source}: unexpected value at byte {at}: {e.Message}", _source, e)
                {
                    BytePosition = at,
                };
            }
        }

        private void ReadDocument(ref JsonTokenReader reader)
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
                ReadAnswer(ref reader, _placement?.AnswerName ?? _source);
            }
            else
            {
                throw Error(ref reader, $"the output is a JSON {reader.TokenType}, not a Textract answer object or an array of them");
            }
            if (reader.Read()) throw Error(ref reader, "unexpected content after the end of the JSON value");
        }

        private void ReadAnswer(ref JsonTokenReader reader, string answerSource)
        {
            var answer = new AnswerInfo(answerSource);
            bool recognised = false;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("Blocks"u8))
                {
                    recognised = true;
                    if (Next(ref reader) == JsonTokenType.Null) continue;
                    Expect(ref reader, JsonTokenType.StartArray, "Blocks");
                    answer.HasBlocks = true;
                    ReadBlocks(ref reader);
                }
                else if (reader.ValueTextEquals("JobStatus"u8))
                {
                    recognised = true;
                    answer.JobStatus = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("StatusMessage"u8)) answer.StatusMessage = ReadString(ref reader);
                else if (reader.ValueTextEquals("Warnings"u8)) ReadWarnings(ref reader, answer);
                else if (reader.ValueTextEquals("DocumentMetadata"u8))
                {
                    recognised = true;
                    ReadDocumentMetadata(ref reader, answer);
                }
                else if (reader.ValueTextEquals("ExpenseDocuments"u8) || reader.ValueTextEquals("IdentityDocuments"u8)
                         || reader.ValueTextEquals("Results"u8) || reader.ValueTextEquals("Summary"u8))
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
            _batch.Answers.Add(answer);
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        private void ReadBlocks(ref JsonTokenReader reader)
        {
            while (Next(ref reader) != JsonTokenType.EndArray) ReadBlock(ref reader);
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        private void ReadBlock(ref JsonTokenReader reader)
        {
            Expect(ref reader, JsonTokenType.StartObject, "a block");
            long blockStart = FilePosition(reader.TokenStartIndex);
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
                RelationshipStart = _batch.RelationshipCount,
            };
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                switch (BlockMembers.Of(ref reader))
                {
                    case BlockMember.BlockType: block.BlockType = ReadPooled(ref reader, _blockTypes)!; break;
                    case BlockMember.Id: block.IdHandle = ReadId(ref reader); break;
                    case BlockMember.Page: block.Page = ReadInt(ref reader, 1); break;
                    case BlockMember.Confidence: block.Confidence = ReadFloat(ref reader); break;
                    case BlockMember.Text: block.Text = ReadString(ref reader); break;
                    case BlockMember.TextType: block.TextType = ReadPooled(ref reader, _vocabulary); break;
                    case BlockMember.RowIndex: block.RowIndex = ReadInt(ref reader, 0); break;
                    case BlockMember.ColumnIndex: block.ColumnIndex = ReadInt(ref reader, 0); break;
                    case BlockMember.RowSpan: block.RowSpan = ReadInt(ref reader, 0); break;
                    case BlockMember.ColumnSpan: block.ColumnSpan = ReadInt(ref reader, 0); break;
                    case BlockMember.SelectionStatus: block.SelectionStatus = ReadPooled(ref reader, _vocabulary); break;
                    case BlockMember.EntityTypes: block.EntityTypes = ReadEntityTypes(ref reader); break;
                    case BlockMember.Geometry: ReadGeometry(ref reader, ref block); break;
                    case BlockMember.Relationships: ReadRelationships(ref reader); break;
                    case BlockMember.Query: block.QueryIndex = ReadQuery(ref reader); break;
                    default: SkipValue(ref reader); break;
                }
            }

            // Numbered within the page (a saved file however it was cut): the message names the page (and the byte) already.
            int blockNumber = _batch.Count + 1 + (_placement?.BlocksBefore ?? 0);
            if (block.BlockType == null) throw Error(ref reader, $"block {blockNumber} (starting at byte {blockStart}) has no BlockType", blockStart);
            if (block.IdHandle < 0) throw Error(ref reader, $"{block.BlockType} block {blockNumber} (starting at byte {blockStart}) has no Id", blockStart);
            if (block.Page < 1 || block.Page > MaxPage)
            {
                throw Error(ref reader, $"{block.BlockType} block {_batch.Ids.IdOf(block.IdHandle)} has Page {block.Page}, outside 1..{MaxPage}", blockStart);
            }
            block.RelationshipCount = _batch.RelationshipCount - block.RelationshipStart;
            _batch.AddBlock(block, blockStart);
        }

        /// <summary>The handle of a block's Id; -1 for a null or empty one (reported as "no Id").</summary>
        [MethodImpl(Hot.AggressiveOptimization)]
        private int ReadId(ref JsonTokenReader reader)
        {
            if (Next(ref reader) == JsonTokenType.Null) return -1;
            Expect(ref reader, JsonTokenType.String, "a block id");
            if (reader.ValueSpan.Length == 0) return -1;
            return _batch.Ids.HandleFor(ref reader);
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        private void ReadRelationships(ref JsonTokenReader reader)
        {
            if (Next(ref reader) == JsonTokenType.Null) return;
            Expect(ref reader, JsonTokenType.StartArray, "Relationships");
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                Expect(ref reader, JsonTokenType.StartObject, "a relationship");
                string? type = null;
                int targetStart = _batch.TargetCount;
                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("Type"u8)) type = ReadPooled(ref reader, _relationshipTypes);
                    else if (reader.ValueTextEquals("Ids"u8))
                    {
                        if (Next(ref reader) == JsonTokenType.Null) continue;
                        Expect(ref reader, JsonTokenType.StartArray, "Ids");
                        while (Next(ref reader) != JsonTokenType.EndArray)
                        {
                            Expect(ref reader, JsonTokenType.String, "a block id");
                            _batch.AddTarget(_batch.Ids.HandleFor(ref reader));
                        }
                    }
                    else SkipValue(ref reader);
                }
                _batch.AddRelationship(type ?? string.Empty, targetStart, _batch.TargetCount - targetStart);
            }
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        private void ReadGeometry(ref JsonTokenReader reader, ref BlockRecord block)
        {
            if (Next(ref reader) == JsonTokenType.Null) return;
            Expect(ref reader, JsonTokenType.StartObject, "Geometry");
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("BoundingBox"u8))
                {
                    SkipValue(ref reader); // Polygon and RotationAngle: not kept
                    continue;
                }
                if (Next(ref reader) == JsonTokenType.Null) continue;
                Expect(ref reader, JsonTokenType.StartObject, "BoundingBox");
                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("Left"u8)) block.Left = ReadFloat(ref reader);
                    else if (reader.ValueTextEquals("Top"u8)) block.Top = ReadFloat(ref reader);
                    else if (reader.ValueTextEquals("Width"u8)) block.Width = ReadFloat(ref reader);
                    else if (reader.ValueTextEquals("Height"u8)) block.Height = ReadFloat(ref reader);
                    else SkipValue(ref reader);
                }
            }
        }

        private int ReadQuery(ref JsonTokenReader reader)
        {
            if (Next(ref reader) == JsonTokenType.Null) return -1;
            Expect(ref reader, JsonTokenType.StartObject, "Query");
            string? text = null, alias = null;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("Text"u8)) text = ReadString(ref reader);
                else if (reader.ValueTextEquals("Alias"u8)) alias = ReadString(ref reader);
                else SkipValue(ref reader);
            }
            _batch.Queries.Add(new QueryRecord(text ?? string.Empty, string.IsNullOrEmpty(alias) ? null : alias));
            return _batch.Queries.Count - 1;
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        private string[]? ReadEntityTypes(ref JsonTokenReader reader)
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

        private void ReadWarnings(ref JsonTokenReader reader, AnswerInfo answer)
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
                    if (reader.ValueTextEquals("ErrorCode"u8)) code = ReadString(ref reader);
                    else if (reader.ValueTextEquals("Pages"u8))
                    {
                        if (Next(ref reader) == JsonTokenType.Null) continue;
                        Expect(ref reader, JsonTokenType.StartArray, "Pages");
                        while (Next(ref reader) != JsonTokenType.EndArray) pages.Add(reader.GetInt32());
                    }
                    else SkipValue(ref reader);
                }
                answer.AddTextractWarning(code, pages);
            }
        }

        private void ReadDocumentMetadata(ref JsonTokenReader reader, AnswerInfo answer)
        {
            if (Next(ref reader) == JsonTokenType.Null) return;
            Expect(ref reader, JsonTokenType.StartObject, "DocumentMetadata");
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("Pages"u8))
                {
                    int pages = ReadInt(ref reader, -1);
                    if (pages >= 0) answer.PageCount = pages;
                }
                else SkipValue(ref reader);
            }
        }

        // ---- token helpers: each reads the value after a property name; JSON null reads as "absent" ----

        [MethodImpl(Hot.AggressiveOptimization)]
        private static JsonTokenType Next(ref JsonTokenReader reader)
        {
            // With the whole document in one buffer, running out of tokens means the JSON was cut short.
            // The reader returns false only after the document's last value: anything expected beyond it is missing.
            if (!reader.Read()) throw new JsonSyntaxException("the JSON ends before its last object or array is closed", reader.BytesConsumed);
            return reader.TokenType;
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        private static void SkipValue(ref JsonTokenReader reader)
        {
            Next(ref reader);
            reader.Skip();
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        private static string? ReadString(ref JsonTokenReader reader) =>
            Next(ref reader) == JsonTokenType.Null ? null : reader.GetString();

        [MethodImpl(Hot.AggressiveOptimization)]
        private static string? ReadPooled(ref JsonTokenReader reader, Utf8StringPool pool) =>
            Next(ref reader) == JsonTokenType.Null ? null : pool.Intern(ref reader);

        [MethodImpl(Hot.AggressiveOptimization)]
        private static int ReadInt(ref JsonTokenReader reader, int whenNull) =>
            Next(ref reader) == JsonTokenType.Null ? whenNull : reader.GetInt32();

        [MethodImpl(Hot.AggressiveOptimization)]
        private static float ReadFloat(ref JsonTokenReader reader) =>
            Next(ref reader) == JsonTokenType.Null ? float.NaN : reader.GetSingle();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Expect(ref JsonTokenReader reader, JsonTokenType expected, string what)
        {
            if (reader.TokenType != expected) throw Unexpected(ref reader, expected, what);
        }

        // Apart from Expect so that the check stays small enough to inline.
        private TextractOutputException Unexpected(ref JsonTokenReader reader, JsonTokenType expected, string what) =>
            Error(ref reader, $"expected {what} ({expected}) but found {reader.TokenType}");

        /// <param name="filePosition">Where the problem is, already as a position of the file; else the current token's.</param>
        private TextractOutputException Error(ref JsonTokenReader reader, string problem, long? filePosition = null)
        {
            long at = filePosition ?? FilePosition(reader.TokenStartIndex);
            return new TextractOutputException($"{_source}: {problem} (at byte {at}).", _source) { BytePosition = at };
        }

        /// <summary>A position in the page's JSON as the position users can find: in the saved file the page was cut from.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private long FilePosition(long position) => _placement == null ? position : _placement.ToFile(position);
    }
}
