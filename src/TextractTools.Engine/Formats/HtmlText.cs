using System.Text;

namespace TextractTools.Engine.Formats
{
    /// <summary>
    /// Escapes text for HTML element content and attribute values. Characters no HTML (or XML) document may hold
    /// (control characters, unpaired surrogates, U+FFFE, U+FFFF) become U+FFFD, so the page stays valid.
    /// </summary>
    internal static class HtmlText
    {
        public static string Escape(string text)
        {
            var builder = new StringBuilder(text.Length + 16);
            Append(builder, text);
            return builder.ToString();
        }

        public static void Append(StringBuilder builder, string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                switch (c)
                {
                    case '&': builder.Append("&amp;"); continue;
                    case '<': builder.Append("&lt;"); continue;
                    case '>': builder.Append("&gt;"); continue;
                    case '"': builder.Append("&quot;"); continue;
                    case '\'': builder.Append("&#39;"); continue;
                }
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    builder.Append(c).Append(text[++i]);
                    continue;
                }
                bool invalid = char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF' ||
                               (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
                builder.Append(invalid ? '\uFFFD' : c);
            }
        }
    }
}
