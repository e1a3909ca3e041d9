using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using TextractTools.LocalEndpoint.Replay;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// Derives a GetLendingAnalysisSummary <c>Summary</c> from lending Results when no summary was recorded. The
    /// service's own splitting is a model of its own; this is the endpoint's rule (REPLAY.md):
    /// <list type="bullet">
    /// <item>each page counts under its top PageType (the prediction with the highest confidence);</item>
    /// <item>consecutive pages of one type form one split document, and a page whose detected page number
    /// (PageClassification.PageNumber) is "1" starts a new one; split documents are numbered 1, 2, ... per type;</item>
    /// <item>DetectedSignatures: the pages of the group with at least one SignatureDetection; UndetectedSignatures:
    /// always empty (which pages expect a signature is the service's knowledge, not the recording's);</item>
    /// <item>groups come in the order their type first appears; UndetectedDocumentTypes: the lending types of the
    /// developer guide's sample summary (plus 1005) that no page has.</item>
    /// </list>
    /// </summary>
    internal static class LendingSummaryBuilder
    {
        /// <summary>
        /// Every document type Analyze Lending classifies, from the developer guide's GetLendingAnalysisSummary sample
        /// (its UndetectedDocumentTypes, plus 1005 which that sample detected).
        /// </summary>
        public static readonly IReadOnlyList<string> KnownDocumentTypes = new[]
        {
            "1003", "1005", "1008", "1040", "1040_SCHEDULE_C", "1040_SCHEDULE_D", "1040_SCHEDULE_E", "1065", "1099_DIV",
            "1099_G", "1099_INT", "1099_MISC", "1099_NEC", "1099_R", "1099_SSA", "1120", "1120_S", "BANK_STATEMENT",
            "CHECKS", "CREDIT_CARD_STATEMENT", "DEMOGRAPHIC_ADDENDUM", "HOA_STATEMENT", "HUD_92900_B", "IDENTITY_DOCUMENT",
            "INVESTMENT_STATEMENT", "INVOICES", "MORTGAGE_STATEMENT", "PAYOFF_STATEMENT", "PAYSLIPS", "RECEIPTS", "SSA_89",
            "UNCLASSIFIED", "UTILITY_BILLS", "VBA_26_0551", "W_2", "W_9",
        };

        public static JsonElement Build(IReadOnlyList<PagedItem> results)
        {
            var groups = new List<Group>();
            Group? previousGroup = null;
            foreach (var result in results)
            {
                var page = result.Pages.FirstOrDefault();
                var type = TopPrediction(result.Json, "PageType") ?? "UNCLASSIFIED";
                var group = groups.FirstOrDefault(g => g.Type == type);
                if (group is null) groups.Add(group = new Group(type));
                var startsDocument = !ReferenceEquals(group, previousGroup) || TopPrediction(result.Json, "PageNumber") == "1";
                if (startsDocument) group.Documents.Add(new List<int>());
                group.Documents[^1].Add(page);
                if (HasSignature(result.Json)) group.SignedPages.Add(page);
                previousGroup = group;
            }

            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteStartArray("DocumentGroups");
                foreach (var group in groups)
                {
                    w.WriteStartObject();
                    w.WriteString("Type", group.Type);
                    w.WriteStartArray("SplitDocuments");
                    for (var index = 0; index < group.Documents.Count; index++)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("Index", index + 1);
                        w.WriteStartArray("Pages");
                        foreach (var page in group.Documents[index]) w.WriteNumberValue(page);
                        w.WriteEndArray();
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteStartArray("DetectedSignatures");
                    foreach (var page in group.SignedPages)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("Page", page);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteStartArray("UndetectedSignatures");
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("UndetectedDocumentTypes");
                foreach (var type in KnownDocumentTypes.Where(t => groups.All(g => g.Type != t))) w.WriteStringValue(type);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            using var document = JsonDocument.Parse(buffer.ToArray());
            return document.RootElement.Clone();
        }

        /// <summary>The Value of the highest-confidence prediction of PageClassification.<paramref name="member"/>.</summary>
        private static string? TopPrediction(JsonElement result, string member)
        {
            if (!result.TryGetProperty("PageClassification", out var classification) || classification.ValueKind != JsonValueKind.Object
                || !classification.TryGetProperty(member, out var predictions) || predictions.ValueKind != JsonValueKind.Array)
                return null;
            return predictions.EnumerateArray()
                .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("Value", out var v) && v.ValueKind == JsonValueKind.String)
                .OrderByDescending(p => p.TryGetProperty("Confidence", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : 0)
                .Select(p => p.GetProperty("Value").GetString())
                .FirstOrDefault();
        }

        private static bool HasSignature(JsonElement result) =>
            result.TryGetProperty("Extractions", out var extractions) && extractions.ValueKind == JsonValueKind.Array
            && extractions.EnumerateArray().Any(e =>
                e.ValueKind == JsonValueKind.Object && e.TryGetProperty("LendingDocument", out var lending) && lending.ValueKind == JsonValueKind.Object
                && lending.TryGetProperty("SignatureDetections", out var signatures) && signatures.ValueKind == JsonValueKind.Array
                && signatures.GetArrayLength() > 0);

        private sealed class Group
        {
            public Group(string type) => Type = type;
            public string Type { get; }
            public List<List<int>> Documents { get; } = new();
            public SortedSet<int> SignedPages { get; } = new();
        }
    }
}
