using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TextractTools.Engine.Access
{
    /// <summary>
    /// Writes policies as IAM reads them, in a fixed property order (Version, Statement; Sid, Effect, Principal,
    /// Action, Resource, Condition) so the same plan always gives the same text: diffs of generated policies in
    /// source control then show real changes only. Lists are always arrays, even of one, for one shape to parse.
    /// </summary>
    public static class PolicyJsonWriter
    {
        // Relaxed escaping keeps ARNs readable: IAM names may hold '+', which the default encoder writes as \u002B.
        private static readonly JsonWriterOptions Indented = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private static readonly JsonWriterOptions Compact = new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static string Write(PolicyDocument document, bool indented = true) =>
            WriteWith(indented, writer => WriteDocument(writer, document));

        public static string Write(PolicyStatement statement, bool indented = true) =>
            WriteWith(indented, writer => WriteStatement(writer, statement));

        private static string WriteWith(bool indented, System.Action<Utf8JsonWriter> write)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, indented ? Indented : Compact))
            {
                write(writer);
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static void WriteDocument(Utf8JsonWriter writer, PolicyDocument document)
        {
            writer.WriteStartObject();
            writer.WriteString("Version", document.Version);
            writer.WriteStartArray("Statement");
            foreach (var statement in document.Statement) WriteStatement(writer, statement);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        private static void WriteStatement(Utf8JsonWriter writer, PolicyStatement statement)
        {
            writer.WriteStartObject();
            writer.WriteString("Sid", statement.Sid);
            writer.WriteString("Effect", statement.Effect);
            if (statement.Principal != null)
            {
                writer.WriteStartObject("Principal");
                WriteStrings(writer, statement.Principal.Type, statement.Principal.Identifiers);
                writer.WriteEndObject();
            }
            WriteStrings(writer, "Action", statement.Action);
            WriteStrings(writer, "Resource", statement.Resource);
            if (statement.Condition.Count > 0)
            {
                writer.WriteStartObject("Condition");
                // Grouped by operator, operators and keys in first-seen order: {"StringLike": {"s3:prefix": [...]}}.
                foreach (var byOperator in statement.Condition.GroupBy(c => c.Operator))
                {
                    writer.WriteStartObject(byOperator.Key);
                    foreach (var condition in byOperator) WriteStrings(writer, condition.Key, condition.Values);
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }

        private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
        {
            writer.WriteStartArray(name);
            foreach (var value in values) writer.WriteStringValue(value);
            writer.WriteEndArray();
        }
    }
}
