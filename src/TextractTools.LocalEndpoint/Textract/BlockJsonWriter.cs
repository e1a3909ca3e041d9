using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using TextractTools.LocalEndpoint.Replay;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// Writes blocks the two ways Textract does: as the Get* API answers them (absent members left out) and as it
    /// writes them to an OutputConfig bucket (every member of the service model's Block present, absent ones as
    /// explicit null, members in name order: see textract-samples/responses/text-detection-with-nulls.json).
    /// </summary>
    internal static class BlockJsonWriter
    {
        internal static readonly string[] ModelMembers =
        {
            "BlockType", "ColumnIndex", "ColumnSpan", "Confidence", "EntityTypes", "Geometry", "Id", "Page", "Query",
            "Relationships", "RowIndex", "RowSpan", "SelectionStatus", "Text", "TextType",
        };

        public static void Write(Utf8JsonWriter writer, RecordedBlock block, bool explicitNulls)
        {
            if (explicitNulls) WriteWithNulls(writer, block);
            else WriteCompact(writer, block);
        }

        private static void WriteCompact(Utf8JsonWriter writer, RecordedBlock block)
        {
            writer.WriteStartObject();
            foreach (var member in block.Source.EnumerateObject())
            {
                if (IsRewritten(member.Name) || member.Value.ValueKind == JsonValueKind.Null) continue;
                member.WriteTo(writer);
            }
            writer.WriteNumber("Page", block.Page);
            if (block.Relationships.Count > 0)
            {
                writer.WritePropertyName("Relationships");
                WriteRelationships(writer, block.Relationships);
            }
            writer.WriteEndObject();
        }

        private static void WriteWithNulls(Utf8JsonWriter writer, RecordedBlock block)
        {
            var recorded = block.Source.EnumerateObject()
                .Where(m => !IsRewritten(m.Name))
                .GroupBy(m => m.Name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
            var names = ModelMembers.Concat(recorded.Keys).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal);

            writer.WriteStartObject();
            foreach (var name in names)
            {
                writer.WritePropertyName(name);
                if (name == "Page") writer.WriteNumberValue(block.Page);
                else if (name == "Relationships")
                {
                    if (block.Relationships.Count > 0) WriteRelationships(writer, block.Relationships);
                    else writer.WriteNullValue();
                }
                else if (recorded.TryGetValue(name, out var value)) value.WriteTo(writer);
                else writer.WriteNullValue();
            }
            writer.WriteEndObject();
        }

        private static bool IsRewritten(string memberName) => memberName is "Page" or "Relationships";

        private static void WriteRelationships(Utf8JsonWriter writer, IReadOnlyList<BlockRelationship> relationships)
        {
            writer.WriteStartArray();
            foreach (var relationship in relationships)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("Ids");
                writer.WriteStartArray();
                foreach (var id in relationship.Ids) writer.WriteStringValue(id);
                writer.WriteEndArray();
                writer.WriteString("Type", relationship.Type);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
    }
}
