using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TextractTools.Bench
{
    /// <summary>
    /// Makes a large document-analysis output by replicating real Textract pages: page p of the output is template
    /// page (p - 1) mod T, every block with a fresh Id (relationship Ids rewritten to match) and Page = p. Written twice,
    /// from the same serialized blocks:
    ///   DIR/output/1..n      as Textract writes a job's output to S3 (Get*-style objects of at most 1,000 blocks,
    ///                        every absent block member an explicit null, plus a zero-byte .s3_access_check);
    ///   DIR/merged.json      one response object (AnalyzeDocumentModelVersion, Blocks, DocumentMetadata, JobStatus,
    ///                        ...) holding every block, for parsers that read a single response;
    ///   DIR/manifest.json    what was made (pages, blocks, bytes, templates), so the runner can reuse it.
    /// </summary>
    internal static class OutputGenerator
    {
        public const int GeneratorVersion = 1;
        public const int MaxBlocksPerObject = 1000;
        public const string ModelVersion = "1.0";

        /// <summary>Real responses (FORMS + TABLES analysis) whose pages are replicated, in this order.</summary>
        public static readonly string[] DefaultTemplates =
        {
            "textractor-multipage-doc.pdf.analysis-forms-tables.json", // 2 pages: lines, forms, checkboxes, 2 tables
            "forms-and-table.json", // 1 page: 14 fields, a 4x5 table with a title
            "table-merged-cells.json", // 1 page: a 6x5 table with merged cells, KEY/VALUE blocks
            "multi-page-forms.json", // 2 pages: key-values with checkboxes, merged cells with large spans
        };

        /// <summary>Block members in the order (alphabetical) and set Textract writes them to S3.</summary>
        private static readonly string[] BlockMembers =
        {
            "BlockType", "ColumnIndex", "ColumnSpan", "Confidence", "EntityTypes", "Geometry", "Hint", "Id", "Page", "Query",
            "Relationships", "RowIndex", "RowSpan", "SelectionStatus", "Text", "TextType",
        };

        public static void Run(int pages, string outputFolder, string? samplesFolder, IReadOnlyList<string>? templateNames)
        {
            if (pages < 1) throw new ArgumentException("--pages must be at least 1.");
            var clock = Stopwatch.StartNew();
            List<TemplatePage> templates = LoadTemplates(samplesFolder, templateNames, out List<string> templateSources);
            Console.Error.WriteLine($"generate: {templates.Count} template page(s) from {string.Join(", ", templateSources)}");

            string objectsFolder = Path.Combine(outputFolder, "output");
            if (Directory.Exists(objectsFolder)) Directory.Delete(objectsFolder, recursive: true);
            Directory.CreateDirectory(objectsFolder);
            File.WriteAllBytes(Path.Combine(objectsFolder, ".s3_access_check"), Array.Empty<byte>());
            string mergedPath = Path.Combine(outputFolder, "merged.json");
            string manifestPath = Path.Combine(outputFolder, "manifest.json");
            if (File.Exists(manifestPath)) File.Delete(manifestPath);

            var random = new Random(20240627);
            var blockTypes = new SortedDictionary<string, long>(StringComparer.Ordinal);
            var blockBuffer = new ArrayBufferWriter<byte>(64 * 1024);
            var writerOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
            long blocks = 0;
            int objects = 0;
            long folderBytes = 0;

            using (var merged = new ResponseWriter(mergedPath, writerOptions))
            {
                ResponseWriter? current = null;
                int inCurrent = 0;
                var ids = new Dictionary<string, string>(StringComparer.Ordinal);
                for (int page = 1; page <= pages; page++)
                {
                    TemplatePage template = templates[(page - 1) % templates.Count];
                    ids.Clear();
                    foreach (JsonElement block in template.Blocks) ids[block.GetProperty("Id").GetString()!] = NewId(random);

                    foreach (JsonElement block in template.Blocks)
                    {
                        blockBuffer.Clear();
                        using (var blockWriter = new Utf8JsonWriter(blockBuffer, writerOptions))
                        {
                            WriteBlock(blockWriter, block, page, ids, template.Source);
                        }
                        if (current == null || inCurrent == MaxBlocksPerObject)
                        {
                            if (current != null) folderBytes += current.Finish(pages);
                            objects++;
                            current = new ResponseWriter(Path.Combine(objectsFolder, objects.ToString(System.Globalization.CultureInfo.InvariantCulture)), writerOptions);
                            inCurrent = 0;
                        }
                        current.AddBlock(blockBuffer.WrittenSpan);
                        merged.AddBlock(blockBuffer.WrittenSpan);
                        inCurrent++;
                        blocks++;
                        string type = block.GetProperty("BlockType").GetString()!;
                        blockTypes[type] = blockTypes.TryGetValue(type, out long n) ? n + 1 : 1;
                    }
                }
                if (current != null) folderBytes += current.Finish(pages);
                long mergedBytes = merged.Finish(pages);

                var manifest = new
                {
                    generatorVersion = GeneratorVersion,
                    pages,
                    objects,
                    blocks,
                    folderBytes,
                    mergedBytes,
                    templatePages = templates.Count,
                    templates = templateSources,
                    blockTypes,
                    seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
                };
                File.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }));
                Console.Error.WriteLine($"generate: {pages} pages, {blocks} blocks, {objects} objects ({folderBytes / 1048576.0:0.0} MB), " +
                                        $"merged.json {mergedBytes / 1048576.0:0.0} MB, {clock.Elapsed.TotalSeconds:0.0} s");
            }
        }

        private static void WriteBlock(Utf8JsonWriter writer, JsonElement block, int page, Dictionary<string, string> ids, string source)
        {
            writer.WriteStartObject();
            foreach (string member in BlockMembers)
            {
                writer.WritePropertyName(member);
                switch (member)
                {
                    case "Id":
                        writer.WriteStringValue(ids[block.GetProperty("Id").GetString()!]);
                        continue;
                    case "Page":
                        writer.WriteNumberValue(page);
                        continue;
                }
                if (!block.TryGetProperty(member, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
                {
                    writer.WriteNullValue();
                }
                else if (member == "Relationships")
                {
                    writer.WriteStartArray();
                    foreach (JsonElement relationship in value.EnumerateArray())
                    {
                        writer.WriteStartObject();
                        writer.WritePropertyName("Ids");
                        writer.WriteStartArray();
                        foreach (JsonElement id in relationship.GetProperty("Ids").EnumerateArray())
                        {
                            string old = id.GetString()!;
                            if (!ids.TryGetValue(old, out string? fresh))
                            {
                                throw new InvalidDataException($"{source}: a relationship points to {old}, which is not on the same page.");
                            }
                            writer.WriteStringValue(fresh);
                        }
                        writer.WriteEndArray();
                        writer.WriteString("Type", relationship.GetProperty("Type").GetString());
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                }
                else
                {
                    value.WriteTo(writer); // numbers keep Textract's own digits
                }
            }
            writer.WriteEndObject();
        }

        private static string NewId(Random random)
        {
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4, as Textract's ids are
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes).ToString("D");
        }

        // ---- templates ----

        private sealed class TemplatePage
        {
            public TemplatePage(string source, List<JsonElement> blocks)
            {
                Source = source;
                Blocks = blocks;
            }

            public string Source { get; }
            public List<JsonElement> Blocks { get; }
        }

        private static List<TemplatePage> LoadTemplates(string? samplesFolder, IReadOnlyList<string>? templateNames, out List<string> sources)
        {
            sources = new List<string>();
            var pages = new List<TemplatePage>();
            string responses = samplesFolder == null ? string.Empty : Path.Combine(samplesFolder, "responses");
            if (samplesFolder != null && Directory.Exists(responses))
            {
                foreach (string name in templateNames ?? DefaultTemplates)
                {
                    string path = Path.Combine(responses, name);
                    if (!File.Exists(path)) throw new FileNotFoundException($"Template {path} does not exist.", path);
                    pages.AddRange(SplitPages(File.ReadAllBytes(path), name));
                    sources.Add(name);
                }
                return pages;
            }
#if PROJECT_SAMPLE
            string json = TextractTools.LocalEndpoint.Samples.ProjectSample.CreateAnalysisJson();
            pages.AddRange(SplitPages(Encoding.UTF8.GetBytes(json), "ProjectSample.CreateAnalysisJson()"));
            sources.Add("ProjectSample.CreateAnalysisJson() (the samples folder was absent)");
            return pages;
#else
            throw new DirectoryNotFoundException(
                $"The samples folder {(samplesFolder ?? "(none given)")} has no responses/ folder; build with -p:UseProjectSample=true " +
                "(run.ps1 does so by itself) to replicate the project's own sample instead.");
#endif
        }

        /// <summary>The blocks of a response (or an array of responses) grouped by page, in Textract's order.</summary>
        private static IEnumerable<TemplatePage> SplitPages(byte[] json, string source)
        {
            // The JsonDocument is never disposed: its elements are used for the whole run.
            JsonElement root = JsonDocument.Parse(json).RootElement;
            IEnumerable<JsonElement> answers = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray() : new[] { root };
            var byPage = new SortedDictionary<int, List<JsonElement>>();
            foreach (JsonElement answer in answers)
            {
                if (!answer.TryGetProperty("Blocks", out JsonElement blocks) || blocks.ValueKind != JsonValueKind.Array) continue;
                foreach (JsonElement block in blocks.EnumerateArray())
                {
                    int page = block.TryGetProperty("Page", out JsonElement p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : 1;
                    if (!byPage.TryGetValue(page, out List<JsonElement>? list)) byPage[page] = list = new List<JsonElement>();
                    list.Add(block);
                }
            }
            if (byPage.Count == 0) throw new InvalidDataException($"{source} holds no blocks.");
            return byPage.Select(kv => new TemplatePage($"{source} page {kv.Key}", kv.Value)).ToList();
        }

        // ---- output ----

        /// <summary>One response object being written: its blocks stream in, the job members follow them.</summary>
        private sealed class ResponseWriter : IDisposable
        {
            private readonly FileStream _stream;
            private readonly Utf8JsonWriter _writer;
            private int _pending;
            private bool _disposed;

            public ResponseWriter(string path, JsonWriterOptions options)
            {
                _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                _writer = new Utf8JsonWriter(_stream, options);
                _writer.WriteStartObject();
                _writer.WriteString("AnalyzeDocumentModelVersion", ModelVersion);
                _writer.WritePropertyName("Blocks");
                _writer.WriteStartArray();
            }

            public void AddBlock(ReadOnlySpan<byte> block)
            {
                _writer.WriteRawValue(block, skipInputValidation: true);
                if (++_pending == 200)
                {
                    _writer.Flush();
                    _pending = 0;
                }
            }

            /// <summary>Closes the object and the file; returns the file's size.</summary>
            public long Finish(int pageCount)
            {
                _writer.WriteEndArray();
                _writer.WritePropertyName("DocumentMetadata");
                _writer.WriteStartObject();
                _writer.WriteNumber("Pages", pageCount);
                _writer.WriteEndObject();
                _writer.WriteString("JobStatus", "SUCCEEDED");
                _writer.WriteNull("NextToken");
                _writer.WriteNull("StatusMessage");
                _writer.WriteNull("Warnings");
                _writer.WriteEndObject();
                _writer.Flush();
                long length = _stream.Length;
                Dispose();
                return length;
            }

            public void Dispose()
            {
                if (_disposed) return;
                _disposed = true;
                _writer.Dispose();
                _stream.Dispose();
            }
        }
    }
}
