using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document.ReadingOrder
{
    /// <summary>
    /// A page's reading order found from geometry alone (for output without LAYOUT blocks), and where its blocks
    /// (paragraphs, tables, form rows) start. The algorithm, in README.md beside this file:
    /// <list type="number">
    /// <item>Frame: turn the boxes upright and remove skew (<see cref="PageFrame"/>); when the page's text direction
    /// cannot be told, or fewer than half its lines have a box, keep Textract's raw line order.</item>
    /// <item>Units: a table's lines, or a key-value pair's, make one unit whose box is the container's box and its
    /// lines'; every other line is a unit of its own.</item>
    /// <item>Order: a recursive XY-cut over the units (<see cref="XyCut"/>): sections at wide horizontal white space,
    /// then columns at vertical gutters that really separate columns, then rows. Each leaf's lines keep Textract's
    /// raw order, which is already a good order within a region, so a single-column page comes out in raw order.</item>
    /// <item>Lines without a box follow the line before them in raw order.</item>
    /// <item>Blocks: <see cref="Paragraphs"/>.</item>
    /// </list>
    /// The result is always a permutation of the page's lines: no line is dropped or repeated.
    /// </summary>
    internal static class GeometricReadingOrder
    {
        public static Arrangement Arrange(PageShape page)
        {
            int count = page.LineCount;
            var groupOf = new int[count];
            var inTable = new bool[count];
            var markers = new bool[count];
            for (int line = 0; line < count; line++)
            {
                groupOf[line] = page.GroupOf(line);
                inTable[line] = page.IsGrouped(line) && page.IsTableGroup(groupOf[line]);
                markers[line] = page.OpensWithListMarker(line);
            }
            if (count == 0) return new Arrangement(new int[0], new bool[0], usedGeometry: false);

            PageFrame? frame = PageFrame.Detect(page);
            var boxes = new Box?[count];
            int boxed = 0;
            for (int line = 0; line < count; line++)
            {
                Box? box = page.LineBox(line);
                if (box.HasValue && frame != null)
                {
                    boxes[line] = frame.Apply(box.Value);
                    boxed++;
                }
            }
            if (frame == null || boxed * 2 < count)
            {
                int[] raw = RawOrder(count);
                return new Arrangement(raw, Paragraphs.Starts(raw, new Box?[count], groupOf, inTable, markers), usedGeometry: false);
            }

            List<XyCut.Unit> units = Units(page, frame, boxes, groupOf);
            var context = new XyCut.Context(Filled(boxes), WordCounts(page), MedianHeight(boxes));
            var ordered = new List<int>(count);
            foreach (List<XyCut.Unit> leaf in XyCut.Leaves(units, context))
            {
                var lines = new List<int>();
                foreach (XyCut.Unit unit in leaf) lines.AddRange(unit.Lines);
                lines.Sort();
                ordered.AddRange(lines);
            }
            int[] order = WithLinesWithoutBox(ordered, boxes);
            if (!IsPermutation(order, count)) order = RawOrder(count); // cannot happen; if it ever did, lose nothing
            return new Arrangement(order, Paragraphs.Starts(order, boxes, groupOf, inTable, markers), usedGeometry: true);
        }

        private static List<XyCut.Unit> Units(PageShape page, PageFrame frame, Box?[] boxes, int[] groupOf)
        {
            var units = new List<XyCut.Unit>();
            var unitOfGroup = new Dictionary<int, int>();
            var extents = new List<Box>();
            for (int line = 0; line < boxes.Length; line++)
            {
                if (!boxes[line].HasValue) continue;
                Box box = boxes[line]!.Value;
                if (!page.IsGrouped(line))
                {
                    units.Add(new XyCut.Unit(box, new List<int> { line }, isTable: false));
                    extents.Add(box);
                    continue;
                }
                int root = groupOf[line];
                if (unitOfGroup.TryGetValue(root, out int index))
                {
                    units[index].Lines.Add(line);
                    extents[index] = extents[index].Union(box);
                    continue;
                }
                Box? container = page.GroupExtent(root);
                unitOfGroup.Add(root, units.Count);
                units.Add(new XyCut.Unit(box, new List<int> { line }, page.IsTableGroup(root)));
                extents.Add(container.HasValue ? box.Union(frame.Apply(container.Value)) : box);
            }
            for (int i = 0; i < units.Count; i++)
            {
                units[i] = new XyCut.Unit(extents[i], units[i].Lines, units[i].IsTable);
            }
            return units;
        }

        /// <summary>Each line without a box goes right after the line before it in raw order (first if none is).</summary>
        private static int[] WithLinesWithoutBox(List<int> ordered, Box?[] boxes)
        {
            var followers = new Dictionary<int, List<int>>();
            var leading = new List<int>();
            int lastBoxed = -1;
            for (int line = 0; line < boxes.Length; line++)
            {
                if (boxes[line].HasValue)
                {
                    lastBoxed = line;
                    continue;
                }
                if (lastBoxed < 0)
                {
                    leading.Add(line);
                    continue;
                }
                if (!followers.TryGetValue(lastBoxed, out List<int>? list)) followers[lastBoxed] = list = new List<int>();
                list.Add(line);
            }
            var order = new List<int>(boxes.Length);
            order.AddRange(leading);
            foreach (int line in ordered)
            {
                order.Add(line);
                if (followers.TryGetValue(line, out List<int>? after)) order.AddRange(after);
            }
            return order.ToArray();
        }

        private static Box[] Filled(Box?[] boxes)
        {
            var filled = new Box[boxes.Length];
            for (int i = 0; i < boxes.Length; i++) filled[i] = boxes[i] ?? default;
            return filled;
        }

        private static int[] WordCounts(PageShape page)
        {
            var counts = new int[page.LineCount];
            for (int i = 0; i < counts.Length; i++) counts[i] = page.WordCount(i);
            return counts;
        }

        private static double MedianHeight(Box?[] boxes)
        {
            var heights = new List<double>();
            foreach (Box? box in boxes)
            {
                if (box.HasValue) heights.Add(box.Value.Height);
            }
            heights.Sort();
            double median = heights.Count == 0 ? 0 : heights[heights.Count / 2];
            return median > 0 ? median : 1e-6;
        }

        private static int[] RawOrder(int count)
        {
            var order = new int[count];
            for (int i = 0; i < count; i++) order[i] = i;
            return order;
        }

        private static bool IsPermutation(int[] order, int count)
        {
            if (order.Length != count) return false;
            var seen = new bool[count];
            foreach (int line in order)
            {
                if (line < 0 || line >= count || seen[line]) return false;
                seen[line] = true;
            }
            return true;
        }
    }

    /// <summary>A page's lines in reading order (raw-order indexes) and, per position, whether a block starts there.</summary>
    internal sealed class Arrangement
    {
        public Arrangement(int[] order, bool[] blockStarts, bool usedGeometry)
        {
            Order = order;
            BlockStarts = blockStarts;
            UsedGeometry = usedGeometry;
        }

        public int[] Order { get; }
        public bool[] BlockStarts { get; }

        /// <summary>False when the page kept Textract's raw order (no usable geometry, or an unclear text direction).</summary>
        public bool UsedGeometry { get; }
    }
}
