using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace TextractTools.LocalEndpoint.Samples
{
    /// <summary>
    /// A minimal PDF 1.4 writer for the sample: one standard Helvetica font (not embedded, WinAnsi), uncompressed
    /// content streams, no Info dictionary and no trailer /ID, so the bytes depend only on the layout. The replay
    /// library recognises documents by SHA-256, which is why there must be no timestamp or random id anywhere.
    /// </summary>
    internal static class SamplePdfWriter
    {
        private const double RuleWidth = 0.75;

        public static byte[] Write(IReadOnlyList<PlacedPage> pages)
        {
            // Object numbers: 1 catalog, 2 page tree, 3 font, then a (page, content) pair per page.
            var objects = new List<byte[]>
            {
                Ascii("<< /Type /Catalog /Pages 2 0 R >>"),
                Ascii($"<< /Type /Pages /Kids [{PageReferences(pages.Count)}] /Count {pages.Count} >>"),
                Ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
            };
            for (var i = 0; i < pages.Count; i++)
            {
                var contentNumber = PageObjectNumber(i) + 1;
                objects.Add(Ascii(
                    $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {Num(SampleLayout.PageWidth)} {Num(SampleLayout.PageHeight)}] " +
                    $"/Resources << /Font << /F1 3 0 R >> >> /Contents {contentNumber} 0 R >>"));
                var content = Content(pages[i]);
                var stream = new MemoryStream();
                stream.Write(Ascii($"<< /Length {content.Length} >>\nstream\n"));
                stream.Write(content);
                stream.Write(Ascii("\nendstream"));
                objects.Add(stream.ToArray());
            }

            var output = new MemoryStream();
            // The comment line of high bytes tells transfer tools the file is binary (PDF spec 7.5.2).
            output.Write(Ascii("%PDF-1.4\n"));
            output.Write(new byte[] { (byte)'%', 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n' });
            var offsets = new long[objects.Count];
            for (var i = 0; i < objects.Count; i++)
            {
                offsets[i] = output.Position;
                output.Write(Ascii($"{i + 1} 0 obj\n"));
                output.Write(objects[i]);
                output.Write(Ascii("\nendobj\n"));
            }

            var xref = output.Position;
            var table = new StringBuilder();
            table.Append("xref\n0 ").Append(objects.Count + 1).Append('\n');
            // Each entry is exactly 20 bytes, ending in space + LF, as the spec requires.
            table.Append("0000000000 65535 f \n");
            foreach (var offset in offsets) table.Append(offset.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
            table.Append("trailer\n<< /Size ").Append(objects.Count + 1).Append(" /Root 1 0 R >>\n");
            table.Append("startxref\n").Append(xref.ToString(CultureInfo.InvariantCulture)).Append("\n%%EOF\n");
            output.Write(Ascii(table.ToString()));
            return output.ToArray();
        }

        private static int PageObjectNumber(int pageIndex) => 4 + 2 * pageIndex;

        private static string PageReferences(int count)
        {
            var parts = new string[count];
            for (var i = 0; i < count; i++) parts[i] = $"{PageObjectNumber(i)} 0 R";
            return string.Join(" ", parts);
        }

        private static byte[] Content(PlacedPage page)
        {
            var s = new StringBuilder();
            // Text first, in reading order: a reader that follows the content stream gets the lines in the same
            // order as the response's LINE blocks.
            s.Append("0 g\n");
            foreach (var line in page.Lines)
            {
                s.Append("BT /F1 ").Append(Num(line.FontSize)).Append(" Tf ")
                 .Append(Num(line.Left)).Append(' ').Append(Num(FlipY(line.Baseline))).Append(" Td (")
                 .Append(Escape(line.Text)).Append(") Tj ET\n");
            }

            s.Append(Num(RuleWidth)).Append(" w\n");
            foreach (var table in page.Tables)
            {
                var top = FlipY(table.Box.Top);
                var bottom = FlipY(table.Box.Bottom);
                foreach (var y in table.RowEdges)
                    s.Append(Num(table.Box.Left)).Append(' ').Append(Num(FlipY(y))).Append(" m ")
                     .Append(Num(table.Box.Right)).Append(' ').Append(Num(FlipY(y))).Append(" l S\n");
                foreach (var x in table.ColumnEdges)
                    s.Append(Num(x)).Append(' ').Append(Num(top)).Append(" m ")
                     .Append(Num(x)).Append(' ').Append(Num(bottom)).Append(" l S\n");
            }

            foreach (var box in page.Checkboxes)
            {
                var b = box.Box;
                s.Append(Num(b.Left)).Append(' ').Append(Num(FlipY(b.Bottom))).Append(' ')
                 .Append(Num(b.Width)).Append(' ').Append(Num(b.Height)).Append(" re S\n");
                if (box.Selected)
                {
                    // The cross is drawn as two strokes, not as a letter, so it adds nothing to the text layer
                    // (Textract reports it only as a SELECTION_ELEMENT).
                    const double inset = 2;
                    s.Append(Num(b.Left + inset)).Append(' ').Append(Num(FlipY(b.Top + inset))).Append(" m ")
                     .Append(Num(b.Right - inset)).Append(' ').Append(Num(FlipY(b.Bottom - inset))).Append(" l S\n");
                    s.Append(Num(b.Left + inset)).Append(' ').Append(Num(FlipY(b.Bottom - inset))).Append(" m ")
                     .Append(Num(b.Right - inset)).Append(' ').Append(Num(FlipY(b.Top + inset))).Append(" l S\n");
                }
            }
            return Ascii(s.ToString());
        }

        private static double FlipY(double y) => SampleLayout.PageHeight - y;

        /// <summary>Invariant, at most 3 decimals: enough precision, and the same text on every machine.</summary>
        private static string Num(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);

        private static string Escape(string text) =>
            text.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("(", "\\(", StringComparison.Ordinal)
                .Replace(")", "\\)", StringComparison.Ordinal);

        // The layout admits printable ASCII only, whose WinAnsi bytes are the ASCII bytes.
        private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
    }
}
