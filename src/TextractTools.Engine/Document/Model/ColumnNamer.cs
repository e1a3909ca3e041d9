using System;
using System.Collections.Generic;
using System.Text;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// Turns a table's header row(s) into column names fit for CSV headers and property names: one per column,
    /// never blank, never repeated.
    /// </summary>
    internal static class ColumnNamer
    {
        public static string[] Name(string[][] grid, int headerRowCount)
        {
            int columns = grid.Length == 0 ? 0 : grid[0].Length;
            var names = new string[columns];
            HashSet<string> used = UniqueNames.NewSet();
            // Take the non-blank names first so that "Column3" never steals a name a header cell really has.
            for (int c = 0; c < columns; c++)
            {
                string name = JoinHeaderTexts(grid, headerRowCount, c);
                names[c] = name.Length == 0 ? string.Empty : UniqueNames.Claim(name, used);
            }
            for (int c = 0; c < columns; c++)
            {
                if (names[c].Length == 0) names[c] = UniqueNames.Claim("Column" + (c + 1), used);
            }
            return names;
        }

        /// <summary>
        /// Stacked header rows read top-down ("Earnings" over "Current" -> "Earnings Current"); a text repeated in
        /// the row below (a cell merged across the header rows) counts once.
        /// </summary>
        internal static string JoinHeaderTexts(string[][] grid, int headerRowCount, int column)
        {
            var builder = new StringBuilder();
            string previous = string.Empty;
            for (int r = 0; r < headerRowCount && r < grid.Length; r++)
            {
                string text = Normalize(grid[r][column]);
                if (text.Length == 0 || text == previous) continue;
                if (builder.Length > 0) builder.Append(' ');
                builder.Append(text);
                previous = text;
            }
            return builder.ToString();
        }

        /// <summary>Runs of white space (line breaks included) as one space, none at either end.</summary>
        internal static string Normalize(string text) => string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
