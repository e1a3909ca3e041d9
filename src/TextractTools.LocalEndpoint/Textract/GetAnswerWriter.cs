using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// Writes Get* answers: the API's (absent members left out) and the pages written to an OutputConfig bucket
    /// (the same page with every absent member an explicit null, members in name order, as Textract writes them).
    /// A page holds Blocks (text detection, analysis), ExpenseDocuments (expense) or Results (lending); the lending
    /// summary is one answer of its own (<see cref="Summary"/>).
    /// </summary>
    internal static class GetAnswerWriter
    {
        public static string InProgress() => Write(w => w.WriteString("JobStatus", "IN_PROGRESS"));

        public static string Failed(JobKind kind, string statusMessage) => Write(w =>
        {
            w.WriteString("JobStatus", "FAILED");
            w.WriteString("StatusMessage", statusMessage);
            w.WriteString(kind.ModelVersionMember(), JobKindNames.ModelVersion);
        });

        /// <summary>
        /// One page of a finished job: the units (blocks, expense documents, lending results) [first, first+count)
        /// and the token of the rest, if any.
        /// </summary>
        public static string Page(TextractJob job, JobResult result, int first, int count, bool explicitNulls)
        {
            var total = result.PagedCount(job.Kind);
            var end = Math.Min(first + count, total);
            string? nextToken = end < total ? NextTokenCodec.Encode(job.JobId, end) : null;
            Action<Utf8JsonWriter> paged = w => WritePaged(w, job.Kind, result, first, end, explicitNulls);
            return explicitNulls
                ? Write(w => WriteOutputAnswer(w, job.Kind, result, (job.Kind.PagedMember(), paged), ("NextToken", w2 => WriteNullable(w2, nextToken))))
                : Write(w => WriteApiAnswer(w, job.Kind, result, nextToken, (job.Kind.PagedMember(), paged)));
        }

        /// <summary>The GetLendingAnalysisSummary answer of a finished lending job (no paging).</summary>
        public static string Summary(TextractJob job, JobResult result, bool explicitNulls)
        {
            Action<Utf8JsonWriter> summary = w =>
            {
                if (result.Summary is { } value) ShapeJsonWriter.Write(w, value, ShapeJsonWriter.SummaryShape, explicitNulls);
                else w.WriteNullValue();
            };
            return explicitNulls
                ? Write(w => WriteOutputAnswer(w, job.Kind, result, ("Summary", summary)))
                : Write(w => WriteApiAnswer(w, job.Kind, result, nextToken: null, ("Summary", summary)));
        }

        private static void WriteApiAnswer(Utf8JsonWriter w, JobKind kind, JobResult result, string? nextToken, (string Name, Action<Utf8JsonWriter> Write) content)
        {
            WriteMetadata(w, result);
            w.WriteString("JobStatus", result.Status);
            if (nextToken is not null) w.WriteString("NextToken", nextToken);
            w.WritePropertyName(content.Name);
            content.Write(w);
            if (result.Warnings.Count > 0)
            {
                w.WritePropertyName("Warnings");
                WriteWarnings(w, result);
            }
            w.WriteString(kind.ModelVersionMember(), JobKindNames.ModelVersion);
        }

        // Every member of the answer's shape, in name order (see text-detection-with-nulls.json), absent ones null.
        private static void WriteOutputAnswer(Utf8JsonWriter w, JobKind kind, JobResult result, params (string Name, Action<Utf8JsonWriter> Write)[] content)
        {
            var members = new SortedDictionary<string, Action<Utf8JsonWriter>>(StringComparer.Ordinal)
            {
                [kind.ModelVersionMember()] = m => m.WriteStringValue(JobKindNames.ModelVersion),
                ["DocumentMetadata"] = m => WriteMetadataValue(m, result),
                ["JobStatus"] = m => m.WriteStringValue(result.Status),
                ["StatusMessage"] = m => m.WriteNullValue(),
                ["Warnings"] = m =>
                {
                    if (result.Warnings.Count > 0) WriteWarnings(m, result);
                    else m.WriteNullValue();
                },
            };
            foreach (var (name, write) in content) members[name] = write;
            foreach (var (name, write) in members)
            {
                w.WritePropertyName(name);
                write(w);
            }
        }

        private static void WriteNullable(Utf8JsonWriter w, string? value)
        {
            if (value is null) w.WriteNullValue();
            else w.WriteStringValue(value);
        }

        /// <summary>Warnings: [{"ErrorCode": ..., "Pages": [...]}] (a PARTIAL_SUCCESS job names its failed pages here).</summary>
        private static void WriteWarnings(Utf8JsonWriter w, JobResult result)
        {
            w.WriteStartArray();
            foreach (var warning in result.Warnings)
            {
                w.WriteStartObject();
                w.WriteString("ErrorCode", warning.ErrorCode);
                w.WritePropertyName("Pages");
                w.WriteStartArray();
                foreach (var page in warning.Pages) w.WriteNumberValue(page);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        private static void WriteMetadata(Utf8JsonWriter w, JobResult result)
        {
            w.WritePropertyName("DocumentMetadata");
            WriteMetadataValue(w, result);
        }

        private static void WriteMetadataValue(Utf8JsonWriter w, JobResult result)
        {
            w.WriteStartObject();
            w.WriteNumber("Pages", result.Pages);
            w.WriteEndObject();
        }

        private static void WritePaged(Utf8JsonWriter w, JobKind kind, JobResult result, int first, int end, bool explicitNulls)
        {
            w.WriteStartArray();
            for (var i = first; i < end; i++)
            {
                if (kind.ServesBlocks()) BlockJsonWriter.Write(w, result.Blocks[i], explicitNulls);
                else ShapeJsonWriter.Write(w, result.Items[i].Json, ShapeJsonWriter.ItemShape(kind), explicitNulls);
            }
            w.WriteEndArray();
        }

        private static string Write(Action<Utf8JsonWriter> writeMembers)
        {
            using var buffer = new MemoryStream();
            // Relaxed escaping keeps recorded text readable ("é", "+") in answers and output objects; it is still valid JSON.
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                writeMembers(writer);
                writer.WriteEndObject();
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
