using System.Globalization;

namespace TextractTools.LocalEndpoint.S3
{
    /// <summary>A single HTTP byte range (bytes=a-b, bytes=a-, bytes=-n), resolved against an object's length.</summary>
    public readonly record struct ByteRange(long First, long Last)
    {
        public long Length => Last - First + 1;

        /// <summary>
        /// False when the header is absent or not a single byte range (S3 then returns the whole object).
        /// Throws InvalidRange when the range starts beyond the object.
        /// </summary>
        public static bool TryParse(string? header, long objectLength, out ByteRange range)
        {
            range = default;
            if (header is null || !header.StartsWith("bytes=") || header.Contains(',')) return false;
            var spec = header.Substring("bytes=".Length).Trim();
            var dash = spec.IndexOf('-');
            if (dash < 0) return false;
            var firstText = spec.Substring(0, dash);
            var lastText = spec.Substring(dash + 1);
            if (firstText.Length == 0)
            {
                if (!long.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix)) return false;
                if (suffix == 0 || objectLength == 0) throw Unsatisfiable(objectLength);
                range = new ByteRange(System.Math.Max(0, objectLength - suffix), objectLength - 1);
                return true;
            }
            if (!long.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out var first)) return false;
            var last = objectLength - 1;
            if (lastText.Length > 0)
            {
                if (!long.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out last) || last < first) return false;
            }
            if (first >= objectLength) throw Unsatisfiable(objectLength);
            range = new ByteRange(first, System.Math.Min(last, objectLength - 1));
            return true;
        }

        private static S3Error Unsatisfiable(long objectLength) =>
            new(416, "InvalidRange", "The requested range is not satisfiable")
            {
                Details = new[] { ("ActualObjectSize", objectLength.ToString(CultureInfo.InvariantCulture)) },
            };
    }
}
