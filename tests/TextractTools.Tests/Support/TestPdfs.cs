using System.Collections.Generic;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace TextractTools.Tests.Support
{
    /// <summary>
    /// The one way tests make PDFs with a text layer (A4, Helvetica 12 pt, through PdfPig): the local endpoint reads
    /// the words of a PDF it has no recording for, so a test's own text makes a document with its own hash and answer.
    /// </summary>
    internal static class TestPdfs
    {
        /// <summary>One page per text, each holding that one line.</summary>
        public static byte[] Pages(params string[] pageTexts)
        {
            var pages = new List<(string, double, double)[]>();
            foreach (var text in pageTexts) pages.Add(new[] { (text, 50.0, 700.0) });
            return Write(pages);
        }

        /// <summary>Pages of lines at the given positions (points from the bottom left of an A4 page).</summary>
        public static byte[] Write(IEnumerable<(string Text, double X, double Y)[]> pages)
        {
            var builder = new PdfDocumentBuilder();
            var font = builder.AddStandard14Font(Standard14Font.Helvetica);
            foreach (var lines in pages)
            {
                var page = builder.AddPage(PageSize.A4);
                foreach (var (text, x, y) in lines) page.AddText(text, 12, new PdfPoint(x, y), font);
            }
            return builder.Build();
        }

        /// <summary>One page without any text (a scan, as far as the endpoint can tell).</summary>
        public static byte[] Blank() => Write(new[] { new (string, double, double)[0] });
    }
}
