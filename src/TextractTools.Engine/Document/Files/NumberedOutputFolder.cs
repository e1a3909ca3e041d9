using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace TextractTools.Engine.Document.Files
{
    /// <summary>
    /// A folder holding a job's output as Textract writes it to S3: objects named 1, 2, ..., N (plus a zero-byte
    /// .s3_access_check), or 1.json, 2.json ... as a batch delivers them. Read in numeric order (10 after 9), one file
    /// at a time; other names are ignored; a gap in the numbering, or a number given twice (1 and 1.json), is an
    /// error, because the result would silently miss or repeat pages.
    /// </summary>
    internal static class NumberedOutputFolder
    {
        // A byte[] holds at most ~2 GB; an output object is a few MB at most.
        private const long MaxFileBytes = int.MaxValue - 64;

        public static IReadOnlyList<string> ListFiles(string folder)
        {
            if (!Directory.Exists(folder))
            {
                throw new TextractOutputException($"The folder {folder} does not exist.", folder);
            }
            var numbered = new List<KeyValuePair<long, string>>();
            foreach (string path in Directory.EnumerateFiles(folder))
            {
                if (TryParseNumber(Path.GetFileName(path), out long number)) numbered.Add(new KeyValuePair<long, string>(number, path));
            }
            if (numbered.Count == 0)
            {
                throw new TextractOutputException(
                    $"The folder {folder} holds no numbered output objects (1, 2, ...) as Textract writes them.", folder);
            }
            numbered.Sort((a, b) => a.Key.CompareTo(b.Key));
            for (int i = 1; i < numbered.Count; i++)
            {
                if (numbered[i].Key == numbered[i - 1].Key)
                {
                    throw new TextractOutputException(
                        $"The folder {folder} holds output object {numbered[i].Key} twice ({Path.GetFileName(numbered[i - 1].Value)} and " +
                        $"{Path.GetFileName(numbered[i].Value)}): keep one of them.", folder);
                }
            }
            for (int i = 0; i < numbered.Count; i++)
            {
                if (numbered[i].Key != i + 1)
                {
                    throw new TextractOutputException(
                        $"The folder {folder} lacks output object {i + 1} (found {string.Join(", ", numbered.Take(10).Select(n => n.Key))}" +
                        $"{(numbered.Count > 10 ? ", ..." : "")}): the output would be incomplete.", folder);
                }
            }
            return numbered.Select(n => n.Value).ToArray();
        }

        public static IEnumerable<RawOutputPage> ReadPages(string folder)
        {
            foreach (string path in ListFiles(folder)) yield return ReadFile(path);
        }

        /// <summary>
        /// Reads a file into <paramref name="buffer"/>, growing it when the file is larger; returns the page, which
        /// holds the buffer and so is only valid until the buffer is used again. Reading a folder of ~700 KB objects
        /// into one buffer instead of a fresh array each spares a large-object allocation (and its share of full
        /// collections) per object.
        /// </summary>
        public static RawOutputPage ReadFile(string path, ref byte[] buffer)
        {
            try
            {
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
                {
                    long size = stream.Length;
                    if (size > MaxFileBytes) throw new IOException($"the file is {size:N0} bytes, more than the {MaxFileBytes:N0} one answer can be.");
                    if (size > buffer.Length) buffer = new byte[Math.Max(size, Math.Min(MaxFileBytes, buffer.Length * 2L))];
                    int length = 0, n;
                    while (length < size && (n = stream.Read(buffer, length, (int)size - length)) > 0) length += n;
                    return new RawOutputPage(path, new ReadOnlyMemory<byte>(buffer, 0, length));
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new TextractOutputException($"Cannot read {path}: {e.Message}", path, e);
            }
        }

        public static RawOutputPage ReadFile(string path)
        {
            try
            {
                return new RawOutputPage(path, File.ReadAllBytes(path));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new TextractOutputException($"Cannot read {path}: {e.Message}", path, e);
            }
        }

        /// <summary>All-digit names count, alone or with .json: "1", "10", "2.json"; not ".s3_access_check", "1.txt" or "-1".</summary>
        private static bool TryParseNumber(string name, out long number)
        {
            number = 0;
            if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) name = name.Substring(0, name.Length - ".json".Length);
            if (name.Length == 0 || name.Length > 18) return false;
            foreach (char c in name)
            {
                if (c < '0' || c > '9') return false;
                number = number * 10 + (c - '0');
            }
            return number > 0;
        }
    }
}
