using System.Text.RegularExpressions;

namespace TextractTools.Engine.Document.ReadingOrder
{
    /// <summary>Recognises the bullet or number a list item opens with.</summary>
    internal static class ListMarkers
    {
        // A bullet glyph; a dash, asterisk or middle dot followed by white space ("-40.60" is no item); or an item
        // number "1." "1)" "(1)" followed by white space.
        private static readonly Regex Marker = new Regex(
            @"^\s*(?:[\u2022\u2023\u2043\u2219\u25AA\u25AB\u25CF\u25CB\u25E6\u25A0\u25A1\u25B8\u25BA\u27A2\u2756\u2713\u2714\u2610\u2611\u2612]\s*|[\-*\u2013\u2014\u00B7]\s+|(?<number>\(?\d{1,3}[.)])\s+)",
            RegexOptions.CultureInvariant);

        public static bool Opens(string text) => Marker.IsMatch(text);

        /// <summary>
        /// Splits a line into its marker and the rest. <paramref name="number"/> is the item number for a numbered
        /// item, else null.
        /// </summary>
        public static bool TrySplit(string text, out string rest, out int? number)
        {
            Match match = Marker.Match(text);
            number = null;
            if (!match.Success)
            {
                rest = text;
                return false;
            }
            rest = text.Substring(match.Length).Trim();
            if (match.Groups["number"].Success)
            {
                string digits = match.Groups["number"].Value.Trim('(', ')', '.');
                if (int.TryParse(digits, out int value)) number = value;
            }
            return true;
        }
    }
}
