using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// Writes recorded expense and lending structures the two ways Textract does, like <see cref="BlockJsonWriter"/>
    /// does for blocks: as the Get* API answers them (absent members left out, at every level) and as written to an
    /// OutputConfig bucket (every member of the service model's shape present, absent ones as explicit null, members
    /// in name order, at every level). Members a recording has that the model does not name are kept. Geometry is
    /// copied as recorded (as the block writer does).
    /// </summary>
    internal static class ShapeJsonWriter
    {
        // Shape -> member -> the shape of the member's value (or of each item of a list), null for a scalar or a
        // structure copied as recorded. From the service model (botocore textract 2018-06-27).
        private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> Shapes =
            new Dictionary<string, IReadOnlyDictionary<string, string?>>(StringComparer.Ordinal)
            {
                ["ExpenseDocument"] = Members(("Blocks", "Block"), ("ExpenseIndex", null), ("LineItemGroups", "LineItemGroup"), ("SummaryFields", "ExpenseField")),
                ["ExpenseField"] = Members(("Currency", "ExpenseCurrency"), ("GroupProperties", "ExpenseGroupProperty"), ("LabelDetection", "ExpenseDetection"),
                    ("PageNumber", null), ("Type", "ExpenseType"), ("ValueDetection", "ExpenseDetection")),
                ["ExpenseDetection"] = Members(("Confidence", null), ("Geometry", null), ("Text", null)),
                ["ExpenseType"] = Members(("Confidence", null), ("Text", null)),
                ["ExpenseCurrency"] = Members(("Code", null), ("Confidence", null)),
                ["ExpenseGroupProperty"] = Members(("Id", null), ("Types", null)),
                ["LineItemGroup"] = Members(("LineItemGroupIndex", null), ("LineItems", "LineItemFields")),
                ["LineItemFields"] = Members(("LineItemExpenseFields", "ExpenseField")),
                ["Block"] = BlockJsonWriter.ModelMembers.ToDictionary(m => m, _ => (string?)null, StringComparer.Ordinal),
                ["LendingResult"] = Members(("Extractions", "Extraction"), ("Page", null), ("PageClassification", "PageClassification")),
                ["PageClassification"] = Members(("PageNumber", "Prediction"), ("PageType", "Prediction")),
                ["Prediction"] = Members(("Confidence", null), ("Value", null)),
                ["Extraction"] = Members(("ExpenseDocument", "ExpenseDocument"), ("IdentityDocument", "IdentityDocument"), ("LendingDocument", "LendingDocument")),
                ["LendingDocument"] = Members(("LendingFields", "LendingField"), ("SignatureDetections", "SignatureDetection")),
                ["LendingField"] = Members(("KeyDetection", "LendingDetection"), ("Type", null), ("ValueDetections", "LendingDetection")),
                ["LendingDetection"] = Members(("Confidence", null), ("Geometry", null), ("SelectionStatus", null), ("Text", null)),
                ["SignatureDetection"] = Members(("Confidence", null), ("Geometry", null)),
                ["IdentityDocument"] = Members(("Blocks", "Block"), ("DocumentIndex", null), ("IdentityDocumentFields", "IdentityDocumentField")),
                ["IdentityDocumentField"] = Members(("Type", "AnalyzeIDDetections"), ("ValueDetection", "AnalyzeIDDetections")),
                ["AnalyzeIDDetections"] = Members(("Confidence", null), ("NormalizedValue", "NormalizedValue"), ("Text", null)),
                ["NormalizedValue"] = Members(("Value", null), ("ValueType", null)),
                ["LendingSummary"] = Members(("DocumentGroups", "DocumentGroup"), ("UndetectedDocumentTypes", null)),
                ["DocumentGroup"] = Members(("DetectedSignatures", "DetectedSignature"), ("SplitDocuments", "SplitDocument"), ("Type", null),
                    ("UndetectedSignatures", "UndetectedSignature")),
                ["SplitDocument"] = Members(("Index", null), ("Pages", null)),
                ["DetectedSignature"] = Members(("Page", null)),
                ["UndetectedSignature"] = Members(("Page", null)),
            };

        /// <summary>The shape of the items each paged kind serves.</summary>
        public static string ItemShape(JobKind kind) => kind == JobKind.Expense ? "ExpenseDocument" : "LendingResult";

        public const string SummaryShape = "LendingSummary";

        /// <summary>Writes <paramref name="value"/>, a structure of <paramref name="shape"/> (or a list of them).</summary>
        public static void Write(Utf8JsonWriter writer, JsonElement value, string shape, bool explicitNulls)
        {
            if (value.ValueKind == JsonValueKind.Array)
            {
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray()) Write(writer, item, shape, explicitNulls);
                writer.WriteEndArray();
                return;
            }
            if (value.ValueKind != JsonValueKind.Object || !Shapes.TryGetValue(shape, out var members))
            {
                value.WriteTo(writer);
                return;
            }

            var recorded = value.EnumerateObject()
                .Where(m => m.Value.ValueKind != JsonValueKind.Null)
                .GroupBy(m => m.Name, StringComparer.Ordinal)
                .Select(g => g.First())
                .ToList();
            writer.WriteStartObject();
            if (explicitNulls)
            {
                var byName = recorded.ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal);
                foreach (var name in members.Keys.Concat(byName.Keys).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    if (byName.TryGetValue(name, out var member)) WriteMember(writer, member, members, name, explicitNulls);
                    else writer.WriteNullValue();
                }
            }
            else
            {
                foreach (var member in recorded)
                {
                    writer.WritePropertyName(member.Name);
                    WriteMember(writer, member.Value, members, member.Name, explicitNulls);
                }
            }
            writer.WriteEndObject();
        }

        private static void WriteMember(Utf8JsonWriter writer, JsonElement value, IReadOnlyDictionary<string, string?> members, string name, bool explicitNulls)
        {
            if (members.TryGetValue(name, out var childShape) && childShape is not null) Write(writer, value, childShape, explicitNulls);
            else value.WriteTo(writer);
        }

        private static IReadOnlyDictionary<string, string?> Members(params (string Name, string? Shape)[] members) =>
            members.ToDictionary(m => m.Name, m => m.Shape, StringComparer.Ordinal);
    }
}
