using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TextractTools.LocalEndpoint.Replay
{
    /// <summary>A rectangle in Textract's page coordinates: fractions of the page, origin at the top-left corner.</summary>
    internal readonly record struct NormalisedBox(double Left, double Top, double Width, double Height)
    {
        public static readonly NormalisedBox WholePage = new(0, 0, 1, 1);

        public static NormalisedBox Union(IEnumerable<NormalisedBox> boxes)
        {
            double left = double.MaxValue, top = double.MaxValue, right = double.MinValue, bottom = double.MinValue;
            foreach (var box in boxes)
            {
                left = Math.Min(left, box.Left);
                top = Math.Min(top, box.Top);
                right = Math.Max(right, box.Left + box.Width);
                bottom = Math.Max(bottom, box.Top + box.Height);
            }
            return new NormalisedBox(left, top, right - left, bottom - top);
        }
    }

    /// <summary>
    /// Builds blocks the local endpoint makes up itself (PDF text layer, unanswered queries) with the members and
    /// geometry shape Textract uses, and ids that are stable for the same input (a name-based GUID), so repeated
    /// jobs on one document answer the same ids, as replayed recordings do.
    /// </summary>
    internal static class GeneratedBlock
    {
        public static string StableId(string seed)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
            var bytes = new byte[16];
            Array.Copy(hash, bytes, 16);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5-like, so the id reads as a name-based GUID
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes).ToString();
        }

        public static RecordedBlock Create(string id, string blockType, int page, IReadOnlyList<BlockRelationship> relationships,
            Action<Utf8JsonWriter> writeMembers)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("BlockType", blockType);
                writeMembers(writer);
                writer.WriteString("Id", id);
                writer.WriteEndObject();
            }
            using var document = JsonDocument.Parse(buffer.ToArray());
            return new RecordedBlock(id, blockType, page, relationships, document.RootElement.Clone());
        }

        public static void WriteGeometry(Utf8JsonWriter writer, NormalisedBox box)
        {
            writer.WritePropertyName("Geometry");
            writer.WriteStartObject();
            writer.WritePropertyName("BoundingBox");
            writer.WriteStartObject();
            writer.WriteNumber("Width", box.Width);
            writer.WriteNumber("Height", box.Height);
            writer.WriteNumber("Left", box.Left);
            writer.WriteNumber("Top", box.Top);
            writer.WriteEndObject();
            writer.WritePropertyName("Polygon");
            writer.WriteStartArray();
            WritePoint(writer, box.Left, box.Top);
            WritePoint(writer, box.Left + box.Width, box.Top);
            WritePoint(writer, box.Left + box.Width, box.Top + box.Height);
            WritePoint(writer, box.Left, box.Top + box.Height);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        private static void WritePoint(Utf8JsonWriter writer, double x, double y)
        {
            writer.WriteStartObject();
            writer.WriteNumber("X", x);
            writer.WriteNumber("Y", y);
            writer.WriteEndObject();
        }
    }
}
