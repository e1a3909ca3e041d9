using System.Text.Json;

namespace TextractTools.Engine.Jobs
{
    /// <summary>
    /// The completion message Textract publishes to a job's NotificationChannel topic:
    /// {"JobId","Status","API","JobTag","Timestamp","DocumentLocation":{...}}. Through an SQS subscription it arrives
    /// as the "Message" string of the SNS envelope, or as the body itself when raw delivery is on.
    /// </summary>
    public sealed class JobNotification
    {
        private JobNotification(string jobId, string status, string? api, string? jobTag)
        {
            JobId = jobId;
            Status = status;
            Api = api;
            JobTag = jobTag;
        }

        public string JobId { get; }

        /// <summary>SUCCEEDED, FAILED, PARTIAL_SUCCESS or ERROR, as published.</summary>
        public string Status { get; }

        /// <summary>The Start operation of the job, e.g. StartDocumentAnalysis.</summary>
        public string? Api { get; }

        public string? JobTag { get; }

        /// <summary>
        /// Reads an SQS message body: an SNS envelope (Type "Notification") around a Textract message, or a Textract
        /// message itself. False for anything else (other producers may share the queue).
        /// </summary>
        public static bool TryParse(string? body, out JobNotification notification)
        {
            notification = null!;
            // Not string.IsNullOrEmpty: netstandard2.0 does not tell the compiler that it rules out null.
            if (body is null || body.Length == 0) return false;
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return false;
                if (String(root, "Type") == "Notification" && String(root, "Message") is { } inner) return TryParseTextract(inner, out notification);
                return TryRead(root, out notification);
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static bool TryParseTextract(string message, out JobNotification notification)
        {
            notification = null!;
            try
            {
                using var document = JsonDocument.Parse(message);
                return document.RootElement.ValueKind == JsonValueKind.Object && TryRead(document.RootElement, out notification);
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static bool TryRead(JsonElement message, out JobNotification notification)
        {
            notification = null!;
            var jobId = String(message, "JobId");
            var status = String(message, "Status");
            if (string.IsNullOrEmpty(jobId) || string.IsNullOrEmpty(status)) return false;
            notification = new JobNotification(jobId!, status!, String(message, "API"), String(message, "JobTag"));
            return true;
        }

        private static string? String(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
