using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document.ReadingOrder
{
    /// <summary>
    /// Recursive XY-cut over a page's units (a line, or a table or key-value pair kept whole), choosing at each region:
    /// <list type="number">
    /// <item>horizontal white space of at least <see cref="SectionGapLines"/> line heights across the whole region
    /// separates sections, read top to bottom (two bands that continue the same columns of prose are not separated:
    /// paragraph breaks that happen to line up in both columns);</item>
    /// <item>else a vertical gutter (white space down the whole region) separates columns, read left to right, when
    /// either side holds a table, or both sides are prose, or both are single blocks of tightly stacked lines that do
    /// not pair up row for row (an address beside an address), or the two sides' lines do not sit on shared rows;
    /// a gutter between lines that sit on shared rows is a form or a table without borders, read across;</item>
    /// <item>else the widest horizontal gap of any size (rows);</item>
    /// <item>else the region is a leaf: its lines in Textract's raw order.</item>
    /// </list>
    /// </summary>
    internal static class XyCut
    {
        /// <summary>Horizontal white space this many median line heights high separates sections across columns.</summary>
        public const double SectionGapLines = 1.5;

        /// <summary>Below this share of lines with a partner on the same row across a gutter, the sides are columns.</summary>
        public const double RowSharingLimit = 0.5;

        /// <summary>A side whose lines have at least this many words (median) is prose.</summary>
        public const int ProseWordsPerLine = 4;

        /// <summary>Lines of one block are at most this many line heights apart, and start within this many of each other.</summary>
        public const double StackSpacingLines = 0.75;
        public const double StackAlignLines = 1.5;

        internal sealed class Unit
        {
            public Unit(Box box, List<int> lines, bool isTable)
            {
                Box = box;
                Lines = lines;
                IsTable = isTable;
            }

            public Box Box { get; }

            /// <summary>Raw-order indexes of the unit's lines.</summary>
            public List<int> Lines { get; }

            public bool IsTable { get; }
        }

        internal sealed class Context
        {
            public Context(Box[] lineBoxes, int[] wordCounts, double lineHeight)
            {
                LineBoxes = lineBoxes;
                WordCounts = wordCounts;
                LineHeight = lineHeight;
            }

            public Box[] LineBoxes { get; }
            public int[] WordCounts { get; }
            public double LineHeight { get; }
        }

        /// <summary>The leaves in reading order; each leaf's units are read together, their lines in raw order.</summary>
        public static List<List<Unit>> Leaves(List<Unit> units, Context context)
        {
            var leaves = new List<List<Unit>>();
            // An explicit stack instead of recursion: a page of many rows peels off a row at a time.
            var pending = new Stack<List<Unit>>();
            pending.Push(units);
            while (pending.Count > 0)
            {
                List<Unit> region = pending.Pop();
                List<List<Unit>>? parts = Cut(region, context);
                if (parts == null)
                {
                    leaves.Add(region);
                    continue;
                }
                for (int i = parts.Count - 1; i >= 0; i--) pending.Push(parts[i]);
            }
            return leaves;
        }

        /// <summary>The region's parts in reading order, or null when it is a leaf.</summary>
        private static List<List<Unit>>? Cut(List<Unit> region, Context context)
        {
            if (region.Count <= 1) return null;

            List<Gap> rowGaps = Gaps(region, vertical: false);
            var sectionGaps = rowGaps.FindAll(g => g.Size >= SectionGapLines * context.LineHeight);
            if (sectionGaps.Count > 0)
            {
                List<List<Unit>> bands = SplitAll(region, sectionGaps, vertical: false);
                List<List<Unit>> sections = JoinContinuedColumns(bands, context);
                if (sections.Count > 1) return sections;
            }

            List<Gap> gutters = Gaps(region, vertical: true);
            gutters.Sort((a, b) => b.Size.CompareTo(a.Size));
            foreach (Gap gutter in gutters)
            {
                SplitAt(region, gutter, vertical: true, out List<Unit> left, out List<Unit> right);
                if (AreColumns(left, right, context)) return new List<List<Unit>> { left, right };
            }

            if (rowGaps.Count == 0) return null;
            Gap widest = rowGaps[0];
            foreach (Gap gap in rowGaps)
            {
                if (gap.Size > widest.Size) widest = gap;
            }
            SplitAt(region, widest, vertical: false, out List<Unit> top, out List<Unit> bottom);
            return new List<List<Unit>> { top, bottom };
        }

        /// <summary>Whether the two sides of a gutter are read one after the other (columns) rather than across (rows).</summary>
        internal static bool AreColumns(List<Unit> left, List<Unit> right, Context context)
        {
            if (HasTable(left) || HasTable(right)) return true;
            if (IsProse(left, context) && IsProse(right, context)) return true;
            List<Box> a = LineBoxes(left, context), b = LineBoxes(right, context);
            if (a.Count != b.Count && IsStack(a, context) && IsStack(b, context)) return true;
            return RowSharing(a, b) < RowSharingLimit;
        }

        /// <summary>Two lines or more, one below the other, tightly spaced and starting at the same place: one block.</summary>
        internal static bool IsStack(List<Box> lines, Context context)
        {
            if (lines.Count < 2) return false;
            lines.Sort((x, y) => x.Top.CompareTo(y.Top));
            for (int i = 1; i < lines.Count; i++)
            {
                double gap = lines[i].Top - lines[i - 1].Bottom;
                if (gap < -0.5 * context.LineHeight || gap > StackSpacingLines * context.LineHeight) return false;
                if (Math.Abs(lines[i].Left - lines[0].Left) > StackAlignLines * context.LineHeight) return false;
            }
            return true;
        }

        /// <summary>Joins neighbouring bands when a gutter between prose columns runs through both.</summary>
        private static List<List<Unit>> JoinContinuedColumns(List<List<Unit>> bands, Context context)
        {
            var sections = new List<List<Unit>> { bands[0] };
            List<Gap> previousGutters = ProseGutters(bands[0], context);
            for (int i = 1; i < bands.Count; i++)
            {
                List<Gap> gutters = ProseGutters(bands[i], context);
                if (Overlapping(previousGutters, gutters))
                {
                    List<Unit> joined = sections[sections.Count - 1];
                    joined.AddRange(bands[i]);
                    previousGutters = ProseGutters(joined, context);
                }
                else
                {
                    sections.Add(bands[i]);
                    previousGutters = gutters;
                }
            }
            return sections;
        }

        private static List<Gap> ProseGutters(List<Unit> band, Context context)
        {
            var prose = new List<Gap>();
            foreach (Gap gutter in Gaps(band, vertical: true))
            {
                SplitAt(band, gutter, vertical: true, out List<Unit> left, out List<Unit> right);
                if (IsProse(left, context) && IsProse(right, context)) prose.Add(gutter);
            }
            return prose;
        }

        private static bool Overlapping(List<Gap> a, List<Gap> b)
        {
            foreach (Gap x in a)
            {
                foreach (Gap y in b)
                {
                    if (Math.Min(x.End, y.End) > Math.Max(x.Start, y.Start)) return true;
                }
            }
            return false;
        }

        private static bool HasTable(List<Unit> units)
        {
            foreach (Unit unit in units)
            {
                if (unit.IsTable) return true;
            }
            return false;
        }

        /// <summary>Two lines or more, no table, and lines of several words: running text.</summary>
        internal static bool IsProse(List<Unit> units, Context context)
        {
            var words = new List<int>();
            foreach (Unit unit in units)
            {
                if (unit.IsTable) return false;
                foreach (int line in unit.Lines) words.Add(context.WordCounts[line]);
            }
            if (words.Count < 2) return false;
            words.Sort();
            return words[words.Count / 2] >= ProseWordsPerLine;
        }

        /// <summary>
        /// The share of the lines of the side with fewer lines that sit on a row with a line of the other side
        /// (overlapping vertically by half the smaller height at least).
        /// </summary>
        internal static double RowSharing(List<Box> a, List<Box> b)
        {
            List<Box> few = a.Count <= b.Count ? a : b, many = a.Count <= b.Count ? b : a;
            if (few.Count == 0) return 0;
            many.Sort((x, y) => x.Top.CompareTo(y.Top));
            double tallest = 0;
            foreach (Box box in many) tallest = Math.Max(tallest, box.Height);
            int shared = 0;
            foreach (Box line in few)
            {
                // Only lines starting at most the tallest height above this one can reach it.
                int i = LowerBound(many, line.Top - tallest);
                for (; i < many.Count && many[i].Top < line.Bottom; i++)
                {
                    if (line.VerticalOverlap(many[i]) >= 0.5 * Math.Min(line.Height, many[i].Height))
                    {
                        shared++;
                        break;
                    }
                }
            }
            return (double)shared / few.Count;
        }

        private static int LowerBound(List<Box> sortedByTop, double top)
        {
            int low = 0, high = sortedByTop.Count;
            while (low < high)
            {
                int mid = (low + high) / 2;
                if (sortedByTop[mid].Top < top) low = mid + 1;
                else high = mid;
            }
            return low;
        }

        private static List<Box> LineBoxes(List<Unit> units, Context context)
        {
            var boxes = new List<Box>();
            foreach (Unit unit in units)
            {
                foreach (int line in unit.Lines) boxes.Add(context.LineBoxes[line]);
            }
            return boxes;
        }

        internal readonly struct Gap
        {
            public Gap(double start, double end)
            {
                Start = start;
                End = end;
            }

            public double Start { get; }
            public double End { get; }
            public double Size => End - Start;
            public double Middle => (Start + End) / 2;
        }

        /// <summary>The empty stretches between the units' extents along one axis (x when vertical, else y).</summary>
        internal static List<Gap> Gaps(List<Unit> units, bool vertical)
        {
            var spans = new List<(double Start, double End)>(units.Count);
            foreach (Unit unit in units)
            {
                spans.Add(vertical ? (unit.Box.Left, unit.Box.Right) : (unit.Box.Top, unit.Box.Bottom));
            }
            spans.Sort((a, b) => a.Start.CompareTo(b.Start));
            var gaps = new List<Gap>();
            if (spans.Count == 0) return gaps;
            double reach = spans[0].End;
            for (int i = 1; i < spans.Count; i++)
            {
                if (spans[i].Start > reach) gaps.Add(new Gap(reach, spans[i].Start));
                reach = Math.Max(reach, spans[i].End);
            }
            return gaps;
        }

        private static void SplitAt(List<Unit> units, Gap gap, bool vertical, out List<Unit> before, out List<Unit> after)
        {
            before = new List<Unit>();
            after = new List<Unit>();
            foreach (Unit unit in units)
            {
                double center = vertical ? unit.Box.CenterX : unit.Box.CenterY;
                (center < gap.Middle ? before : after).Add(unit);
            }
        }

        private static List<List<Unit>> SplitAll(List<Unit> units, List<Gap> gaps, bool vertical)
        {
            var parts = new List<List<Unit>>(gaps.Count + 1);
            for (int i = 0; i <= gaps.Count; i++) parts.Add(new List<Unit>());
            foreach (Unit unit in units)
            {
                double center = vertical ? unit.Box.CenterX : unit.Box.CenterY;
                int part = 0;
                while (part < gaps.Count && center > gaps[part].Middle) part++;
                parts[part].Add(unit);
            }
            return parts;
        }
    }
}
