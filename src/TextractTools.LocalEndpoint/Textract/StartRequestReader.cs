using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using static TextractTools.LocalEndpoint.Textract.RequestMembers;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// Turns a Start* body into a <see cref="StartRequest"/>, rejecting what the service rejects before it looks at
    /// S3 or KMS: missing required members, values outside the model's constraints, unknown feature types, QUERIES
    /// without QueriesConfig (and QueriesConfig without QUERIES), and analysis-only members on the other kinds. All
    /// four Start operations share DocumentLocation, ClientRequestToken, JobTag, NotificationChannel, OutputConfig
    /// and KMSKeyId.
    /// </summary>
    internal static class StartRequestReader
    {
        public static readonly IReadOnlyList<string> KnownFeatureTypes = new[] { "TABLES", "FORMS", "QUERIES", "SIGNATURES", "LAYOUT" };

        public static StartRequest Read(JobKind kind, byte[] body)
        {
            var root = ParseBody(body);

            var location = RequiredObject(root, "DocumentLocation");
            var s3Object = OptionalObject(location, "S3Object")
                ?? throw TextractException.InvalidParameter("DocumentLocation.S3Object is required.");
            var bucket = RequiredString(s3Object, "Bucket", 3, 255, TextractPatterns.BucketName);
            var name = RequiredString(s3Object, "Name", 1, 1024, TextractPatterns.NonBlank);
            var version = OptionalString(s3Object, "Version", 1, 1024, TextractPatterns.NonBlank);

            var token = OptionalString(root, "ClientRequestToken", 1, 64, TextractPatterns.TokenOrJobId);
            var jobTag = OptionalString(root, "JobTag", 1, 64, TextractPatterns.JobTag);
            var kmsKeyId = OptionalString(root, "KMSKeyId", 1, 2048, TextractPatterns.KmsKeyId);

            string? outputBucket = null, outputPrefix = null;
            if (OptionalObject(root, "OutputConfig") is { } output)
            {
                outputBucket = RequiredString(output, "S3Bucket", 3, 255, TextractPatterns.BucketName);
                outputPrefix = OptionalString(output, "S3Prefix", 1, 1024, TextractPatterns.NonBlank);
            }

            string? topic = null, role = null;
            if (OptionalObject(root, "NotificationChannel") is { } channel)
            {
                topic = RequiredString(channel, "SNSTopicArn", 20, 1024, TextractPatterns.SnsTopicArn);
                role = RequiredString(channel, "RoleArn", 20, 2048, TextractPatterns.RoleArn);
            }

            var features = Array.Empty<string>() as IReadOnlyList<string>;
            var queries = Array.Empty<QueryRequest>() as IReadOnlyList<QueryRequest>;
            if (kind == JobKind.Analysis)
            {
                features = ReadFeatureTypes(root);
                queries = ReadQueries(root, features.Contains("QUERIES"));
                ValidateAdapters(root);
            }
            else
            {
                RejectAnalysisOnlyMembers(kind, root);
            }

            return new StartRequest(kind, bucket, name, version, features, queries, token, jobTag, kmsKeyId,
                outputBucket, outputPrefix, topic, role, Fingerprint(kind, root));
        }

        /// <summary>The members only StartDocumentAnalysis has in the service model.</summary>
        public static readonly IReadOnlyList<string> AnalysisOnlyMembers = new[] { "FeatureTypes", "QueriesConfig", "AdaptersConfig" };

        // The other Start operations have no such members in the service model, so no SDK sends them (boto3 refuses
        // "Unknown parameter in input"). What the service answers to a raw request carrying them is unverified; the
        // endpoint refuses them, so a client that sends them learns it here instead of getting a job that silently
        // ignored its features.
        private static void RejectAnalysisOnlyMembers(JobKind kind, JsonElement root)
        {
            foreach (var member in AnalysisOnlyMembers)
                if (root.TryGetProperty(member, out var value) && value.ValueKind != JsonValueKind.Null)
                    throw TextractException.InvalidParameter(
                        $"{kind.StartOperation()} has no member {member}: only StartDocumentAnalysis takes FeatureTypes, QueriesConfig and AdaptersConfig.");
        }

        private static IReadOnlyList<string> ReadFeatureTypes(JsonElement root)
        {
            var items = OptionalList(root, "FeatureTypes", 1, int.MaxValue)
                ?? throw TextractException.InvalidParameter("FeatureTypes is required.");
            var features = new List<string>();
            foreach (var item in items)
            {
                if (item.ValueKind != JsonValueKind.String) throw TextractException.Serialization("FeatureTypes items must be strings.");
                var feature = item.GetString()!;
                if (!KnownFeatureTypes.Contains(feature, StringComparer.Ordinal))
                    throw TextractException.InvalidParameter(
                        $"FeatureTypes item '{feature}' is not one of {string.Join(", ", KnownFeatureTypes)}.");
                if (!features.Contains(feature)) features.Add(feature);
            }
            return features;
        }

        private static IReadOnlyList<QueryRequest> ReadQueries(JsonElement root, bool queriesRequested)
        {
            var config = OptionalObject(root, "QueriesConfig");
            if (config is null)
            {
                if (queriesRequested) throw TextractException.InvalidParameter("FeatureTypes QUERIES requires QueriesConfig.");
                return Array.Empty<QueryRequest>();
            }
            if (!queriesRequested) throw TextractException.InvalidParameter("QueriesConfig is given but FeatureTypes has no QUERIES.");

            var items = OptionalList(config.Value, "Queries", 1, int.MaxValue)
                ?? throw TextractException.InvalidParameter("QueriesConfig.Queries is required.");
            var queries = new List<QueryRequest>();
            foreach (var item in items)
            {
                if (item.ValueKind != JsonValueKind.Object) throw TextractException.Serialization("Queries items must be objects.");
                var text = RequiredString(item, "Text", 1, 200, TextractPatterns.QueryText);
                var alias = OptionalString(item, "Alias", 1, 200, TextractPatterns.QueryText);
                List<string>? pages = null;
                if (OptionalList(item, "Pages", 1, int.MaxValue) is { } pageItems)
                {
                    pages = new List<string>();
                    foreach (var pageItem in pageItems)
                    {
                        if (pageItem.ValueKind != JsonValueKind.String) throw TextractException.Serialization("Query Pages items must be strings.");
                        var page = CheckString("Query Pages item", pageItem.GetString()!, 1, 9, TextractPatterns.QueryPage);
                        QueryPageRange.Validate(page);
                        pages.Add(page);
                    }
                }
                queries.Add(new QueryRequest(text, alias, pages));
            }
            return queries;
        }

        // Adapters are custom models trained in the customer's account; the local endpoint has none to apply, so it
        // checks their shape and otherwise ignores them (documented in REPLAY.md).
        private static void ValidateAdapters(JsonElement root)
        {
            if (OptionalObject(root, "AdaptersConfig") is not { } config) return;
            var adapters = OptionalList(config, "Adapters", 1, 100)
                ?? throw TextractException.InvalidParameter("AdaptersConfig.Adapters is required.");
            foreach (var adapter in adapters)
            {
                if (adapter.ValueKind != JsonValueKind.Object) throw TextractException.Serialization("Adapters items must be objects.");
                RequiredString(adapter, "AdapterId", 12, 1011, TextractPatterns.AdapterId);
                RequiredString(adapter, "Version", 1, 128, TextractPatterns.AdapterVersion);
            }
        }

        /// <summary>Canonical JSON of the request without ClientRequestToken: object members sorted, so member order does not matter.</summary>
        private static string Fingerprint(JobKind kind, JsonElement root)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("#Kind", kind.ToString());
                foreach (var member in root.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    if (member.NameEquals("ClientRequestToken") || member.Value.ValueKind == JsonValueKind.Null) continue;
                    writer.WritePropertyName(member.Name);
                    WriteCanonical(writer, member.Value);
                }
                writer.WriteEndObject();
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static void WriteCanonical(Utf8JsonWriter writer, JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    foreach (var member in value.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                    {
                        if (member.Value.ValueKind == JsonValueKind.Null) continue;
                        writer.WritePropertyName(member.Name);
                        WriteCanonical(writer, member.Value);
                    }
                    writer.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    foreach (var item in value.EnumerateArray()) WriteCanonical(writer, item);
                    writer.WriteEndArray();
                    break;
                default:
                    value.WriteTo(writer);
                    break;
            }
        }
    }
}
