namespace TextractTools.Engine.Document
{
    /// <summary>
    /// Where an element sits on its page, as ratios of the page width and height (0..1), the way Textract gives it.
    /// </summary>
    public sealed class TextractBoundingBox
    {
        // 32-bit floats, as Textract writes them (its JSON numbers are floats printed in full): a document holds one
        // box per block, and doubles would add 16 bytes to each.
        private readonly float _left, _top, _width, _height;

        public TextractBoundingBox(double left, double top, double width, double height)
        {
            _left = (float)left;
            _top = (float)top;
            _width = (float)width;
            _height = (float)height;
        }

        public double Left => _left;
        public double Top => _top;
        public double Width => _width;
        public double Height => _height;

        public double Right => Left + Width;
        public double Bottom => Top + Height;

        public override string ToString() => $"Left={Left:0.####} Top={Top:0.####} Width={Width:0.####} Height={Height:0.####}";
    }
}
