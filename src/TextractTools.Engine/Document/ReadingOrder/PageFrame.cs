using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document.ReadingOrder
{
    /// <summary>
    /// Turns a page's boxes into the frame the text is written in: upright (text runs left to right, lines follow
    /// downwards) and without skew. Textract gives boxes in the coordinates of the image as scanned, so a page scanned
    /// sideways or upside down has its text running down, up or right to left, and a skewed scan has every line's box
    /// taller than the line (which hides the white space between lines that the cuts look for).
    /// <para>
    /// Orientation: the words of a line are in reading order, so the direction from a line's first word to its last
    /// is the text's direction; the page takes the direction most of its multi-word lines agree on (two thirds at
    /// least, else the orientation is unclear and <see cref="Detect"/> answers null: keep Textract's order).
    /// Skew: the median slope of the word centres along each line, removed by a shear (exact for the page ratios
    /// Textract uses, which are not square units).
    /// </para>
    /// </summary>
    internal sealed class PageFrame
    {
        private const double AgreementNeeded = 2.0 / 3.0;
        private const double MaxSkew = 0.35;      // a steeper slope is not a skewed page but a rotation we cannot tell
        private const double NegligibleSkew = 0.001;

        private readonly int _quarterTurns;
        private readonly double _shear;

        private PageFrame(int quarterTurns, double shear)
        {
            _quarterTurns = quarterTurns;
            _shear = shear;
        }

        /// <summary>0: upright; 1: text runs down the image; 2: upside down; 3: text runs up the image.</summary>
        public int QuarterTurns => _quarterTurns;

        public double Shear => _shear;

        /// <summary>The page's frame, or null when its text direction cannot be told (mixed or all vertical).</summary>
        public static PageFrame? Detect(PageShape page)
        {
            int? turns = Orientation(page);
            if (turns == null) return null;
            var upright = new PageFrame(turns.Value, 0);
            double? slope = MedianSlope(page, upright);
            if (slope == null) return upright;
            if (Math.Abs(slope.Value) > MaxSkew) return null;
            return Math.Abs(slope.Value) < NegligibleSkew ? upright : new PageFrame(turns.Value, slope.Value);
        }

        /// <summary>The box in the text's frame.</summary>
        public Box Apply(Box box)
        {
            Box turned = Turn(box, _quarterTurns);
            if (_shear == 0) return turned;
            // Shear the centre; an axis-aligned box of a slanted line is |slope| x width taller than the line itself.
            double centerY = turned.CenterY - _shear * (turned.CenterX - 0.5);
            double height = Math.Max(turned.Height - Math.Abs(_shear) * turned.Width, 0.3 * turned.Height);
            return new Box(turned.Left, centerY - height / 2, turned.Right, centerY + height / 2);
        }

        private static Box Turn(Box box, int quarterTurns)
        {
            switch (quarterTurns)
            {
                case 1: // text runs down the image; its lines follow from right to left
                    return new Box(box.Top, 1 - box.Right, box.Bottom, 1 - box.Left);
                case 2:
                    return new Box(1 - box.Right, 1 - box.Bottom, 1 - box.Left, 1 - box.Top);
                case 3: // text runs up the image; its lines follow from left to right
                    return new Box(1 - box.Bottom, box.Left, 1 - box.Top, box.Right);
                default:
                    return box;
            }
        }

        private static int? Orientation(PageShape page)
        {
            var votes = new int[4];
            int voters = 0, tall = 0, measured = 0;
            for (int line = 0; line < page.LineCount; line++)
            {
                IReadOnlyList<Box> words = page.WordBoxes(line);
                if (words.Count >= 2)
                {
                    double dx = words[words.Count - 1].CenterX - words[0].CenterX;
                    double dy = words[words.Count - 1].CenterY - words[0].CenterY;
                    if (dx == 0 && dy == 0) continue;
                    votes[Math.Abs(dx) >= Math.Abs(dy) ? (dx > 0 ? 0 : 2) : (dy > 0 ? 1 : 3)]++;
                    voters++;
                }
                Box? box = page.LineBox(line);
                if (box.HasValue && box.Value.Width > 0)
                {
                    measured++;
                    if (box.Value.Height > 2 * box.Value.Width) tall++;
                }
            }
            if (voters == 0)
            {
                // One-word lines only: upright unless most of them stand on end (then the direction is unknown).
                return measured > 0 && tall * 2 > measured ? (int?)null : 0;
            }
            int best = 0;
            for (int t = 1; t < 4; t++)
            {
                if (votes[t] > votes[best]) best = t;
            }
            return votes[best] >= AgreementNeeded * voters ? best : (int?)null;
        }

        /// <summary>The median slope (dy/dx in the turned frame) of the word centres of lines with two words or more.</summary>
        private static double? MedianSlope(PageShape page, PageFrame upright)
        {
            var slopes = new List<double>();
            for (int line = 0; line < page.LineCount; line++)
            {
                IReadOnlyList<Box> words = page.WordBoxes(line);
                if (words.Count < 2) continue;
                double meanX = 0, meanY = 0;
                var centers = new (double X, double Y)[words.Count];
                for (int w = 0; w < words.Count; w++)
                {
                    Box turned = upright.Apply(words[w]);
                    centers[w] = (turned.CenterX, turned.CenterY);
                    meanX += turned.CenterX;
                    meanY += turned.CenterY;
                }
                meanX /= words.Count;
                meanY /= words.Count;
                double sxy = 0, sxx = 0;
                foreach (var (x, y) in centers)
                {
                    sxy += (x - meanX) * (y - meanY);
                    sxx += (x - meanX) * (x - meanX);
                }
                if (sxx > 1e-12) slopes.Add(sxy / sxx);
            }
            if (slopes.Count < 3) return null;
            slopes.Sort();
            return slopes[slopes.Count / 2];
        }
    }
}
