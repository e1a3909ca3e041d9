using System;
using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Document.ReadingOrder;

namespace TextractTools.Tests.Engine.Document.ReadingOrder
{
    /// <summary>
    /// A page laid out by hand for the reading-order algorithm: named lines of a few words at given places, in
    /// Textract's raw order (by row, then left to right, as Textract lists lines), optionally turned or skewed the way
    /// a scanner would, and groups of lines (tables, key-value pairs).
    /// </summary>
    internal sealed class SyntheticPage
    {
        public const double LineHeight = 0.012;
        public const double Pitch = 0.018;

        private readonly List<(string Name, Box Box, int Words)> _lines = new List<(string, Box, int)>();
        private readonly List<(string[] Names, Box? Extent, bool IsTable)> _groups = new List<(string[], Box?, bool)>();

        public SyntheticPage Line(string name, double left, double top, double width, int words = 6, double height = LineHeight)
        {
            _lines.Add((name, new Box(left, top, left + width, top + height), words));
            return this;
        }

        public SyntheticPage Group(bool isTable, Box? extent, params string[] names)
        {
            _groups.Add((names, extent, isTable));
            return this;
        }

        /// <summary>The names in Textract's raw order: rows top to bottom, a row left to right.</summary>
        public IReadOnlyList<string> RawOrder => Raw().Select(l => l.Name).ToList();

        /// <param name="quarterTurns">How the scanned image is turned (1: text runs down, 2: upside down, 3: text runs up).</param>
        /// <param name="skew">A shear of the scan: each point moves down by skew x (x - 0.5).</param>
        /// <param name="withoutBox">Lines whose box the output leaves out.</param>
        public (PageShape Shape, string[] Names) Shape(int quarterTurns = 0, double skew = 0, ISet<string>? withoutBox = null)
        {
            var raw = Raw();
            var shape = new PageShape();
            var index = new Dictionary<string, int>();
            foreach (var (name, box, words) in raw)
            {
                var wordBoxes = new List<Box>();
                double step = box.Width / words;
                for (int w = 0; w < words; w++)
                {
                    wordBoxes.Add(Scan(new Box(box.Left + w * step, box.Top, box.Left + (w + 0.8) * step, box.Bottom), quarterTurns, skew));
                }
                Box? scanned = withoutBox != null && withoutBox.Contains(name) ? (Box?)null : Scan(box, quarterTurns, skew);
                index[name] = shape.AddLine(scanned, words, wordBoxes);
            }
            foreach (var (names, extent, isTable) in _groups)
            {
                shape.AddGroup(names.Select(n => index[n]), extent.HasValue ? Scan(extent.Value, quarterTurns, skew) : (Box?)null, isTable);
            }
            return (shape, raw.Select(l => l.Name).ToArray());
        }

        /// <summary>The names in the order the algorithm finds.</summary>
        public string[] Order(int quarterTurns = 0, double skew = 0, ISet<string>? withoutBox = null)
        {
            var (shape, names) = Shape(quarterTurns, skew, withoutBox);
            return GeometricReadingOrder.Arrange(shape).Order.Select(i => names[i]).ToArray();
        }

        /// <summary>The blocks the algorithm finds, as lists of names.</summary>
        public List<List<string>> Blocks()
        {
            var (shape, names) = Shape();
            Arrangement arrangement = GeometricReadingOrder.Arrange(shape);
            var blocks = new List<List<string>>();
            for (int i = 0; i < arrangement.Order.Length; i++)
            {
                if (arrangement.BlockStarts[i]) blocks.Add(new List<string>());
                blocks[blocks.Count - 1].Add(names[arrangement.Order[i]]);
            }
            return blocks;
        }

        private List<(string Name, Box Box, int Words)> Raw() =>
            _lines.OrderBy(l => Math.Round(l.Box.Top, 3)).ThenBy(l => l.Box.Left).ToList();

        private static Box Scan(Box upright, int quarterTurns, double skew)
        {
            Box box = upright;
            if (skew != 0)
            {
                // The axis-aligned box of the sheared rectangle, as Textract would report it.
                double topLeft = box.Top + skew * (box.Left - 0.5), topRight = box.Top + skew * (box.Right - 0.5);
                double bottomLeft = box.Bottom + skew * (box.Left - 0.5), bottomRight = box.Bottom + skew * (box.Right - 0.5);
                box = new Box(box.Left, Math.Min(topLeft, topRight), box.Right, Math.Max(bottomLeft, bottomRight));
            }
            switch (quarterTurns)
            {
                case 1: return new Box(1 - box.Bottom, box.Left, 1 - box.Top, box.Right);
                case 2: return new Box(1 - box.Right, 1 - box.Bottom, 1 - box.Left, 1 - box.Top);
                case 3: return new Box(box.Top, 1 - box.Right, box.Bottom, 1 - box.Left);
                default: return box;
            }
        }
    }
}
