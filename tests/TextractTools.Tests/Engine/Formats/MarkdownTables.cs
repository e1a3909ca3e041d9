using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace TextractTools.Tests.Engine.Formats
{
    /// <summary>Reads the pipe tables back out of Markdown, for the tests to count and compare.</summary>
    internal static class MarkdownTables
    {
        private static readonly Regex Delimiter = new Regex(@"^\|( --- \|)+$");

        /// <summary>Every pipe table: its header cells and its data rows' cells, unescaped pipes as separators.</summary>
        public static List<(string[] Header, List<string[]> Rows)> Read(string markdown)
        {
            var tables = new List<(string[], List<string[]>)>();
            string[] lines = markdown.Split('\n');
            for (int i = 1; i < lines.Length; i++)
            {
                if (!Delimiter.IsMatch(lines[i]) || !lines[i - 1].StartsWith("|")) continue;
                var rows = new List<string[]>();
                for (int j = i + 1; j < lines.Length && lines[j].StartsWith("|"); j++) rows.Add(Cells(lines[j]));
                tables.Add((Cells(lines[i - 1]), rows));
            }
            return tables;
        }

        /// <summary>The cells of one table row, split at pipes no backslash escapes, trimmed.</summary>
        public static string[] Cells(string row)
        {
            var cells = new List<string>();
            int start = 1;
            for (int i = 1; i < row.Length; i++)
            {
                if (row[i] == '\\') { i++; continue; }
                if (row[i] != '|') continue;
                cells.Add(row.Substring(start, i - start).Trim());
                start = i + 1;
            }
            return cells.ToArray();
        }
    }
}
