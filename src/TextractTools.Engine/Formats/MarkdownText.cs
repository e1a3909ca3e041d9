using System.Text;
using System.Text.RegularExpressions;

namespace TextractTools.Engine.Formats
{
    /// <summary>
    /// Escapes document text for Markdown (CommonMark / GitHub-flavoured) so that it reads as the text it is: no
    /// emphasis, links, HTML, code or table cells appear by accident, and no line turns into a heading, list item,
    /// quote or rule because of how it starts.
    /// </summary>
    internal static class MarkdownText
    {
        // Starts that would make a block of a line that Inline has escaped: a heading ("# "), a list item ("- ", "+ ",
        // "1. ", "1) "), or a line of only dashes or equals signs (a rule, or the underline of a heading).
        private static readonly Regex BlockStart = new Regex(@"^(?:#{1,6}(?:\s|$)|[-+](?:\s|$)|[-=\s]+$)", RegexOptions.CultureInvariant);
        private static readonly Regex NumberStart = new Regex(@"^(?<digits>\d{1,9})(?=[.)](?:\s|$))", RegexOptions.CultureInvariant);

        // "&amp;", "&#169;", "&#xA9;": text that Markdown would turn into another character.
        private static readonly Regex Entity = new Regex(@"\G&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});", RegexOptions.CultureInvariant);

        /// <summary>Text inside a line: the characters that start inline markup are backslash-escaped.</summary>
        public static string Inline(string text)
        {
            var builder = new StringBuilder(text.Length + 8);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                switch (c)
                {
                    case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>': case '|': case '~':
                        builder.Append('\\').Append(c);
                        break;
                    case '&':
                        if (Entity.IsMatch(text, i)) builder.Append('\\');
                        builder.Append(c);
                        break;
                    case '\r': case '\n':
                        builder.Append(' ');
                        break;
                    default:
                        builder.Append(c);
                        break;
                }
            }
            return builder.ToString();
        }

        /// <summary>A whole line of a paragraph: inline escapes, and a start that would make a block escaped too.</summary>
        public static string Line(string text)
        {
            string escaped = Inline(text.Trim());
            if (BlockStart.IsMatch(escaped)) return "\\" + escaped;
            Match number = NumberStart.Match(escaped);
            // "1. Text" -> "1\. Text": the number stays as written, the punctuation after it is escaped.
            return number.Success ? number.Value + "\\" + escaped.Substring(number.Length) : escaped;
        }

        /// <summary>Heading text: inline escapes, and every '#' (a trailing one would close the heading).</summary>
        public static string Heading(string text) => Inline(text.Trim()).Replace("#", "\\#");

        /// <summary>A table cell: inline escapes (pipes included), line breaks as &lt;br&gt;.</summary>
        public static string Cell(string text)
        {
            var builder = new StringBuilder();
            string[] lines = text.Replace("\r\n", "\n").Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                if (i > 0) builder.Append("<br>");
                builder.Append(Inline(lines[i].Trim()));
            }
            return builder.ToString();
        }
    }
}
