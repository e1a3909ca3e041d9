using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document.ReadingOrder
{
    /// <summary>
    /// Where blocks start in a page's lines once they are in reading order. A line continues the block of the line
    /// before it when it sits on the same row, or just below it (no more than the page's usual line spacing plus half
    /// a line), within the block's width (so a form's next row continues it), of a similar height and not indented past
    /// the line before it. The lines of one table or
    /// one key-value pair never part; a table is a block of its own; a line that opens with a list marker starts a
    /// block unless the block is a list already (then it is the list's next item).
    /// </summary>
    internal static class Paragraphs
    {
        private const double SameRowOverlap = 0.5;
        private const double HeightChange = 1.4;
        private const double IndentLines = 1.2;

        /// <param name="order">Raw-order line indexes in reading order.</param>
        /// <param name="boxes">Each line's box in the text's frame, null where it has none.</param>
        /// <param name="groupOf">Each line's group (its own index when it is in none).</param>
        /// <param name="inTable">Whether the line belongs to a table.</param>
        /// <param name="startsWithMarker">Whether the line opens with a list marker.</param>
        public static bool[] Starts(int[] order, Box?[] boxes, int[] groupOf, bool[] inTable, bool[] startsWithMarker)
        {
            var starts = new bool[order.Length];
            if (order.Length == 0) return starts;
            double spacing = UsualSpacing(order, boxes);
            starts[0] = true;
            int blockFirst = order[0];
            Box? block = boxes[order[0]];
            for (int i = 1; i < order.Length; i++)
            {
                int previous = order[i - 1], line = order[i];
                bool start = StartsBlock(previous, line, blockFirst, block, spacing, boxes, groupOf, inTable, startsWithMarker);
                starts[i] = start;
                if (start)
                {
                    blockFirst = line;
                    block = boxes[line];
                }
                else if (boxes[line].HasValue)
                {
                    block = block.HasValue ? block.Value.Union(boxes[line]!.Value) : boxes[line];
                }
            }
            return starts;
        }

        private static bool StartsBlock(int previous, int line, int blockFirst, Box? block, double spacing, Box?[] boxes, int[] groupOf,
            bool[] inTable, bool[] startsWithMarker)
        {
            if (groupOf[previous] == groupOf[line]) return false; // one table, one field
            if (inTable[previous] || inTable[line]) return true;
            // A list marker opens a block, but the next item of a list goes on in the list's block.
            if (startsWithMarker[line] && !startsWithMarker[blockFirst]) return true;
            Box? a = boxes[previous], b = boxes[line];
            if (!a.HasValue || !b.HasValue) return false; // nothing to judge by: keep it with its neighbour
            Box above = a.Value, below = b.Value;
            double height = Math.Min(above.Height, below.Height);
            if (height <= 0) return false;
            if (above.VerticalOverlap(below) >= SameRowOverlap * height) return false;
            if (below.Top < above.Top) return true; // back up the page: the next column
            if (Math.Max(above.Height, below.Height) > HeightChange * height) return true;
            if ((block ?? above).HorizontalOverlap(below) <= 0) return true;
            if (below.Top - above.Bottom > spacing + 0.5 * height) return true;
            // A first-line indent opens a paragraph; a list item's own continuation lines are indented under its text.
            bool indented = below.Left - above.Left > IndentLines * height;
            return indented && !startsWithMarker[blockFirst];
        }

        /// <summary>The median white space between a line and the next one just below it (0 when none is).</summary>
        private static double UsualSpacing(int[] order, Box?[] boxes)
        {
            var gaps = new List<double>();
            for (int i = 1; i < order.Length; i++)
            {
                Box? a = boxes[order[i - 1]], b = boxes[order[i]];
                if (!a.HasValue || !b.HasValue) continue;
                double gap = b.Value.Top - a.Value.Bottom;
                double height = Math.Min(a.Value.Height, b.Value.Height);
                if (gap >= 0 && gap < 2 * height && a.Value.HorizontalOverlap(b.Value) > 0) gaps.Add(gap);
            }
            if (gaps.Count == 0) return 0;
            gaps.Sort();
            return gaps[gaps.Count / 2];
        }
    }
}
