using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Diagnostics;
using TextractTools.Engine.Document;
using TextractTools.Engine.Output;

namespace TextractTools.Bench
{
    /// <summary>
    /// One measured run of the document model: read the folder of numbered output objects (streamed, one object at a
    /// time) or one saved file, then walk what a user would: every page, line, form field and table cell, touching
    /// their text. Prints one JSON line; the runner adds the process's own wall time and peak RSS from outside.
    /// </summary>
    internal static class ModelRun
    {
        public enum Input
        {
            /// <summary>A folder of numbered objects (TextractDocumentReader.ReadFolder): command read.</summary>
            Folder,
            /// <summary>One saved file, merged.json (TextractDocumentReader.ReadFile): command read-file.</summary>
            File,
            /// <summary>
            /// Diagnosis (command read-reuse): the folder through the public Read, fed from one reused buffer instead
            /// of a fresh byte[] per object, to show what the per-object large allocations cost.
            /// </summary>
            FolderThroughOneBuffer,
        }

        public static void Read(string path, Input input)
        {
            var total = Stopwatch.StartNew();
            TextractDocument document = input switch
            {
                Input.File => TextractDocumentReader.ReadFile(path),
                Input.FolderThroughOneBuffer => TextractDocumentReader.Read(ReadReusingBuffer(path)),
                _ => TextractDocumentReader.ReadFolder(path),
            };
            double readMs = total.Elapsed.TotalMilliseconds;

            int pages = 0, lines = 0, fields = 0, tables = 0, cells = 0;
            long lineChars = 0, fieldChars = 0, cellChars = 0;
            foreach (TextractPage page in document.Pages) pages++;
            foreach (TextractLine line in document.Lines)
            {
                lines++;
                lineChars += line.Text.Length;
            }
            foreach (TextractKeyValue field in document.KeyValues)
            {
                fields++;
                fieldChars += field.Key.Length + field.Value.Length;
            }
            foreach (TextractTable table in document.Tables)
            {
                tables++;
                foreach (TextractCell cell in table.Cells)
                {
                    cells++;
                    cellChars += cell.Text.Length;
                }
            }
            total.Stop();

            // Read before anything else runs: printing must not add JIT time or allocations to the figures.
            double jitMs = System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds;
            long jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount();
            double gcPauseMs = GC.GetTotalPauseDuration().TotalMilliseconds;
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            long peakKb = Program.PeakRssKb();
            // Keep the document alive until after the peak was read: the model is what is being measured.
            GC.KeepAlive(document);

            // One JSON line, written by hand (the reflection-based serializer would cost more JIT than it is worth).
            var ci = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(ci,
                $"{{\"tool\":\"{ToolName(input)}\",\"readMs\":{readMs:0.0},\"totalMs\":{total.Elapsed.TotalMilliseconds:0.0}," +
                $"\"pages\":{pages},\"lines\":{lines},\"fields\":{fields},\"tables\":{tables},\"cells\":{cells}," +
                $"\"lineChars\":{lineChars},\"fieldChars\":{fieldChars},\"cellChars\":{cellChars}," +
                $"\"allocatedMB\":{allocated / 1048576.0:0.0},\"gcCollections\":[{gen0},{gen1},{gen2}],\"gcPauseMs\":{gcPauseMs:0.0}," +
                $"\"jitMs\":{jitMs:0.0},\"jitMethods\":{jitMethods},\"vmHwmKb\":{peakKb}}}"));
        }

        private static string ToolName(Input input) => input switch
        {
            Input.File => "TextractTools (one file)",
            Input.FolderThroughOneBuffer => "TextractTools (reused buffer)",
            _ => "TextractTools",
        };

        /// <summary>The folder's numbered objects in order, each read into the same growing buffer.</summary>
        private static IEnumerable<RawOutputPage> ReadReusingBuffer(string folder)
        {
            var numbered = new List<KeyValuePair<long, string>>();
            foreach (string path in Directory.EnumerateFiles(folder))
            {
                if (long.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out long n)) numbered.Add(new(n, path));
            }
            numbered.Sort((a, b) => a.Key.CompareTo(b.Key));
            byte[] buffer = new byte[1 << 20];
            foreach (KeyValuePair<long, string> file in numbered)
            {
                using var stream = new FileStream(file.Value, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                long length = stream.Length;
                if (length > buffer.Length) buffer = new byte[Math.Max(length, buffer.Length * 2L)];
                int read = 0;
                while (read < length)
                {
                    int n = stream.Read(buffer, read, (int)length - read);
                    if (n == 0) break;
                    read += n;
                }
                yield return new RawOutputPage(file.Value, new ReadOnlyMemory<byte>(buffer, 0, read));
            }
        }
    }
}
