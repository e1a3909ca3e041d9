using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using Xunit;

namespace TextractTools.Tests.Engine.Formats
{
    /// <summary>
    /// Checks on rendered HTML: it parses as XML (so every tag is balanced and every attribute quoted), and every table
    /// is a proper grid (each row covers the same number of columns once rowspans and colspans are counted, and no
    /// cell overlaps another).
    /// </summary>
    internal static class HtmlChecks
    {
        public static XDocument Parse(string html)
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(html), settings);
            return XDocument.Load(reader);
        }

        /// <summary>The number of columns the table's rows cover (asserting that they all cover the same).</summary>
        public static int GridColumns(XElement table)
        {
            var rows = table.Descendants("tr").Where(tr => tr.Ancestors("tfoot").Count() == 0).ToList();
            var occupied = new HashSet<(int Row, int Column)>();
            int width = -1;
            for (int r = 0; r < rows.Count; r++)
            {
                int column = 0;
                foreach (XElement cell in rows[r].Elements().Where(e => e.Name == "td" || e.Name == "th"))
                {
                    while (occupied.Contains((r, column))) column++;
                    int colspan = Span(cell, "colspan"), rowspan = Span(cell, "rowspan");
                    for (int dr = 0; dr < rowspan; dr++)
                    {
                        for (int dc = 0; dc < colspan; dc++)
                        {
                            Assert.True(occupied.Add((r + dr, column + dc)), $"Cells overlap at row {r + dr + 1}, column {column + dc + 1}.");
                        }
                    }
                    column += colspan;
                }
                int covered = occupied.Where(o => o.Row == r).Select(o => o.Column).DefaultIfEmpty(-1).Max() + 1;
                if (width < 0) width = covered;
                Assert.True(width == covered, $"Row {r + 1} covers {covered} columns, the first row {width}.");
            }
            return Math.Max(width, 0);
        }

        private static int Span(XElement cell, string name) => int.Parse((string?)cell.Attribute(name) ?? "1");
    }
}
