namespace TextractTools.Engine.Document
{
    /// <summary>
    /// Where an element sits on its page, as ratios of the page width and height (0..1), the way Textract gives it.
    /// </summary>
    public sealed class TextractBoundingBox
    {
        public TextractBoundingBox(double left, double top, double width, double height)
        {
            Left = left;
            Top = top;
            Width = width;
            Height = height;
        }

        public double Left { get; }
        public double Top { get; }
        public double Width { get; }
        public double Height { get; }

        public double Right => Left + Width;
        public double Bottom => Top + Height;

        public override string ToString() => $"Left={Left:0.####} Top={Top:0.####} Width={Width:0.####} Height={Height:0.####}";
    }
}
