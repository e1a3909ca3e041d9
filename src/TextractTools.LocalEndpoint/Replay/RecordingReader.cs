using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace TextractTools.LocalEndpoint.Replay
{
    /// <summary>
    /// Reads a recorded Textract answer into a recording of the kind its content shows (REPLAY.md):
    /// <c>Blocks</c> -> a <see cref="Recording"/> (text detection and analysis), <c>ExpenseDocuments</c> -> an
    /// <see cref="ExpenseRecording"/>, <c>Results</c> whose items have <c>PageClassification</c> -> a
    /// <see cref="LendingRecording"/>, <c>Summary</c> with <c>DocumentGroups</c> -> a <see cref="LendingSummaryRecording"/>.
    /// Accepted shapes: a synchronous answer (AnalyzeDocument, DetectDocumentText, AnalyzeExpense), a Get* answer (its
    /// pages already merged into one object), or a JSON array of Get* pages in order. Synchronous answers carry no
    /// Page member on their blocks: each block then gets the page of the last PAGE block met before it.
    /// </summary>
    internal static class RecordingReader
    {
        /// <summary>Reads a blocks recording (text detection / analysis).</summary>
        /// <exception cref="FormatException">the text is not a recording of blocks (with the reason).</exception>
        public static Recording Read(string json, string origin) =>
            ReadAny(json, origin) as Recording
            ?? throw new FormatException($"{origin} holds no Blocks: it is not a text detection or analysis answer.");

        /// <summary>Reads a recording of any kind: a <see cref="Recording"/>, <see cref="ExpenseRecording"/>,
        /// <see cref="LendingRecording"/> or <see cref="LendingSummaryRecording"/>.</summary>
        /// <exception cref="FormatException">the text is not a Textract answer this endpoint replays (with the reason).</exception>
        public static object ReadAny(string json, string origin)
        {
            var answers = Parse(json, origin);
            var kinds = answers.Select(a => KindOf(a, origin)).Distinct().ToList();
            if (kinds.Count > 1)
                throw new FormatException($"{origin} mixes answers of several kinds ({string.Join(", ", kinds)}); put each kind in a file of its own.");
            var declaredPages = answers.Max(DeclaredPages);
            return kinds[0] switch
            {
                RecordingKind.Blocks => ReadBlocks(answers, declaredPages, origin),
                RecordingKind.Expense => ReadExpense(answers, declaredPages, origin),
                RecordingKind.Lending => ReadLending(answers, declaredPages, origin),
                _ => ReadLendingSummary(answers, declaredPages, origin),
            };
        }

        private static List<JsonElement> Parse(string json, string origin)
        {
            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
                root = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new FormatException($"{origin} is not valid JSON: {e.Message}", e);
            }

            var answers = new List<JsonElement>();
            if (root.ValueKind == JsonValueKind.Array) answers.AddRange(root.EnumerateArray());
            else if (root.ValueKind == JsonValueKind.Object) answers.Add(root);
            if (answers.Count == 0) throw new FormatException($"{origin} holds no Textract answer.");
            foreach (var answer in answers)
            {
                if (answer.ValueKind != JsonValueKind.Object) throw new FormatException($"{origin}: every page of an array must be an object.");
                RejectUnfinishedJob(answer, origin);
            }
            return answers;
        }

        private static RecordingKind KindOf(JsonElement answer, string origin)
        {
            if (IsArray(answer, "Blocks")) return RecordingKind.Blocks;
            if (IsArray(answer, "ExpenseDocuments")) return RecordingKind.Expense;
            if (IsArray(answer, "Results"))
            {
                if (answer.GetProperty("Results").EnumerateArray().All(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("PageClassification", out _)))
                    return RecordingKind.Lending;
                throw new FormatException($"{origin} has Results without PageClassification: it is not a GetLendingAnalysis answer.");
            }
            if (answer.TryGetProperty("Summary", out var summary) && summary.ValueKind == JsonValueKind.Object && IsArray(summary, "DocumentGroups"))
                return RecordingKind.LendingSummary;
            throw new FormatException(
                $"{origin} has no Blocks, ExpenseDocuments, Results or Summary: it is not a Textract answer the local endpoint replays.");
        }

        private static bool IsArray(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array;

        private static Recording ReadBlocks(List<JsonElement> answers, int declaredPages, string origin)
        {
            var blocks = new List<RecordedBlock>();
            var seenIds = new HashSet<string>(StringComparer.Ordinal);
            var currentPage = 0;
            foreach (var answer in answers)
            {
                foreach (var element in answer.GetProperty("Blocks").EnumerateArray())
                {
                    var block = ReadBlock(element, ref currentPage, origin);
                    // A merged answer that repeats a page would repeat blocks: the first copy wins.
                    if (seenIds.Add(block.Id)) blocks.Add(block);
                }
            }
            if (blocks.Count == 0) throw new FormatException($"{origin} has no blocks.");

            var pages = Math.Max(declaredPages, Math.Max(currentPage, 1));
            return new Recording(pages, blocks, origin);
        }

        private static ExpenseRecording ReadExpense(List<JsonElement> answers, int declaredPages, string origin)
        {
            var documents = new List<PagedItem>();
            foreach (var answer in answers)
            {
                foreach (var document in answer.GetProperty("ExpenseDocuments").EnumerateArray())
                {
                    if (document.ValueKind != JsonValueKind.Object) throw new FormatException($"{origin}: an ExpenseDocument is not an object.");
                    documents.Add(new PagedItem(document, ExpensePages(document)));
                }
            }
            var pages = Math.Max(declaredPages, Math.Max(1, documents.SelectMany(d => d.Pages).DefaultIfEmpty(0).Max()));
            return new ExpenseRecording(pages, documents, origin);
        }

        /// <summary>The pages an ExpenseDocument's fields (PageNumber) and blocks (Page) lie on.</summary>
        internal static IReadOnlyCollection<int> ExpensePages(JsonElement document)
        {
            var pages = new SortedSet<int>();
            foreach (var field in ExpenseFields(document))
                if (TryGetInt(field, "PageNumber", out var page)) pages.Add(page);
            if (document.TryGetProperty("Blocks", out var blocks) && blocks.ValueKind == JsonValueKind.Array)
                foreach (var block in blocks.EnumerateArray())
                    if (block.ValueKind == JsonValueKind.Object && TryGetInt(block, "Page", out var page)) pages.Add(page);
            return pages;
        }

        private static IEnumerable<JsonElement> ExpenseFields(JsonElement document)
        {
            foreach (var field in Items(document, "SummaryFields")) yield return field;
            foreach (var group in Items(document, "LineItemGroups"))
                foreach (var lineItem in Items(group, "LineItems"))
                    foreach (var field in Items(lineItem, "LineItemExpenseFields"))
                        yield return field;
        }

        private static IEnumerable<JsonElement> Items(JsonElement parent, string name) =>
            parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)
                : Enumerable.Empty<JsonElement>();

        private static LendingRecording ReadLending(List<JsonElement> answers, int declaredPages, string origin)
        {
            var results = new List<PagedItem>();
            foreach (var answer in answers)
            {
                foreach (var result in answer.GetProperty("Results").EnumerateArray())
                {
                    var page = TryGetInt(result, "Page", out var recorded) ? recorded : results.Count + 1;
                    results.Add(new PagedItem(result, new[] { page }));
                }
            }
            var pages = Math.Max(declaredPages, Math.Max(1, results.SelectMany(r => r.Pages).DefaultIfEmpty(0).Max()));
            return new LendingRecording(pages, results, origin);
        }

        private static LendingSummaryRecording ReadLendingSummary(List<JsonElement> answers, int declaredPages, string origin)
        {
            if (answers.Count != 1) throw new FormatException($"{origin}: a GetLendingAnalysisSummary answer is one object, not an array.");
            return new LendingSummaryRecording(Math.Max(declaredPages, 1), answers[0].GetProperty("Summary"), origin);
        }

        private static bool TryGetInt(JsonElement element, string name, out int value)
        {
            value = 0;
            return element.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.Number && member.TryGetInt32(out value);
        }

        private static void RejectUnfinishedJob(JsonElement answer, string origin)
        {
            if (answer.TryGetProperty("JobStatus", out var status) && status.ValueKind == JsonValueKind.String
                && status.GetString() is not ("SUCCEEDED" or "PARTIAL_SUCCESS"))
                throw new FormatException($"{origin} records a job in status {status.GetString()}, not its results.");
        }

        private static int DeclaredPages(JsonElement answer) =>
            answer.TryGetProperty("DocumentMetadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && TryGetInt(metadata, "Pages", out var count)
                ? count
                : 0;

        private static RecordedBlock ReadBlock(JsonElement element, ref int currentPage, string origin)
        {
            if (element.ValueKind != JsonValueKind.Object) throw new FormatException($"{origin}: a block is not an object.");
            var id = RequiredString(element, "Id", origin);
            var blockType = RequiredString(element, "BlockType", origin);

            int page;
            if (element.TryGetProperty("Page", out var pageElement) && pageElement.ValueKind == JsonValueKind.Number)
            {
                page = pageElement.GetInt32();
                currentPage = Math.Max(currentPage, page);
            }
            else
            {
                if (blockType == "PAGE" || currentPage == 0) currentPage++;
                page = currentPage;
            }

            var relationships = new List<BlockRelationship>();
            if (element.TryGetProperty("Relationships", out var relationshipArray) && relationshipArray.ValueKind == JsonValueKind.Array)
            {
                foreach (var relationship in relationshipArray.EnumerateArray())
                {
                    var type = RequiredString(relationship, "Type", origin);
                    var ids = new List<string>();
                    if (relationship.TryGetProperty("Ids", out var idArray) && idArray.ValueKind == JsonValueKind.Array)
                        foreach (var target in idArray.EnumerateArray())
                            if (target.ValueKind == JsonValueKind.String) ids.Add(target.GetString()!);
                    relationships.Add(new BlockRelationship(type, ids));
                }
            }
            return new RecordedBlock(id, blockType, page, relationships, element);
        }

        private static string RequiredString(JsonElement element, string name, string origin) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw new FormatException($"{origin}: a block has no string {name}.");
    }
}
