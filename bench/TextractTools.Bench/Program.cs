using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace TextractTools.Bench
{
    /// <summary>
    /// bench/run.ps1 drives this program; each command runs in its own process:
    ///   generate --pages N --out DIR [--samples DIR] [--templates a.json,b.json]
    ///   read DIR              the document model over DIR (a folder of numbered output objects); prints one JSON line
    ///   read-file FILE        the document model over FILE (one saved answer, e.g. merged.json); prints one JSON line
    ///   read-reuse DIR        diagnosis: the same, fed from one reused read buffer (public Read API)
    ///   profile DIR           where the model's time and allocations go (phases, allocation counts), for diagnosis
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            try
            {
                if (args.Length == 0) return Usage();
                var options = ParseOptions(args, 1);
                switch (args[0])
                {
                    case "generate":
                        OutputGenerator.Run(
                            pages: int.Parse(Required(options, "pages"), CultureInfo.InvariantCulture),
                            outputFolder: Required(options, "out"),
                            samplesFolder: options.TryGetValue("samples", out string? samples) ? samples : null,
                            templateNames: options.TryGetValue("templates", out string? names) ? names.Split(',', StringSplitOptions.RemoveEmptyEntries) : null);
                        return 0;
                    case "read":
                        if (args.Length < 2) return Usage();
                        ModelRun.Read(args[1], ModelRun.Input.Folder);
                        return 0;
                    case "read-file":
                        if (args.Length < 2) return Usage();
                        ModelRun.Read(args[1], ModelRun.Input.File);
                        return 0;
                    case "read-reuse":
                        if (args.Length < 2) return Usage();
                        ModelRun.Read(args[1], ModelRun.Input.FolderThroughOneBuffer);
                        return 0;
                    case "profile":
                        if (args.Length < 2) return Usage();
                        ModelProfile.Run(args[1]);
                        return 0;
                    default:
                        return Usage();
                }
            }
            catch (Exception e)
            {
                Console.Error.WriteLine(e);
                return 1;
            }
        }

        private static Dictionary<string, string> ParseOptions(string[] args, int start)
        {
            var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (int i = start; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
                string name = args[i].Substring(2);
                options[name] = i + 1 < args.Length ? args[++i] : string.Empty;
            }
            return options;
        }

        private static string Required(Dictionary<string, string> options, string name) =>
            options.TryGetValue(name, out string? value) && value.Length > 0
                ? value
                : throw new ArgumentException($"--{name} is required.");

        private static int Usage()
        {
            Console.Error.WriteLine("usage: TextractTools.Bench generate --pages N --out DIR [--samples DIR] [--templates a.json,b.json]");
            Console.Error.WriteLine("       TextractTools.Bench read DIR");
            Console.Error.WriteLine("       TextractTools.Bench read-file FILE");
            Console.Error.WriteLine("       TextractTools.Bench profile DIR");
            return 2;
        }

        /// <summary>Peak resident set size of this process so far (VmHWM), in KB; -1 where /proc is not available.</summary>
        public static long PeakRssKb()
        {
            try
            {
                foreach (string line in File.ReadLines("/proc/self/status"))
                {
                    if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                    string[] parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[1], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
            return -1;
        }
    }
}
