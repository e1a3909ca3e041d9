using System;
using System.Collections.Generic;
using System.Text.Json;

namespace TextractTools.LocalEndpoint.Replay
{
    /// <summary>
    /// Reads a recorded Textract answer into a <see cref="Recording"/>. Accepted shapes: an AnalyzeDocument /
    /// DetectDocumentText answer (one object with Blocks and DocumentMetadata), a Get* answer (its pages already
    /// merged into one object), or a JSON array of Get* pages in order. Synchronous answers carry no Page member on
    /// their blocks: each block then gets the page of the last PAGE block met before it.
    /// </summary>
    internal static class RecordingReader
    {
        /// <exception cref="FormatException">the text is not a recording of blocks (with the reason).</exception>
        public static Recording Read(string json, string origin)
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

            var blocks = new List<RecordedBlock>();
            var seenIds = new HashSet<string>(StringComparer.Ordinal);
            var declaredPages = 0;
            var currentPage = 0;
            foreach (var answer in answers)
            {
                if (answer.ValueKind != JsonValueKind.Object) throw new FormatException($"{origin}: every page of an array must be an object.");
                RejectUnfinishedJob(answer, origin);
                declaredPages = Math.Max(declaredPages, DeclaredPages(answer));
                if (!answer.TryGetProperty("Blocks", out var blockArray) || blockArray.ValueKind != JsonValueKind.Array)
                    throw new FormatException($"{origin} has no Blocks (expense and lending answers are not replayed).");
                foreach (var element in blockArray.EnumerateArray())
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

        private static void RejectUnfinishedJob(JsonElement answer, string origin)
        {
            if (answer.TryGetProperty("JobStatus", out var status) && status.ValueKind == JsonValueKind.String
                && status.GetString() is not ("SUCCEEDED" or "PARTIAL_SUCCESS"))
                throw new FormatException($"{origin} records a job in status {status.GetString()}, not its results.");
        }

        private static int DeclaredPages(JsonElement answer) =>
            answer.TryGetProperty("DocumentMetadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("Pages", out var pages) && pages.ValueKind == JsonValueKind.Number
            && pages.TryGetInt32(out var count)
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
