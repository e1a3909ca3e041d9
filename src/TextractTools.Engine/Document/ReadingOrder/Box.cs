using System;

namespace TextractTools.Engine.Document.ReadingOrder
{
    /// <summary>An axis-aligned rectangle in page ratios (0..1), as edges: the reading-order algorithm's only geometry.</summary>
    internal readonly struct Box
    {
        public Box(double left, double top, double right, double bottom)
        {
            Left = Math.Min(left, right);
            Top = Math.Min(top, bottom);
            Right = Math.Max(left, right);
            Bottom = Math.Max(top, bottom);
        }

        public double Left { get; }
        public double Top { get; }
        public double Right { get; }
        public double Bottom { get; }

        public double Width => Right - Left;
        public double Height => Bottom - Top;
        public double CenterX => (Left + Right) / 2;
        public double CenterY => (Top + Bottom) / 2;

        public static Box? Of(TextractBoundingBox? box)
        {
            if (box == null || !IsFinite(box.Left) || !IsFinite(box.Top) || !IsFinite(box.Width) || !IsFinite(box.Height)) return null;
            return new Box(box.Left, box.Top, box.Right, box.Bottom);
        }

        public Box Union(Box other) =>
            new Box(Math.Min(Left, other.Left), Math.Min(Top, other.Top), Math.Max(Right, other.Right), Math.Max(Bottom, other.Bottom));

        /// <summary>How far the two overlap vertically (0 when they do not).</summary>
        public double VerticalOverlap(Box other) => Math.Max(0, Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top));

        /// <summary>How far the two overlap horizontally (0 when they do not).</summary>
        public double HorizontalOverlap(Box other) => Math.Max(0, Math.Min(Right, other.Right) - Math.Max(Left, other.Left));

        private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

        public override string ToString() => $"[{Left:0.###},{Top:0.###} - {Right:0.###},{Bottom:0.###}]";
    }
}
