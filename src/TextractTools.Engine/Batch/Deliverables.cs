using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using TextractTools.Engine.Document;
using TextractTools.Engine.Formats;
using TextractTools.Engine.Jobs;

namespace TextractTools.Engine.Batch
{
    /// <summary>
    /// What a batch writes for each document besides its raw pages (Invoke-TextractBatch -Deliver). A new format (such
    /// as Markdown or HTML, once the engine renders them) is one more value here and one more case in
    /// <see cref="Deliverables.Write"/>.
    /// </summary>
    public enum BatchDeliverable
    {
        /// <summary>text.txt: the text in reading order (text detection, document and expense analysis).</summary>
        Text,

        /// <summary>tables/page{p}_table{n}[_{title}].csv, one per table; for expense and lending output line-items.csv.</summary>
        Tables,

        /// <summary>key-values.csv (forms); for expense output summary-fields.csv, for lending output lending-fields.csv.</summary>
        KeyValues,

        /// <summary>document.md: the document as Markdown, for people and language models (output with blocks).</summary>
        Markdown,

        /// <summary>document.html: the document as one HTML page that opens in any browser (output with blocks).</summary>
        Html,
    }

    /// <summary>
    /// The files of one delivered document's folder besides the raw pages: job.json (which document and job it is) and
    /// the deliverables asked for, made from the output just read. Files a person opens: CSV (RFC 4180, UTF-8) and text.
    /// </summary>
    internal static class Deliverables
    {
        public const string JobFile = "job.json";
        public const string TextFile = "text.txt";
        public const string MarkdownFile = "document.md";
        public const string HtmlFile = "document.html";
        public const string TablesFolder = "tables";
        public const string KeyValuesFile = "key-values.csv";
        public const string LineItemsFile = "line-items.csv";
        public const string SummaryFieldsFile = "summary-fields.csv";
        public const string LendingFieldsFile = "lending-fields.csv";

        public static void Write(TextractOutput output, string folder, IEnumerable<BatchDeliverable> wanted)
        {
            foreach (var deliverable in wanted.Distinct())
            {
                switch (deliverable)
                {
                    case BatchDeliverable.Text:
                        WriteText(output, folder);
                        break;
                    case BatchDeliverable.Tables:
                        WriteTables(output, folder);
                        break;
                    case BatchDeliverable.KeyValues:
                        WriteKeyValues(output, folder);
                        break;
                    case BatchDeliverable.Markdown:
                        if (output.Blocks != null)
                            OutputFiles.WriteAtomically(Path.Combine(folder, MarkdownFile), writer => MarkdownRenderer.Render(output.Blocks, writer));
                        break;
                    case BatchDeliverable.Html:
                        if (output.Blocks != null)
                            OutputFiles.WriteAtomically(Path.Combine(folder, HtmlFile), writer =>
                                HtmlRenderer.Render(output.Blocks, writer, new DocumentRenderOptions { Title = OutputFiles.DocumentName(output.Origin.Document) }));
                        break;
                    default:
                        throw new ArgumentOutOfRangeException(nameof(wanted), deliverable, "No such deliverable.");
                }
            }
        }

        /// <summary>job.json: the document (as the user named it), where Textract read it, the job and how it ended.</summary>
        public static void WriteJobFile(string folder, BatchDocument document, BatchDocument readAs, TextractJob job)
        {
            OutputFiles.WriteAtomically(Path.Combine(folder, JobFile), writer =>
            {
                using var buffer = new MemoryStream();
                using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
                {
                    json.WriteStartObject();
                    json.WriteString("document", document.DisplayName);
                    if (document.LocalPath != null) json.WriteString("localPath", document.LocalPath);
                    json.WriteString("s3Uri", readAs.Uri);
                    if (!ReferenceEquals(document, readAs)) json.WriteString("sameContentAs", readAs.DisplayName);
                    json.WriteString("jobId", job.JobId);
                    json.WriteString("kind", job.Kind.ToString());
                    json.WriteString("status", job.Status);
                    if (job.Pages.HasValue) json.WriteNumber("pages", job.Pages.Value);
                    json.WriteEndObject();
                }
                writer.Write(Encoding.UTF8.GetString(buffer.ToArray()));
                writer.Write('\n');
            });
        }

        /// <summary>The document a delivered folder's job.json names, or null (no such file, or not readable).</summary>
        public static string? DocumentOf(string folder)
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, JobFile)));
                return json.RootElement.TryGetProperty("document", out var document) && document.ValueKind == JsonValueKind.String ? document.GetString() : null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is JsonException)
            {
                return null;
            }
        }

        private static void WriteText(TextractOutput output, string folder)
        {
            string? text = output.Blocks?.Text
                ?? (output.Expense == null ? null : string.Join("\n\n", output.Expense.ExpenseDocuments.Select(d => d.Text).Where(t => t.Length > 0)));
            if (text == null) return; // lending output has no text of its own
            OutputFiles.WriteAtomically(Path.Combine(folder, TextFile), writer => writer.Write(text));
        }

        private static void WriteTables(TextractOutput output, string folder)
        {
            if (output.Blocks is TextractDocument document)
            {
                foreach (TextractTable table in document.Tables)
                {
                    TableCsv.WriteFile(table, Path.Combine(folder, TablesFolder, OutputFiles.TableFileName(table)));
                }
                return;
            }
            IReadOnlyList<TextractLineItem> items = output.Expense?.LineItems ?? output.Lending?.LineItems ?? new TextractLineItem[0];
            IReadOnlyList<string> columns = output.Expense?.LineItemColumns ?? output.Lending?.LineItemColumns ?? new string[0];
            if (items.Count == 0) return;
            WriteCsv(Path.Combine(folder, LineItemsFile), columns, items.Select(i => columns.Select(c => i.Values.TryGetValue(c, out var v) ? v : "")));
        }

        private static void WriteKeyValues(TextractOutput output, string folder)
        {
            if (output.Blocks is TextractDocument document)
            {
                WriteCsv(Path.Combine(folder, KeyValuesFile),
                    new[] { "Page", "Key", "Value", "SelectionStatus", "KeyConfidence", "ValueConfidence" },
                    document.KeyValues.Select(f => new[] { Number(f.Page), f.Key, f.Value, f.SelectionStatus, Number(f.KeyConfidence), Number(f.ValueConfidence) }));
            }
            else if (output.Expense is TextractExpenseOutput expense)
            {
                WriteCsv(Path.Combine(folder, SummaryFieldsFile),
                    new[] { "ExpenseIndex", "Page", "Type", "Label", "Value", "Currency", "GroupTypes", "ValueConfidence" },
                    expense.SummaryFields.Select(f => new[] { Number(f.ExpenseIndex), Number(f.Page), f.Type, f.Label, f.Value, f.Currency, f.GroupTypes.ToString(), Number(f.ValueConfidence) }));
            }
            else if (output.Lending is TextractLendingOutput lending)
            {
                WriteCsv(Path.Combine(folder, LendingFieldsFile),
                    new[] { "Page", "PageType", "Type", "Key", "Value", "SelectionStatus", "ValueConfidence" },
                    lending.Fields.Select(f => new[] { Number(f.Page), f.PageType, f.Type, f.Key, f.Value, f.SelectionStatus, Number(f.ValueConfidence) }));
            }
        }

        private static void WriteCsv(string path, IEnumerable<string> header, IEnumerable<IEnumerable<string?>> records)
        {
            OutputFiles.WriteAtomically(path, writer =>
            {
                CsvText.WriteRecord(writer, header);
                foreach (var record in records) CsvText.WriteRecord(writer, record);
            });
        }

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;
    }
}

namespace TextractTools.Engine.Batch
{
    /// <summary>What the batch command does after a run, beside the runner.</summary>
    public static class BatchDeliveries
    {
        /// <summary>
        /// Folders for documents whose content an earlier run already delivered under another name (see
        /// <see cref="BatchDocument.CombineIdenticalContent"/>): copied from that delivery, one item each.
        /// </summary>
        public static IReadOnlyList<TextractBatchItem> DeliverMissingAliases(IEnumerable<BatchDocument> documents, BatchState state, BatchOptions options) =>
            OutputDelivery.DeliverMissingAliases(documents, state, options);
    }
}
