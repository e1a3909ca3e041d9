using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TextractTools.Engine.Output;
using TextractTools.Engine.Document;

namespace TextractTools.Tests.Engine.Document.Expense
{
    /// <summary>Variants of real answers as other sources deliver them: with explicit nulls, split into several answers.</summary>
    internal static class JsonVariants
    {
        // Optional members of answers, documents, fields, detections and blocks: S3 output writes the absent ones as null.
        private static readonly string[] Optional =
        {
            "NextToken", "Warnings", "StatusMessage", "JobStatus", "Blocks", "Results", "Summary", "IdentityDocuments",
            "LabelDetection", "Currency", "GroupProperties", "Relationships", "EntityTypes", "TextType", "KeyDetection",
            "SelectionStatus", "ExpenseDocument", "IdentityDocument", "LendingDocument", "SignatureDetections", "NormalizedValue",
        };

        public static JsonNode Load(string path) => JsonNode.Parse(File.ReadAllBytes(path))!;

        // Arrays of the expense and lending shapes, which get a null item too (the block arrays are the block reader's).
        private static readonly string[] ObjectArrays =
        {
            "ExpenseDocuments", "SummaryFields", "LineItemGroups", "LineItems", "LineItemExpenseFields", "GroupProperties",
            "Results", "Extractions", "LendingFields", "ValueDetections", "PageType", "PageNumber", "IdentityDocumentFields",
            "DocumentGroups", "SplitDocuments", "DetectedSignatures", "UndetectedSignatures", "SignatureDetections",
        };

        /// <summary>
        /// Every optional member an object lacks, added as an explicit null (as Textract writes output to S3), and a
        /// null item in each array of expense and lending objects.
        /// </summary>
        public static JsonNode WithExplicitNulls(JsonNode node)
        {
            JsonNode copy = node.DeepClone();
            AddNulls(copy);
            return copy;
        }

        private static void AddNulls(JsonNode? node)
        {
            if (node is JsonObject obj)
            {
                foreach (KeyValuePair<string, JsonNode?> member in obj.ToList())
                {
                    AddNulls(member.Value);
                    if (member.Value is JsonArray array && array.Count > 0 && ObjectArrays.Contains(member.Key)) array.Add(null);
                }
                foreach (string name in Optional)
                {
                    if (!obj.ContainsKey(name)) obj[name] = null;
                }
            }
            else if (node is JsonArray array)
            {
                foreach (JsonNode? item in array) AddNulls(item);
            }
        }

        public static RawOutputPage Page(JsonNode node, string source) => new RawOutputPage(source, Encoding.UTF8.GetBytes(node.ToJsonString()));

        public static string WriteTemp(JsonNode node, bool bom = false)
        {
            string path = Path.Combine(Path.GetTempPath(), "textract-tools-test-" + System.Guid.NewGuid().ToString("N") + ".json");
            byte[] json = Encoding.UTF8.GetBytes(node.ToJsonString());
            File.WriteAllBytes(path, bom ? new byte[] { 0xEF, 0xBB, 0xBF }.Concat(json).ToArray() : json);
            return path;
        }

        /// <summary>A Get* answer like <paramref name="whole"/> holding other results (and a NextToken unless last).</summary>
        public static JsonObject AnswerWith(JsonNode whole, string member, IEnumerable<JsonNode?> results, bool last)
        {
            var answer = (JsonObject)whole.DeepClone();
            answer[member] = new JsonArray(results.Select(r => r?.DeepClone()).ToArray());
            if (!last) answer["NextToken"] = "token-" + System.Guid.NewGuid().ToString("N");
            return answer;
        }

        public static JsonArray Slice(JsonNode? array, int start, int count) =>
            new JsonArray(((JsonArray)array!).Skip(start).Take(count).Select(n => n?.DeepClone()).ToArray());
    }
}
