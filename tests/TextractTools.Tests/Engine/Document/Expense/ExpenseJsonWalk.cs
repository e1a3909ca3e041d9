using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace TextractTools.Tests.Engine.Document.Expense
{
    /// <summary>
    /// An independent walk of expense output with JsonDocument, written from the service model's shape and nothing of
    /// the engine's, for the tests to compare the model with: every summary field and every line item's fields.
    /// </summary>
    internal static class ExpenseJsonWalk
    {
        public sealed record Field(int ExpenseIndex, int? Page, string Type, string Label, string Value, string? Currency, string GroupTypes);

        public sealed record Document(int ExpenseIndex, List<Field> SummaryFields, List<List<Field>> LineItems, List<string> LineTexts);

        public static List<Document> Read(string path)
        {
            using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(path));
            IEnumerable<JsonElement> answers = json.RootElement.ValueKind == JsonValueKind.Array
                ? json.RootElement.EnumerateArray().ToList()
                : new[] { json.RootElement };
            var documents = new List<Document>();
            foreach (JsonElement answer in answers)
            {
                foreach (JsonElement document in answer.GetProperty("ExpenseDocuments").EnumerateArray())
                {
                    documents.Add(ReadDocument(document, document.GetProperty("ExpenseIndex").GetInt32()));
                }
            }
            return documents;
        }

        public static Document ReadDocument(JsonElement document, int index)
        {
            var summary = document.GetProperty("SummaryFields").EnumerateArray().Select(f => ReadField(f, index)).ToList();
            var lineItems = new List<List<Field>>();
            foreach (JsonElement group in document.GetProperty("LineItemGroups").EnumerateArray())
            {
                foreach (JsonElement item in group.GetProperty("LineItems").EnumerateArray())
                {
                    lineItems.Add(item.GetProperty("LineItemExpenseFields").EnumerateArray().Select(f => ReadField(f, index)).ToList());
                }
            }
            var lines = new List<string>();
            if (document.TryGetProperty("Blocks", out JsonElement blocks))
            {
                lines = blocks.EnumerateArray().Where(b => b.GetProperty("BlockType").GetString() == "LINE").Select(b => b.GetProperty("Text").GetString()!).ToList();
            }
            return new Document(index, summary, lineItems, lines);
        }

        private static Field ReadField(JsonElement field, int index)
        {
            string label = field.TryGetProperty("LabelDetection", out JsonElement l) ? l.GetProperty("Text").GetString()! : "";
            string? currency = field.TryGetProperty("Currency", out JsonElement c) ? c.GetProperty("Code").GetString() : null;
            int? page = field.TryGetProperty("PageNumber", out JsonElement p) ? p.GetInt32() : null;
            string groups = field.TryGetProperty("GroupProperties", out JsonElement g)
                ? string.Join(", ", g.EnumerateArray().SelectMany(x => x.GetProperty("Types").EnumerateArray().Select(t => t.GetString())).Distinct())
                : "";
            return new Field(index, page, field.GetProperty("Type").GetProperty("Text").GetString()!, label,
                field.GetProperty("ValueDetection").GetProperty("Text").GetString()!, currency, groups);
        }
    }
}
