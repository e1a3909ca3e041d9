using System.Collections.Generic;
using System.IO;

namespace TextractTools.Engine.Formats
{
    /// <summary>
    /// CSV as RFC 4180 has it and Import-Csv and spreadsheets read it: every field in double quotes (a quote doubled),
    /// fields separated by commas, records by CRLF; line breaks inside a field are kept inside its quotes.
    /// </summary>
    public static class CsvText
    {
        public const string RecordSeparator = "\r\n";

        public static void WriteRecord(TextWriter writer, IEnumerable<string?> fields)
        {
            bool first = true;
            foreach (string? field in fields)
            {
                if (!first) writer.Write(',');
                first = false;
                writer.Write('"');
                writer.Write((field ?? string.Empty).Replace("\"", "\"\""));
                writer.Write('"');
            }
            writer.Write(RecordSeparator);
        }
    }
}
