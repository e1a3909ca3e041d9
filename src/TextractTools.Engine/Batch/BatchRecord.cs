using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace TextractTools.Engine.Batch
{
    /// <summary>What a journal record says happened.</summary>
    public enum BatchRecordType
    {
        /// <summary>The first record: the options every document of the batch is started with.</summary>
        Batch,

        /// <summary>A document became part of the batch (before anything is done with it).</summary>
        Discovered,

        /// <summary>Textract answered a Start with this JobId.</summary>
        Started,

        /// <summary>The job ended (or could not be started: status FAILED_TO_START).</summary>
        Finished,

        /// <summary>The job's output is in its folder.</summary>
        Delivered,
    }

    /// <summary>
    /// One line of the batch journal. Every record of a document carries its ClientRequestToken, which is derived
    /// from the document and the options and so names the unit of work even before Textract gave it a JobId.
    /// </summary>
    public sealed class BatchRecord
    {
        public BatchRecordType Type { get; set; }
        public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;
        public string Token { get; set; } = "";

        /// <summary>The document as s3://bucket/key (Discovered).</summary>
        public string? Document { get; set; }

        /// <summary>The local file uploaded to <see cref="Document"/>, when it came from disk (Discovered).</summary>
        public string? Source { get; set; }

        public string? JobId { get; set; }

        /// <summary>SUCCEEDED, PARTIAL_SUCCESS, FAILED or FAILED_TO_START (Finished).</summary>
        public string? Status { get; set; }

        public string? Message { get; set; }
        public int? Pages { get; set; }

        /// <summary>The delivered output folder (Delivered).</summary>
        public string? Path { get; set; }

        /// <summary>The fingerprint of the batch's options (Batch).</summary>
        public string? Options { get; set; }

        public override string ToString() => Encoding.UTF8.GetString(ToJsonLine()).TrimEnd('\n');

        /// <summary>The record as one line of JSON, ending with a newline (the mark of a complete record).</summary>
        public byte[] ToJsonLine()
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("type", Type.ToString());
                json.WriteString("at", At.ToString("o", CultureInfo.InvariantCulture));
                if (Token.Length > 0) json.WriteString("token", Token);
                WriteIfSet(json, "doc", Document);
                WriteIfSet(json, "source", Source);
                WriteIfSet(json, "jobId", JobId);
                WriteIfSet(json, "status", Status);
                WriteIfSet(json, "message", Message);
                if (Pages.HasValue) json.WriteNumber("pages", Pages.Value);
                WriteIfSet(json, "path", Path);
                WriteIfSet(json, "options", Options);
                json.WriteEndObject();
            }
            buffer.WriteByte((byte)'\n');
            return buffer.ToArray();
        }

        /// <summary>Parses one line; throws <see cref="JsonException"/> or <see cref="FormatException"/> when it is not a record.</summary>
        public static BatchRecord Parse(string line)
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("A journal record must be a JSON object.");
            var typeName = String(root, "type") ?? throw new FormatException("A journal record needs a type.");
            if (!Enum.TryParse<BatchRecordType>(typeName, false, out var type) || !Enum.IsDefined(typeof(BatchRecordType), type))
                throw new FormatException($"'{typeName}' is not a journal record type.");
            var record = new BatchRecord
            {
                Type = type,
                Token = String(root, "token") ?? "",
                Document = String(root, "doc"),
                Source = String(root, "source"),
                JobId = String(root, "jobId"),
                Status = String(root, "status"),
                Message = String(root, "message"),
                Path = String(root, "path"),
                Options = String(root, "options"),
            };
            if (root.TryGetProperty("pages", out var pages) && pages.ValueKind == JsonValueKind.Number) record.Pages = pages.GetInt32();
            if (String(root, "at") is { } at && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var when)) record.At = when;
            if (type != BatchRecordType.Batch && record.Token.Length == 0) throw new FormatException($"A {type} record needs a token.");
            return record;
        }

        private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
        {
            if (value != null) json.WriteString(name, value);
        }

        private static string? String(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
