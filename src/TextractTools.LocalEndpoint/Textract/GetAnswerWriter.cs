using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TextractTools.LocalEndpoint.Replay;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// Writes Get* answers: the API's (absent members left out) and the pages written to an OutputConfig bucket
    /// (the same page with every absent member an explicit null, members in name order, as Textract writes them).
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

        /// <summary>One page of a SUCCEEDED job: blocks [first, first+count) and the token of the rest, if any.</summary>
        public static string Page(TextractJob job, JobResult result, int first, int count, bool explicitNulls)
        {
            var end = Math.Min(first + count, result.Blocks.Count);
            string? nextToken = end < result.Blocks.Count ? NextTokenCodec.Encode(job.JobId, end) : null;
            return explicitNulls
                ? Write(w => WriteOutputPage(w, job.Kind, result, first, end, nextToken))
                : Write(w => WriteApiPage(w, job.Kind, result, first, end, nextToken));
        }

        private static void WriteApiPage(Utf8JsonWriter w, JobKind kind, JobResult result, int first, int end, string? nextToken)
        {
            WriteMetadata(w, result);
            w.WriteString("JobStatus", result.Status);
            if (nextToken is not null) w.WriteString("NextToken", nextToken);
            WriteBlocks(w, result, first, end, explicitNulls: false);
            if (result.Warnings.Count > 0) WriteWarnings(w, result);
            w.WriteString(kind.ModelVersionMember(), JobKindNames.ModelVersion);
        }

        // Member order is the name order of text-detection-with-nulls.json; "AnalyzeDocumentModelVersion" sorts first.
        private static void WriteOutputPage(Utf8JsonWriter w, JobKind kind, JobResult result, int first, int end, string? nextToken)
        {
            if (kind == JobKind.Analysis) w.WriteString(kind.ModelVersionMember(), JobKindNames.ModelVersion);
            WriteBlocks(w, result, first, end, explicitNulls: true);
            if (kind == JobKind.TextDetection) w.WriteString(kind.ModelVersionMember(), JobKindNames.ModelVersion);
            WriteMetadata(w, result);
            w.WriteString("JobStatus", result.Status);
            if (nextToken is null) w.WriteNull("NextToken");
            else w.WriteString("NextToken", nextToken);
            w.WriteNull("StatusMessage");
            if (result.Warnings.Count > 0) WriteWarnings(w, result);
            else w.WriteNull("Warnings");
        }

        /// <summary>Warnings: [{"ErrorCode": ..., "Pages": [...]}] (a PARTIAL_SUCCESS job names its failed pages here).</summary>
        private static void WriteWarnings(Utf8JsonWriter w, JobResult result)
        {
            w.WritePropertyName("Warnings");
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
            w.WriteStartObject();
            w.WriteNumber("Pages", result.Pages);
            w.WriteEndObject();
        }

        private static void WriteBlocks(Utf8JsonWriter w, JobResult result, int first, int end, bool explicitNulls)
        {
            w.WritePropertyName("Blocks");
            w.WriteStartArray();
            for (var i = first; i < end; i++) BlockJsonWriter.Write(w, result.Blocks[i], explicitNulls);
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
