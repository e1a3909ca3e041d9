using System;

namespace TextractTools.LocalEndpoint.Samples
{
    /// <summary>
    /// Advance widths of the standard Helvetica font (Adobe's AFM, in 1/1000 em) for printable ASCII, which WinAnsi
    /// encodes as the same bytes. We measure text ourselves instead of asking PdfPig so that the writer stays
    /// independent of the reader the tests use to check it.
    /// </summary>
    internal static class HelveticaMetrics
    {
        /// <summary>Ascender and descender from the AFM: the vertical extent a word box is given.</summary>
        public const double Ascent = 0.718;
        public const double Descent = 0.207;
        public const double CapHeight = 0.718;

        // Index 0 is U+0020 (space), the last is U+007E (~).
        private static readonly short[] Widths =
        {
            278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space .. /
            556, 556, 556, 556, 556, 556, 556, 556, 556, 556,                               // 0 .. 9
            278, 278, 584, 584, 584, 556, 1015,                                              // : .. @
            667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,                 // A .. M
            722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611,                 // N .. Z
            278, 278, 278, 469, 556, 333,                                                    // [ \ ] ^ _ `
            556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,                 // a .. m
            556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500,                 // n .. z
            334, 260, 334, 584,                                                              // { | } ~
        };

        public static double Width(char c) =>
            c >= ' ' && c <= '~' ? Widths[c - ' '] / 1000.0 : throw new ArgumentOutOfRangeException(nameof(c), "Only printable ASCII.");

        /// <summary>Width of <paramref name="text"/> in points at <paramref name="fontSize"/>.</summary>
        public static double Measure(string text, double fontSize)
        {
            double total = 0;
            foreach (var c in text) total += Width(c);
            return total * fontSize;
        }
    }
}
