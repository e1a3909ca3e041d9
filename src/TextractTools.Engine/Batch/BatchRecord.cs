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
    /// A shared batch (in S3) keeps one record per document instead: its latest state as a record of its stage with
    /// every member filled in (<see cref="Snapshot"/>), plus who holds it; the same serialization serves both.
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

        /// <summary>The host holding the document (a shared batch's snapshot; null when free or settled).</summary>
        public string? Owner { get; set; }

        /// <summary>The host that wrote the record (a shared batch's records).</summary>
        public string? Host { get; set; }

        /// <summary>A document's whole state as one record of its stage (what a shared batch stores per document).</summary>
        public static BatchRecord Snapshot(BatchDocumentState state) => new BatchRecord
        {
            Type = TypeOf(state.Stage),
            At = state.UpdatedAt ?? DateTimeOffset.UtcNow,
            Token = state.Token,
            Document = state.Document,
            Source = state.Source,
            JobId = state.JobId,
            Status = state.Status,
            Message = state.Message,
            Pages = state.Pages,
            Path = state.OutputFolder,
            Owner = state.Owner,
            Host = state.Host,
        };

        /// <summary>The document state a <see cref="Snapshot"/> record stands for; FormatException for a record that is not one.</summary>
        public BatchDocumentState ToDocumentState()
        {
            if (Type == BatchRecordType.Batch || Document is null)
                throw new FormatException($"A {Type} record without a document is not the state of a document.");
            return new BatchDocumentState(Token, Document, Source)
            {
                Stage = StageOf(Type),
                JobId = JobId,
                Status = Status,
                Message = Message,
                Pages = Pages,
                OutputFolder = Path,
                Owner = Owner,
                Host = Host,
                UpdatedAt = At,
            };
        }

        private static BatchRecordType TypeOf(BatchStage stage) => stage switch
        {
            BatchStage.Discovered => BatchRecordType.Discovered,
            BatchStage.Started => BatchRecordType.Started,
            BatchStage.Finished => BatchRecordType.Finished,
            _ => BatchRecordType.Delivered,
        };

        private static BatchStage StageOf(BatchRecordType type) => type switch
        {
            BatchRecordType.Discovered => BatchStage.Discovered,
            BatchRecordType.Started => BatchStage.Started,
            BatchRecordType.Finished => BatchStage.Finished,
            _ => BatchStage.Delivered,
        };

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
                WriteIfSet(json, "owner", Owner);
                WriteIfSet(json, "host", Host);
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
                Owner = String(root, "owner"),
                Host = String(root, "host"),
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
