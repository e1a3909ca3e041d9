using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using TextractTools.Engine.Document;

namespace TextractTools.Engine.Formats
{
    /// <summary>
    /// Names of the files and folders made from output (Export-TextractTable, the batch's deliverables): names a
    /// person finds in a file browser (the document's own name, the page, the table number, its title), safe on
    /// Windows, macOS and Linux alike, and written whole or not at all.
    /// </summary>
    public static class OutputFiles
    {
        private const int MaxTitleLength = 40;
        private const int MaxNameLength = 100;

        // Names Windows keeps for devices, whatever the extension.
        private static readonly HashSet<string> ReservedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
        };

        /// <summary>
        /// The last part of a document's name (s3://bucket/inbox/invoice-0142.pdf, C:\scans\invoice-0142.pdf and a saved
        /// output folder all give invoice-0142.pdf), made safe; "document" when there is none.
        /// </summary>
        public static string DocumentName(string? document)
        {
            string trimmed = (document ?? string.Empty).TrimEnd('/', '\\');
            int cut = trimmed.LastIndexOfAny(new[] { '/', '\\' });
            string leaf = cut >= 0 ? trimmed.Substring(cut + 1) : trimmed;
            if (leaf.EndsWith(":", StringComparison.Ordinal)) leaf = string.Empty; // "s3:" of a bare bucket, "C:"
            string safe = Safe(leaf, MaxNameLength);
            return safe.Length == 0 ? "document" : safe;
        }

        /// <summary><see cref="DocumentName"/> without its extension: invoice-0142 (the stem of the files made from it).</summary>
        public static string DocumentStem(string? document)
        {
            string name = DocumentName(document);
            int dot = name.LastIndexOf('.');
            return dot > 0 ? name.Substring(0, dot) : name;
        }

        /// <summary>A short, stable mark of a document's full name, to tell apart two documents with the same file name.</summary>
        public static string Distinguisher(string? document)
        {
            using var sha = SHA256.Create();
            byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(document ?? string.Empty));
            return BitConverter.ToString(hash, 0, 3).Replace("-", "").ToLowerInvariant();
        }

        /// <summary>
        /// The file name of one table: page{p}_table{index}, then the title where the table has one
        /// (page1_table2_Line-items.csv). Index is the table's number in the document (1-based, in document order).
        /// </summary>
        public static string TableFileName(TextractTable table)
        {
            string name = "page" + table.Page.ToString(CultureInfo.InvariantCulture) + "_table" + table.Index.ToString(CultureInfo.InvariantCulture);
            string title = Safe(table.Title ?? string.Empty, MaxTitleLength);
            return (title.Length == 0 ? name : name + "_" + title) + ".csv";
        }

        /// <summary>
        /// Letters and digits of any script, '-', '_' and '.' kept; every other run of characters (spaces, slashes,
        /// colons ...) becomes one '-'; no leading or trailing '-' or '.'; at most <paramref name="maxLength"/>
        /// characters; a Windows device name (CON, NUL ...) gets a '_' in front.
        /// </summary>
        public static string Safe(string text, int maxLength = MaxNameLength)
        {
            var builder = new StringBuilder(Math.Min(text.Length, maxLength));
            bool dash = false;
            foreach (char c in text)
            {
                if (builder.Length >= maxLength) break;
                if (char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.')
                {
                    builder.Append(c);
                    dash = c == '-';
                }
                else if (!dash && builder.Length > 0)
                {
                    builder.Append('-');
                    dash = true;
                }
            }
            string safe = builder.ToString().Trim('-', '.');
            int dot = safe.IndexOf('.');
            if (ReservedNames.Contains(dot < 0 ? safe : safe.Substring(0, dot))) safe = "_" + safe;
            return safe;
        }

        /// <summary>
        /// Writes a text file through a temporary file beside it, renamed into place: readers see the old file or the
        /// whole new one, never half of it. UTF-8 without a byte order mark.
        /// </summary>
        public static void WriteAtomically(string path, Action<TextWriter> write)
        {
            string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(folder);
            string temporary = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                {
                    write(writer);
                }
                if (File.Exists(path)) File.Replace(temporary, path, destinationBackupFileName: null);
                else File.Move(temporary, path);
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }
    }
}
