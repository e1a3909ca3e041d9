using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace TextractTools.Engine.Formats
{
    /// <summary>
    /// Which document each file-name stem of a folder stands for (invoice-0142 -> s3://in/a/invoice-0142.pdf), kept
    /// in the folder as a small hidden file, so that every run gives a document the same stem and never one another
    /// document has: a second document of the same file name (s3://in/b/invoice-0142.pdf), in this run or a later
    /// one, gets the stem plus a mark of its full name (invoice-0142-3fa2c1) instead of overwriting the first one's
    /// files.
    /// </summary>
    public sealed class DocumentStems
    {
        public const string IndexFileName = ".textract-documents.json";

        private readonly string _indexPath;
        private readonly Dictionary<string, string> _documentOfStem;

        private DocumentStems(string indexPath, Dictionary<string, string> documentOfStem)
        {
            _indexPath = indexPath;
            _documentOfStem = documentOfStem;
        }

        /// <summary>The stems the folder's index names (none for a new folder; an unreadable index is started afresh).</summary>
        public static DocumentStems Load(string folder)
        {
            string path = Path.Combine(folder, IndexFileName);
            var known = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            try
            {
                if (File.Exists(path))
                {
                    using var json = JsonDocument.Parse(File.ReadAllBytes(path));
                    foreach (JsonProperty entry in json.RootElement.EnumerateObject())
                    {
                        if (entry.Value.ValueKind == JsonValueKind.String) known[entry.Name] = entry.Value.GetString()!;
                    }
                }
            }
            catch (Exception e) when (e is JsonException || e is IOException || e is UnauthorizedAccessException || e is InvalidOperationException)
            {
                known.Clear();
            }
            return new DocumentStems(path, known);
        }

        /// <summary>
        /// The stem of <paramref name="document"/>'s files (<see cref="OutputFiles.DocumentStem"/>, or that plus
        /// <see cref="OutputFiles.Distinguisher"/> when another document has it); a new one is written to the index.
        /// </summary>
        public string StemOf(string? document)
        {
            string key = document ?? string.Empty;
            string plain = OutputFiles.DocumentStem(document);
            foreach (string stem in new[] { plain, plain + "-" + OutputFiles.Distinguisher(document) })
            {
                if (_documentOfStem.TryGetValue(stem, out string? owner))
                {
                    if (owner == key) return stem;
                    continue;
                }
                _documentOfStem[stem] = key;
                Save();
                return stem;
            }
            // Two names whose marks are equal too (1 in 16 million): the mark shared, the files of the later one win.
            return plain + "-" + OutputFiles.Distinguisher(document);
        }

        private void Save()
        {
            OutputFiles.WriteAtomically(_indexPath, writer =>
            {
                using var buffer = new MemoryStream();
                using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
                {
                    json.WriteStartObject();
                    foreach (var entry in _documentOfStem.OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase)) json.WriteString(entry.Key, entry.Value);
                    json.WriteEndObject();
                }
                writer.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            });
        }
    }
}
