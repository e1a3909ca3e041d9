using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TextractTools.LocalEndpoint.Replay;
using TextractTools.LocalEndpoint.Textract;

namespace TextractTools.LocalEndpoint.Samples
{
    /// <summary>
    /// Renders the project sample's expense reading (<see cref="SampleExtraction"/>) as a GetExpenseAnalysis answer
    /// shaped like the service's (textract-samples expense-multipage.json): one ExpenseDocument per page
    /// (ExpenseIndex 1 and 2, as the async service answers a two-page document), each with SummaryFields
    /// (Type, LabelDetection, ValueDetection, PageNumber, Currency, GroupProperties), LineItemGroups and the page's own
    /// PAGE/LINE/WORD Blocks (the very blocks of the sample's analysis for that page).
    /// </summary>
    internal static class SampleExpenseWriter
    {
        public static string Write(IReadOnlyList<PlacedPage> pages, string analysisJson)
        {
            var fields = SampleExtraction.ExpenseFields(pages);
            var textBlocks = TextBlocks(analysisJson);
            return Render(json =>
            {
                json.WriteStartObject();
                json.WriteStartObject("DocumentMetadata");
                json.WriteNumber("Pages", pages.Count);
                json.WriteEndObject();
                json.WriteString("JobStatus", "SUCCEEDED");
                json.WriteStartArray("ExpenseDocuments");
                foreach (var page in pages)
                    WriteExpenseDocument(json, page.Number, fields.Where(f => f.ExpenseIndex == page.Number).ToList(),
                        textBlocks.Where(b => b.Page == page.Number).ToList());
                json.WriteEndArray();
                json.WriteString("AnalyzeExpenseModelVersion", JobKindNames.ModelVersion);
                json.WriteEndObject();
            });
        }

        /// <summary>An ExpenseDocument; <paramref name="blocks"/> null leaves Blocks out (as lending's extractions do).</summary>
        public static void WriteExpenseDocument(Utf8JsonWriter json, int expenseIndex, IReadOnlyList<ExpenseFieldPlacement> fields,
            IReadOnlyList<RecordedBlock>? blocks)
        {
            json.WriteStartObject();
            json.WriteNumber("ExpenseIndex", expenseIndex);
            json.WriteStartArray("SummaryFields");
            foreach (var field in fields.Where(f => f.LineItem is null)) WriteField(json, field);
            json.WriteEndArray();
            json.WriteStartArray("LineItemGroups");
            var lineItems = fields.Where(f => f.LineItem is not null).GroupBy(f => f.LineItem).OrderBy(g => g.Key).ToList();
            if (lineItems.Count > 0)
            {
                json.WriteStartObject();
                json.WriteNumber("LineItemGroupIndex", 1);
                json.WriteStartArray("LineItems");
                foreach (var lineItem in lineItems)
                {
                    json.WriteStartObject();
                    json.WriteStartArray("LineItemExpenseFields");
                    foreach (var field in lineItem) WriteField(json, field);
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (blocks is not null)
            {
                json.WriteStartArray("Blocks");
                foreach (var block in blocks) BlockJsonWriter.Write(json, block, explicitNulls: false);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }

        private static void WriteField(Utf8JsonWriter json, ExpenseFieldPlacement field)
        {
            var seed = $"textracttools-sample/expense/{field.ExpenseIndex}/{field.Type}/{field.LineItem}/{field.Value.Text}/{field.Group}";
            json.WriteStartObject();
            json.WriteStartObject("Type");
            json.WriteString("Text", field.Type);
            json.WriteNumber("Confidence", Score(seed + "/type", 95.0, 99.9));
            json.WriteEndObject();
            if (field.Label is { } label) WriteDetection(json, "LabelDetection", label, Score(seed + "/label", 96.0, 99.9));
            WriteDetection(json, "ValueDetection", field.Value, Score(seed + "/value", 97.0, 99.9));
            json.WriteNumber("PageNumber", field.Page);
            if (field.Currency is { } code)
            {
                json.WriteStartObject("Currency");
                json.WriteString("Code", code);
                json.WriteNumber("Confidence", Score(seed + "/currency", 90.0, 99.0));
                json.WriteEndObject();
            }
            if (field.Group is { } group)
            {
                json.WriteStartArray("GroupProperties");
                json.WriteStartObject();
                json.WriteStartArray("Types");
                json.WriteStringValue(group);
                json.WriteEndArray();
                json.WriteString("Id", GeneratedBlock.StableId("textracttools-sample/expense-group/" + group));
                json.WriteEndObject();
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }

        private static void WriteDetection(Utf8JsonWriter json, string name, PlacedLine line, float confidence)
        {
            json.WriteStartObject(name);
            json.WriteString("Text", line.Text);
            SampleAnalysisWriter.WriteGeometry(json, line.Box);
            json.WriteNumber("Confidence", confidence);
            json.WriteEndObject();
        }

        /// <summary>A stable score in [low, high] for a seed (varied like the service's, the same every run).</summary>
        public static float Score(string seed, double low, double high) => SampleAnalysisWriter.Spread(GeneratedBlock.StableId(seed).Replace("-", ""), low, high);

        /// <summary>The analysis' PAGE, LINE and WORD blocks (PAGE children cut down to its LINEs), as text detection serves them.</summary>
        private static IReadOnlyList<RecordedBlock> TextBlocks(string analysisJson)
        {
            var recording = RecordingReader.Read(analysisJson, ProjectSample.AnalysisFileName);
            var kept = recording.Blocks.Where(b => b.BlockType is "PAGE" or "LINE" or "WORD").ToList();
            var ids = new HashSet<string>(kept.Select(b => b.Id), StringComparer.Ordinal);
            return kept.Select(b => b.WithRelationshipsTo(ids.Contains)).ToList();
        }

        public static string Render(Action<Utf8JsonWriter> write)
        {
            using var buffer = new MemoryStream();
            // Compact with relaxed escaping, as the analysis is written (the file must equal what the endpoint replays).
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                write(json);
            return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
