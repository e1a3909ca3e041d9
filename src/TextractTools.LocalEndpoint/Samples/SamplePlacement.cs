using System;
using System.Collections.Generic;
using System.Linq;

namespace TextractTools.LocalEndpoint.Samples
{
    /// <summary>A rectangle in points, top-left origin.</summary>
    internal readonly record struct Box(double Left, double Top, double Right, double Bottom)
    {
        public double Width => Right - Left;
        public double Height => Bottom - Top;

        public Box Union(Box other) =>
            new(Math.Min(Left, other.Left), Math.Min(Top, other.Top), Math.Max(Right, other.Right), Math.Max(Bottom, other.Bottom));

        public Box Inflate(double by) => new(Left - by, Top - by, Right + by, Bottom + by);

        public static Box Union(IEnumerable<Box> boxes) => boxes.Aggregate((a, b) => a.Union(b));
    }

    internal sealed record PlacedWord(string Text, Box Box);

    /// <summary>A run of text drawn with one Tj; Textract sees it as one LINE.</summary>
    internal sealed record PlacedLine(string Text, double Left, double Baseline, double FontSize, IReadOnlyList<PlacedWord> Words)
    {
        public Box Box => Box.Union(Words.Select(w => w.Box));
    }

    internal sealed record PlacedCheckbox(Box Box, bool Selected);

    internal sealed record PlacedField(PlacedLine Key, PlacedLine? Value, PlacedCheckbox? Checkbox);

    internal sealed record PlacedCell(int RowIndex, int ColumnIndex, Box Box, bool IsHeader, PlacedLine? Line);

    internal sealed record PlacedTable(Box Box, IReadOnlyList<double> ColumnEdges, IReadOnlyList<double> RowEdges,
        IReadOnlyList<PlacedCell> Cells);

    /// <summary>
    /// A page with every word positioned. <see cref="Lines"/> is the reading order (and the drawing order), so the
    /// PDF's text layer and the response's LINE/WORD blocks come out in the same sequence.
    /// </summary>
    internal sealed record PlacedPage(int Number, IReadOnlyList<PlacedLine> Lines, IReadOnlyList<PlacedField> Fields,
        IReadOnlyList<PlacedTable> Tables)
    {
        public IEnumerable<PlacedCheckbox> Checkboxes => Fields.Where(f => f.Checkbox is not null).Select(f => f.Checkbox!);
    }

    /// <summary>Turns a <see cref="SampleLayout"/> into positioned words, cells and checkboxes.</summary>
    internal static class SamplePlacement
    {
        /// <summary>Horizontal padding between a cell's rule and its text.</summary>
        private const double CellPadding = 6;

        public static IReadOnlyList<PlacedPage> Place(SampleLayout layout) =>
            layout.Pages.Select((page, i) => PlacePage(page, i + 1)).ToList();

        private static PlacedPage PlacePage(SamplePage page, int number)
        {
            var lines = new List<PlacedLine>();
            var fields = new List<PlacedField>();
            var tables = new List<PlacedTable>();
            foreach (var element in page.Elements)
            {
                switch (element)
                {
                    case SampleText t:
                        lines.Add(PlaceLine(t.Text, t.Left, t.Baseline, t.FontSize));
                        break;
                    case SampleField f:
                        var key = PlaceLine(f.Key, f.Left, f.Baseline, f.FontSize);
                        lines.Add(key);
                        if (f.Value is not null)
                        {
                            var value = PlaceLine(f.Value, f.ValueLeft, f.Baseline, f.FontSize);
                            lines.Add(value);
                            fields.Add(new PlacedField(key, value, null));
                        }
                        else
                        {
                            // A square about as tall as a capital letter, sitting on the baseline.
                            var side = Math.Round(f.FontSize * 0.85, 2);
                            var bottom = f.Baseline + f.FontSize * 0.05;
                            var box = new Box(f.ValueLeft, bottom - side, f.ValueLeft + side, bottom);
                            fields.Add(new PlacedField(key, null, new PlacedCheckbox(box, f.Checked!.Value)));
                        }
                        break;
                    case SampleTable table:
                        var placed = PlaceTable(table);
                        tables.Add(placed);
                        lines.AddRange(placed.Cells.Where(c => c.Line is not null).Select(c => c.Line!));
                        break;
                }
            }
            return new PlacedPage(number, lines, fields, tables);
        }

        private static PlacedLine PlaceLine(string text, double left, double baseline, double fontSize)
        {
            var words = new List<PlacedWord>();
            var x = left;
            var spaceWidth = HelveticaMetrics.Measure(" ", fontSize);
            foreach (var word in text.Split(' '))
            {
                var width = HelveticaMetrics.Measure(word, fontSize);
                words.Add(new PlacedWord(word, new Box(x, baseline - HelveticaMetrics.Ascent * fontSize, x + width,
                    baseline + HelveticaMetrics.Descent * fontSize)));
                x += width + spaceWidth;
            }
            return new PlacedLine(text, left, baseline, fontSize, words);
        }

        private static PlacedTable PlaceTable(SampleTable table)
        {
            var columnEdges = new List<double> { table.Left };
            foreach (var width in table.ColumnWidths) columnEdges.Add(columnEdges[^1] + width);
            var rowEdges = Enumerable.Range(0, table.Rows.Count + 1).Select(i => table.Top + i * table.RowHeight).ToList();

            var cells = new List<PlacedCell>();
            for (var r = 0; r < table.Rows.Count; r++)
            {
                // Centre the capitals vertically in the row.
                var baseline = rowEdges[r] + (table.RowHeight + HelveticaMetrics.CapHeight * table.FontSize) / 2;
                for (var c = 0; c < table.ColumnWidths.Count; c++)
                {
                    var text = table.Rows[r][c];
                    PlacedLine? line = null;
                    if (text.Length > 0)
                    {
                        var width = HelveticaMetrics.Measure(text, table.FontSize);
                        var left = table.RightAligned[c] ? columnEdges[c + 1] - CellPadding - width : columnEdges[c] + CellPadding;
                        line = PlaceLine(text, left, baseline, table.FontSize);
                    }
                    var box = new Box(columnEdges[c], rowEdges[r], columnEdges[c + 1], rowEdges[r + 1]);
                    cells.Add(new PlacedCell(r + 1, c + 1, box, r == 0, line));
                }
            }
            var tableBox = new Box(columnEdges[0], rowEdges[0], columnEdges[^1], rowEdges[^1]);
            return new PlacedTable(tableBox, columnEdges, rowEdges, cells);
        }
    }
}
