using System;
using System.Collections.Generic;
using System.Text.Json;

namespace TextractTools.Engine.Document.Parsing
{
    /// <summary>
    /// Reads the answers of expense and lending output with System.Text.Json's JsonDocument, one output page at a
    /// time. A tree per page is fine here, unlike for Blocks: expense and lending pages are small (at most 20 expense
    /// documents or 30 lending pages per Get answer) and their nesting (fields in line items in groups) reads more
    /// clearly as a tree than as a token stream. The job-level members become an <see cref="AnswerInfo"/> for
    /// <see cref="Building.AnswerSummary"/>, as for block output.
    /// </summary>
    internal static class JsonAnswers
    {
        private static readonly JsonDocumentOptions Options = new JsonDocumentOptions
        {
            MaxDepth = JsonErrors.ReaderOptions.MaxDepth,
            CommentHandling = JsonErrors.ReaderOptions.CommentHandling,
        };

        /// <summary>The name of an output page in messages: its source, else its place in the sequence.</summary>
        public static string SourceOf(RawOutputPage page, int ordinal) =>
            string.IsNullOrEmpty(page.Source) ? $"output page {ordinal + 1}" : page.Source;

        /// <summary>
        /// Reads every answer of every page (a page may hold one answer or a JSON array of them) and hands the result
        /// member of each answer of the <paramref name="expected"/> kind to <paramref name="readResult"/>, in order.
        /// Answers with only a status pass (the summary refuses FAILED and unfinished jobs); answers of another kind
        /// and JSON that is no Textract answer are refused, naming the page.
        /// </summary>
        /// <returns>The job-level members of every answer, in order.</returns>
        public static List<AnswerInfo> Read(IEnumerable<RawOutputPage> pages, TextractOutputKind expected, Action<AnswerInfo, JsonSpot> readResult)
        {
            if (pages == null) throw new ArgumentNullException(nameof(pages));
            var answers = new List<AnswerInfo>();
            int ordinal = 0;
            foreach (RawOutputPage page in pages)
            {
                if (page == null) throw new ArgumentException("The sequence of output pages holds a null page.", nameof(pages));
                ReadPage(page, ordinal++, spot => answers.Add(ReadAnswer(spot, expected, readResult)));
            }
            if (answers.Count == 0) throw new TextractOutputException("No output pages were given to read.");
            return answers;
        }

        private static void ReadPage(RawOutputPage page, int ordinal, Action<JsonSpot> readAnswer)
        {
            string source = SourceOf(page, ordinal);
            ReadOnlyMemory<byte> json = JsonErrors.WithoutBom(page.Json);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json, Options);
            }
            catch (JsonException e)
            {
                // A piece of a saved file: the walk of the file places the problem (the piece's start is only a fallback).
                throw page.Placement == null
                    ? JsonErrors.Malformed(source, json.Span, e, null)
                    : page.Placement.Malformed(source, new JsonSyntaxException(e.Message, 0));
            }
            using (document)
            {
                JsonElement root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    // A piece cut from a saved array of answers names its answer as the array's item.
                    readAnswer(new JsonSpot(root, page.Placement?.AnswerName ?? source, string.Empty));
                }
                else if (root.ValueKind == JsonValueKind.Array)
                {
                    // A saved file may hold every Get* answer of a job in one array.
                    int n = 0;
                    foreach (JsonElement item in root.EnumerateArray())
                    {
                        n++;
                        if (item.ValueKind != JsonValueKind.Object)
                        {
                            throw new TextractOutputException($"{source}: item {n} of the array is {JsonSpot.KindOf(item.ValueKind)}, not a Textract answer object.", source);
                        }
                        readAnswer(new JsonSpot(item, $"{source} [answer {n}]", string.Empty));
                    }
                }
                else
                {
                    throw new TextractOutputException(
                        $"{source}: the output is {JsonSpot.KindOf(root.ValueKind)}, not a Textract answer object or an array of them.", source);
                }
            }
        }

        private static AnswerInfo ReadAnswer(JsonSpot answer, TextractOutputKind expected, Action<AnswerInfo, JsonSpot> readResult)
        {
            var info = new AnswerInfo(answer.Source);
            bool isAnswer = false;
            TextractOutputKind? kind = null;
            string? resultMember = null;
            JsonSpot result = default;
            bool resultHoldsResults = false;
            foreach (KeyValuePair<string, JsonSpot> member in answer.Members())
            {
                string name = member.Key;
                TextractOutputKind? announced = TextractOutputKinds.OfMember(name);
                if (announced != null)
                {
                    // An empty result array gives way to a member that holds results (see TextractOutputKinds.Detect).
                    bool holdsResults = !IsEmptyArray(member.Value);
                    if (kind != null && kind != announced && holdsResults && resultHoldsResults)
                    {
                        throw new TextractOutputException(
                            $"{answer.Source}: this JSON object holds both {resultMember} and {name}: it is no single Textract answer.", answer.Source);
                    }
                    if (kind == null || (holdsResults && !resultHoldsResults))
                    {
                        kind = announced;
                        resultMember = name;
                        result = member.Value;
                        resultHoldsResults = holdsResults;
                    }
                }
                else if (TextractOutputKinds.IsStatusMember(name))
                {
                    isAnswer = true;
                    if (name == "JobStatus") info.JobStatus = answer.String(name);
                    else info.PageCount = answer.Object(name)!.Value.Int("Pages");
                }
                else if (name == "StatusMessage") info.StatusMessage = answer.String(name);
                else if (name == "Warnings") ReadWarnings(answer, info);
                else if (name.EndsWith("ModelVersion", StringComparison.Ordinal)) info.ModelVersion = answer.String(name);
            }
            if (kind == null && !isAnswer)
            {
                throw new TextractOutputException(
                    $"{answer.Source}: this JSON object is not a Textract answer (it has no {TextractOutputKinds.MemberOf(expected)}, JobStatus or DocumentMetadata).",
                    answer.Source);
            }
            if (kind != null && kind != expected)
            {
                throw new TextractOutputException(
                    $"{answer.Source}: this answer holds {TextractOutputKinds.Describe(kind.Value)}, not {TextractOutputKinds.Describe(expected)}.",
                    answer.Source);
            }
            if (kind != null) readResult(info, result);
            return info;
        }

        private static bool IsEmptyArray(JsonSpot value) => value.Value.ValueKind == JsonValueKind.Array && value.Value.GetArrayLength() == 0;

        private static void ReadWarnings(JsonSpot answer, AnswerInfo info)
        {
            foreach (JsonSpot warning in answer.Objects("Warnings"))
            {
                info.AddTextractWarning(warning.String("ErrorCode"), warning.Pages("Pages"));
            }
        }
    }
}
