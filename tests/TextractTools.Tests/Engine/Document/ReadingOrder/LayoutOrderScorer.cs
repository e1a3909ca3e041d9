using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using TextractTools.Engine.Document;
using TextractTools.Engine.Output;

namespace TextractTools.Tests.Engine.Document.ReadingOrder
{
    /// <summary>
    /// Scores the reading order the project finds without layout against Textract's own LAYOUT order, on a real
    /// response that has LAYOUT blocks (issue 14's measure). Public API only: bench/reading-order compiles this file too.
    /// <list type="bullet">
    /// <item>Truth: the page's top-level LAYOUT blocks in Textract's order, each one's LINE children (through nested
    /// layout blocks), a line two blocks claim counted at the first; read from the JSON itself, not by our reader.</item>
    /// <item>Ours: the same response with every LAYOUT block (and every relationship id pointing to one) removed,
    /// read by <see cref="TextractDocumentReader"/>: <see cref="TextractPage.GetLinesInReadingOrder"/>.</item>
    /// <item>Ours, lines only: the same with everything but PAGE, LINE and WORD blocks removed (what text detection
    /// gives: no table or form field to keep together).</item>
    /// <item>Raw: the page's LINE blocks in the order of the response.</item>
    /// <item>Lines no layout block claims have no place in the truth: they are left out of the score and counted.</item>
    /// <item>Kendall's tau over the scored lines of a page; a document's figure is the mean over its pages that have
    /// two scored lines or more.</item>
    /// </list>
    /// </summary>
    public static class LayoutOrderScorer
    {
        public sealed class PageScore
        {
            public int Page { get; init; }
            public int Lines { get; init; }
            public int Unclaimed { get; init; }
            public double RawTau { get; init; }
            public double OursTau { get; init; }
            public double LinesOnlyTau { get; init; }

            /// <summary>The project's order with the LAYOUT blocks left in (must be exactly the layout order: 1).</summary>
            public double WithLayoutTau { get; init; }
        }

        public sealed class DocumentScore
        {
            public string Name { get; init; } = "";
            public IReadOnlyList<PageScore> Pages { get; init; } = Array.Empty<PageScore>();
            public double RawTau => Mean(p => p.RawTau);
            public double OursTau => Mean(p => p.OursTau);
            public double LinesOnlyTau => Mean(p => p.LinesOnlyTau);
            public double WithLayoutTau => Mean(p => p.WithLayoutTau);

            private double Mean(Func<PageScore, double> figure)
            {
                var scored = Pages.Where(p => p.Lines - p.Unclaimed >= 2).ToList();
                return scored.Count == 0 ? 1 : scored.Average(figure);
            }
        }

        /// <summary>The real responses of the shared samples that carry LAYOUT blocks.</summary>
        public static readonly string[] SampleResponses =
        {
            "layout.json", "form.png.analysis.json", "paystub.jpg.analysis.json", "sample-invoice.pdf.analysis.json",
        };

        public static DocumentScore Score(string path)
        {
            byte[] json = File.ReadAllBytes(path);
            JsonNode root = JsonNode.Parse(json) ?? throw new InvalidDataException($"{path} holds no JSON.");
            List<JsonObject> blocks = BlocksOf(root).ToList();
            if (!blocks.Any(IsLayout)) throw new InvalidDataException($"{path} has no LAYOUT blocks: there is no truth to score against.");

            TextractDocument withLayout = TextractDocumentReader.Read(new[] { new RawOutputPage(path, json) });
            byte[] stripped = Encoding(Strip(root, IsLayout));
            TextractDocument withoutLayout = TextractDocumentReader.Read(new[] { new RawOutputPage(path + " (LAYOUT removed)", stripped) });
            byte[] linesOnly = Encoding(Strip(root, b => Type(b) != "PAGE" && Type(b) != "LINE" && Type(b) != "WORD"));
            TextractDocument textDetection = TextractDocumentReader.Read(new[] { new RawOutputPage(path + " (lines only)", linesOnly) });

            var pages = new List<PageScore>();
            foreach (int page in blocks.Where(b => Type(b) == "LINE").Select(PageOf).Distinct().OrderBy(p => p))
            {
                List<string> raw = blocks.Where(b => Type(b) == "LINE" && PageOf(b) == page).Select(Id).ToList();
                List<string> truth = LayoutOrder(blocks, page);
                List<string> ours = withoutLayout.Pages[page - 1].GetLinesInReadingOrder().Select(l => l.Id).ToList();
                List<string> linesOnlyOrder = textDetection.Pages[page - 1].GetLinesInReadingOrder().Select(l => l.Id).ToList();
                List<string> theirs = withLayout.Pages[page - 1].GetLinesInReadingOrder().Select(l => l.Id).ToList();
                pages.Add(new PageScore
                {
                    Page = page,
                    Lines = raw.Count,
                    Unclaimed = raw.Count(id => !truth.Contains(id)),
                    RawTau = KendallTau(raw, truth),
                    OursTau = KendallTau(ours, truth),
                    LinesOnlyTau = KendallTau(linesOnlyOrder, truth),
                    WithLayoutTau = KendallTau(theirs, truth),
                });
            }
            return new DocumentScore { Name = Path.GetFileName(path), Pages = pages };
        }

        /// <summary>
        /// Kendall's tau between the order of the items of <paramref name="order"/> that <paramref name="truth"/> holds and
        /// the truth: 1 for the same order, -1 for the reverse. Counted by merge sort: pages of thousands of lines are fine.
        /// </summary>
        public static double KendallTau(IReadOnlyList<string> order, IReadOnlyList<string> truth)
        {
            var position = new Dictionary<string, int>();
            for (int i = 0; i < truth.Count; i++) position.TryAdd(truth[i], i);
            int[] ranks = order.Where(position.ContainsKey).Select(id => position[id]).ToArray();
            long n = ranks.Length;
            if (n < 2) return 1;
            long inversions = Inversions(ranks, new int[ranks.Length], 0, ranks.Length);
            long pairs = n * (n - 1) / 2;
            return (pairs - 2.0 * inversions) / pairs;
        }

        private static long Inversions(int[] a, int[] scratch, int from, int to)
        {
            if (to - from < 2) return 0;
            int mid = (from + to) / 2;
            long count = Inversions(a, scratch, from, mid) + Inversions(a, scratch, mid, to);
            int i = from, j = mid, k = from;
            while (i < mid && j < to)
            {
                if (a[i] <= a[j]) scratch[k++] = a[i++];
                else
                {
                    count += mid - i;
                    scratch[k++] = a[j++];
                }
            }
            while (i < mid) scratch[k++] = a[i++];
            while (j < to) scratch[k++] = a[j++];
            Array.Copy(scratch, from, a, from, to - from);
            return count;
        }

        private static List<string> LayoutOrder(List<JsonObject> blocks, int page)
        {
            Dictionary<string, JsonObject> byId = blocks.GroupBy(Id).ToDictionary(g => g.Key, g => g.First());
            var nested = new HashSet<string>(blocks.Where(IsLayout).SelectMany(b => Children(b)).Where(id => byId.TryGetValue(id, out JsonObject? c) && IsLayout(c)));
            var order = new List<string>();
            var seen = new HashSet<string>();
            foreach (JsonObject layout in blocks.Where(b => IsLayout(b) && PageOf(b) == page && !nested.Contains(Id(b))))
            {
                Collect(layout, new HashSet<string>());
            }
            return order;

            void Collect(JsonObject layout, HashSet<string> visited)
            {
                if (!visited.Add(Id(layout))) return;
                foreach (string child in Children(layout))
                {
                    if (!byId.TryGetValue(child, out JsonObject? block)) continue;
                    if (Type(block) == "LINE") { if (seen.Add(child)) order.Add(child); }
                    else if (IsLayout(block)) Collect(block, visited);
                }
            }
        }

        /// <summary>A copy without the blocks <paramref name="remove"/> picks, nor any relationship id pointing to one.</summary>
        private static JsonNode Strip(JsonNode root, Func<JsonObject, bool> remove)
        {
            JsonNode copy = root.DeepClone();
            var removedIds = new HashSet<string>(BlocksOf(copy).Where(remove).Select(Id));
            foreach (JsonArray blockList in BlockLists(copy))
            {
                for (int i = blockList.Count - 1; i >= 0; i--)
                {
                    var block = (JsonObject)blockList[i]!;
                    if (remove(block))
                    {
                        blockList.RemoveAt(i);
                        continue;
                    }
                    if (block["Relationships"] is not JsonArray relationships) continue;
                    for (int r = relationships.Count - 1; r >= 0; r--)
                    {
                        if (relationships[r]?["Ids"] is not JsonArray ids) continue;
                        for (int k = ids.Count - 1; k >= 0; k--)
                        {
                            if (removedIds.Contains(ids[k]!.GetValue<string>())) ids.RemoveAt(k);
                        }
                        if (ids.Count == 0) relationships.RemoveAt(r);
                    }
                }
            }
            return copy;
        }

        private static IEnumerable<JsonArray> BlockLists(JsonNode root)
        {
            IEnumerable<JsonNode?> answers = root is JsonArray array ? array : new[] { root };
            foreach (JsonNode? answer in answers)
            {
                if (answer?["Blocks"] is JsonArray blocks) yield return blocks;
            }
        }

        private static IEnumerable<JsonObject> BlocksOf(JsonNode root) => BlockLists(root).SelectMany(list => list.OfType<JsonObject>());

        private static byte[] Encoding(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node);

        private static string Id(JsonObject block) => block["Id"]!.GetValue<string>();

        private static string Type(JsonObject block) => block["BlockType"]?.GetValue<string>() ?? "";

        private static bool IsLayout(JsonObject block) => Type(block).StartsWith("LAYOUT_", StringComparison.Ordinal);

        private static int PageOf(JsonObject block) => block["Page"] is JsonValue value ? value.GetValue<int>() : 1;

        private static IEnumerable<string> Children(JsonObject block)
        {
            if (block["Relationships"] is not JsonArray relationships) yield break;
            foreach (JsonNode? relationship in relationships)
            {
                if (relationship?["Type"]?.GetValue<string>() != "CHILD" || relationship["Ids"] is not JsonArray ids) continue;
                foreach (JsonNode? id in ids) yield return id!.GetValue<string>();
            }
        }
    }
}
