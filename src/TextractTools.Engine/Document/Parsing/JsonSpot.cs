using System.Collections.Generic;
using System.Text.Json;

namespace TextractTools.Engine.Document.Parsing
{
    /// <summary>
    /// A value of an answer read with JsonDocument, with where it is: the output page and a path such as
    /// ExpenseDocuments[0].SummaryFields[3].Type, so that a value of the wrong shape is reported where it is. An
    /// explicit JSON null reads as an absent member (Textract writes its output to S3 that way), also as an array item.
    /// </summary>
    internal readonly struct JsonSpot
    {
        public JsonSpot(JsonElement value, string source, string path)
        {
            Value = value;
            Source = source;
            Path = path;
        }

        public JsonElement Value { get; }

        /// <summary>The output page (file, S3 object, API page; "[answer n]" within an array).</summary>
        public string Source { get; }

        /// <summary>Where in the answer, empty for the answer itself.</summary>
        public string Path { get; }

        /// <summary>The answer's members with their values (null ones left out).</summary>
        public IEnumerable<KeyValuePair<string, JsonSpot>> Members()
        {
            foreach (JsonProperty property in Value.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Null) continue;
                yield return new KeyValuePair<string, JsonSpot>(property.Name, new JsonSpot(property.Value, Source, Child(property.Name)));
            }
        }

        /// <summary>The member's value when it is present and not null.</summary>
        public bool TryGet(string name, out JsonSpot member)
        {
            if (Value.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null)
            {
                member = new JsonSpot(value, Source, Child(name));
                return true;
            }
            member = default;
            return false;
        }

        /// <summary>An object member; null when absent.</summary>
        public JsonSpot? Object(string name)
        {
            if (!TryGet(name, out JsonSpot member)) return null;
            member.Expect(JsonValueKind.Object, "an object");
            return member;
        }

        /// <summary>The objects of an array member (none when absent; null items skipped).</summary>
        public IEnumerable<JsonSpot> Objects(string name) =>
            TryGet(name, out JsonSpot array) ? array.ObjectItems() : System.Array.Empty<JsonSpot>();

        /// <summary>The objects of this array (null items skipped).</summary>
        public IEnumerable<JsonSpot> ObjectItems()
        {
            Expect(JsonValueKind.Array, "an array");
            return Items();
        }

        private IEnumerable<JsonSpot> Items()
        {
            int i = 0;
            foreach (JsonElement item in Value.EnumerateArray())
            {
                var spot = new JsonSpot(item, Source, Path + "[" + i++ + "]");
                if (item.ValueKind == JsonValueKind.Null) continue;
                spot.Expect(JsonValueKind.Object, "an object");
                yield return spot;
            }
        }

        /// <summary>The strings of an array member (none when absent; null items skipped).</summary>
        public List<string> Strings(string name)
        {
            var strings = new List<string>();
            if (!TryGet(name, out JsonSpot array)) return strings;
            array.Expect(JsonValueKind.Array, "an array");
            int i = 0;
            foreach (JsonElement item in array.Value.EnumerateArray())
            {
                var spot = new JsonSpot(item, Source, array.Path + "[" + i++ + "]");
                if (item.ValueKind == JsonValueKind.Null) continue;
                spot.Expect(JsonValueKind.String, "a string");
                strings.Add(item.GetString()!);
            }
            return strings;
        }

        /// <summary>The page numbers of an array member (none when absent; null items skipped).</summary>
        public List<int> Pages(string name)
        {
            var pages = new List<int>();
            if (!TryGet(name, out JsonSpot array)) return pages;
            array.Expect(JsonValueKind.Array, "an array");
            int i = 0;
            foreach (JsonElement item in array.Value.EnumerateArray())
            {
                var spot = new JsonSpot(item, Source, array.Path + "[" + i++ + "]");
                if (item.ValueKind == JsonValueKind.Null) continue;
                pages.Add(spot.AsPage());
            }
            return pages;
        }

        public string? String(string name)
        {
            if (!TryGet(name, out JsonSpot member)) return null;
            member.Expect(JsonValueKind.String, "a string");
            return member.Value.GetString();
        }

        public double? Number(string name)
        {
            if (!TryGet(name, out JsonSpot member)) return null;
            member.Expect(JsonValueKind.Number, "a number");
            return member.Value.GetDouble();
        }

        public int? Int(string name)
        {
            if (!TryGet(name, out JsonSpot member)) return null;
            member.Expect(JsonValueKind.Number, "a whole number");
            if (!member.Value.TryGetInt32(out int value)) throw member.Error($"is {member.Value.GetRawText()}, not a whole number");
            return value;
        }

        /// <summary>A page number member: 1 up to the most any output can have.</summary>
        public int? Page(string name) => TryGet(name, out JsonSpot member) ? member.AsPage() : (int?)null;

        /// <summary>Geometry.BoundingBox of this object, when all four of its numbers are given.</summary>
        public TextractBoundingBox? BoundingBox()
        {
            JsonSpot? box = Object("Geometry")?.Object("BoundingBox");
            if (box == null) return null;
            double? left = box.Value.Number("Left"), top = box.Value.Number("Top"), width = box.Value.Number("Width"), height = box.Value.Number("Height");
            if (left == null || top == null || width == null || height == null) return null;
            return new TextractBoundingBox(left.Value, top.Value, width.Value, height.Value);
        }

        /// <summary>Refuses this value unless it is a JSON object.</summary>
        public void ExpectObject() => Expect(JsonValueKind.Object, "an object");

        public TextractOutputException Error(string problem)
        {
            string where = Path.Length == 0 ? "the answer" : Path;
            return new TextractOutputException($"{Source}: {where} {problem}.", Source);
        }

        private int AsPage()
        {
            Expect(JsonValueKind.Number, "a page number");
            if (!Value.TryGetInt32(out int page) || page < 1 || page > OutputJsonParser.MaxPage)
            {
                throw Error($"is {Value.GetRawText()}, not a page number (1..{OutputJsonParser.MaxPage})");
            }
            return page;
        }

        private void Expect(JsonValueKind kind, string what)
        {
            if (Value.ValueKind != kind) throw Error($"is {KindOf(Value.ValueKind)}, not {what}");
        }

        /// <summary>A JSON value kind in words: "an object", "a string" ...</summary>
        public static string KindOf(JsonValueKind kind)
        {
            switch (kind)
            {
                case JsonValueKind.Object: return "an object";
                case JsonValueKind.Array: return "an array";
                case JsonValueKind.String: return "a string";
                case JsonValueKind.Number: return "a number";
                case JsonValueKind.True:
                case JsonValueKind.False: return "true or false";
                default: return "null";
            }
        }

        private string Child(string name) => Path.Length == 0 ? name : Path + "." + name;
    }
}
