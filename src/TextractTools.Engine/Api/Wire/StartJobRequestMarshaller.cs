using System.Collections.Generic;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace TextractTools.Engine.Api.Wire
{
    /// <summary>
    /// Writes the body of every Start* operation with the service's own member names (FeatureTypes, QueriesConfig and
    /// AdaptersConfig only for the kinds that take them).
    /// Null or empty optional members are left out: the service rejects empty strings and empty lists
    /// (length constraints start at 1).
    /// </summary>
    internal sealed class StartJobRequestMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        public static StartJobRequestMarshaller Instance { get; } = new StartJobRequestMarshaller();

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var operation = (StartOperationRequest)input;
            return JsonRequestBuilder.Build(input, operation.OperationName, writer => WriteMembers(writer, operation));
        }

        private static void WriteMembers(Utf8JsonWriter writer, StartOperationRequest operation)
        {
            var request = operation.Parameters;
            var options = request.Options;
            WriteDocumentLocation(writer, request.Document);

            if (operation.TakesFeatures)
            {
                WriteStringArray(writer, "FeatureTypes", options.Features);
            }

            WriteString(writer, "ClientRequestToken", request.ClientRequestToken);
            WriteString(writer, "JobTag", options.JobTag);
            WriteNotificationChannel(writer, options);
            WriteOutputConfig(writer, options);
            WriteString(writer, "KMSKeyId", options.KmsKeyId);

            if (operation.TakesFeatures)
            {
                WriteQueriesConfig(writer, options.Queries);
                WriteAdaptersConfig(writer, options.Adapters);
            }
        }

        private static void WriteDocumentLocation(Utf8JsonWriter writer, S3Location document)
        {
            writer.WritePropertyName("DocumentLocation");
            writer.WriteStartObject();
            writer.WritePropertyName("S3Object");
            writer.WriteStartObject();
            WriteString(writer, "Bucket", document.Bucket);
            WriteString(writer, "Name", document.Key);
            WriteString(writer, "Version", document.Version);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        private static void WriteNotificationChannel(Utf8JsonWriter writer, JobOptions request)
        {
            if (IsEmpty(request.NotificationTopicArn) && IsEmpty(request.NotificationRoleArn))
            {
                return;
            }

            writer.WritePropertyName("NotificationChannel");
            writer.WriteStartObject();
            WriteString(writer, "SNSTopicArn", request.NotificationTopicArn);
            WriteString(writer, "RoleArn", request.NotificationRoleArn);
            writer.WriteEndObject();
        }

        private static void WriteOutputConfig(Utf8JsonWriter writer, JobOptions options)
        {
            if (options.Output is null || IsEmpty(options.Output.Bucket))
            {
                return;
            }

            writer.WritePropertyName("OutputConfig");
            writer.WriteStartObject();
            WriteString(writer, "S3Bucket", options.Output.Bucket);
            WriteString(writer, "S3Prefix", options.OutputPrefix);
            writer.WriteEndObject();
        }

        private static void WriteQueriesConfig(Utf8JsonWriter writer, IReadOnlyList<QuerySpec>? queries)
        {
            if (queries == null || queries.Count == 0)
            {
                return;
            }

            writer.WritePropertyName("QueriesConfig");
            writer.WriteStartObject();
            writer.WritePropertyName("Queries");
            writer.WriteStartArray();
            foreach (var query in queries)
            {
                writer.WriteStartObject();
                WriteString(writer, "Text", query.Text);
                WriteString(writer, "Alias", query.Alias);
                WriteStringArray(writer, "Pages", query.Pages);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        private static void WriteAdaptersConfig(Utf8JsonWriter writer, IReadOnlyList<AdapterSpec>? adapters)
        {
            if (adapters == null || adapters.Count == 0)
            {
                return;
            }

            writer.WritePropertyName("AdaptersConfig");
            writer.WriteStartObject();
            writer.WritePropertyName("Adapters");
            writer.WriteStartArray();
            foreach (var adapter in adapters)
            {
                writer.WriteStartObject();
                WriteString(writer, "AdapterId", adapter.AdapterId);
                WriteStringArray(writer, "Pages", adapter.Pages);
                WriteString(writer, "Version", adapter.Version);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        private static void WriteString(Utf8JsonWriter writer, string name, string? value)
        {
            if (!IsEmpty(value))
            {
                writer.WriteString(name, value);
            }
        }

        private static void WriteStringArray(Utf8JsonWriter writer, string name, IReadOnlyList<string>? values)
        {
            if (values == null || values.Count == 0)
            {
                return;
            }

            writer.WritePropertyName(name);
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        private static bool IsEmpty(string? value) => string.IsNullOrEmpty(value);
    }
}
