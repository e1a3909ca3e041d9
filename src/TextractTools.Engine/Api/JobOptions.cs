using System;
using System.Collections.Generic;
using System.Linq;

namespace TextractTools.Engine.Api
{
    /// <summary>
    /// Everything that decides what a job is, besides its document: the kind, the analysis features, queries and
    /// adapters, the output location (OutputConfig), the KMS key, the job tag and the notification channel. The one
    /// description of a job's options: the Start request's body, the derived ClientRequestToken, a batch's "same
    /// options?" check and the job object all come from it (see <see cref="Describe"/>).
    /// </summary>
    public sealed class JobOptions
    {
        private static readonly Dictionary<string, string> FeatureSpellings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Tables"] = "TABLES",
            ["Forms"] = "FORMS",
            ["Queries"] = "QUERIES",
            ["Signatures"] = "SIGNATURES",
            ["Layout"] = "LAYOUT",
        };

        /// <summary>The service's FeatureTypes values, in the order the service model lists them.</summary>
        public static readonly IReadOnlyList<string> ServiceFeatureTypes = new[] { "TABLES", "FORMS", "QUERIES", "SIGNATURES", "LAYOUT" };

        /// <summary>The kind asked for; null: document analysis when features or queries are given, else text detection.</summary>
        public TextractJobKind? Kind { get; set; }

        /// <summary>Tables, Forms, Queries, Signatures, Layout (any case, or the service's TABLES ...).</summary>
        public IReadOnlyList<string> Features { get; set; } = Array.Empty<string>();

        public IReadOnlyList<QuerySpec> Queries { get; set; } = Array.Empty<QuerySpec>();
        public IReadOnlyList<AdapterSpec> Adapters { get; set; } = Array.Empty<AdapterSpec>();

        /// <summary>The OutputConfig: the bucket, and the prefix as the key (empty for Textract's default prefix). Null: none.</summary>
        public S3Location? Output { get; set; }

        public string? KmsKeyId { get; set; }
        public string? JobTag { get; set; }
        public string? NotificationTopicArn { get; set; }
        public string? NotificationRoleArn { get; set; }

        /// <summary>The kind the options make: <see cref="Kind"/>, or what the features imply when it is not given.</summary>
        public TextractJobKind ResolvedKind =>
            Kind ?? (Features.Count > 0 || Queries.Count > 0 ? TextractJobKind.DocumentAnalysis : TextractJobKind.TextDetection);

        /// <summary>OutputConfig.S3Prefix: null when no prefix is given (Textract then writes under textract_output).</summary>
        public string? OutputPrefix => Output is null || Output.Key.Length == 0 ? null : Output.Key;

        /// <summary>
        /// The same options in the service's terms: the kind resolved, features in the service's spelling, each once,
        /// QUERIES added when queries are given (asking for answers without the feature is never what a user means).
        /// Throws ArgumentException naming a feature Textract does not know.
        /// </summary>
        public JobOptions Normalized()
        {
            var features = new List<string>();
            foreach (var f in Features)
            {
                var serviceName = ServiceSpelling(f)
                    ?? throw new ArgumentException($"-Feature: '{f}' is not a Textract feature; use Tables, Forms, Queries, Signatures or Layout.", "Feature");
                if (!features.Contains(serviceName)) features.Add(serviceName);
            }
            var kind = ResolvedKind;
            if (Queries.Count > 0 && !features.Contains("QUERIES") && TextractJobKindInfo.Of(kind).TakesFeatures) features.Add("QUERIES");
            var copy = (JobOptions)MemberwiseClone();
            copy.Kind = kind;
            copy.Features = features;
            return copy;
        }

        /// <summary>
        /// The options as ordered name/value pairs, empty values included: the derived ClientRequestToken hashes them
        /// (after the document's own), and a batch journal keeps the non-empty ones to refuse a run with other options.
        /// Call on <see cref="Normalized"/> options. The names and their order are part of every token already handed
        /// out: a rerun must derive the same token, so never reorder or rename them; add new ones only where they stay
        /// empty (left out) for existing jobs, as "kind" is for text detection and document analysis.
        /// </summary>
        public IReadOnlyList<KeyValuePair<string, string>> Describe()
        {
            var entries = new List<KeyValuePair<string, string>>();
            void Add(string name, string? value) => entries.Add(new KeyValuePair<string, string>(name, value ?? ""));
            Add("features", string.Join(",", Features.OrderBy(f => f, StringComparer.Ordinal)));
            foreach (var q in Queries) Add("query", q.Text + "|" + q.Alias + "|" + string.Join(",", q.Pages));
            foreach (var a in Adapters) Add("adapter", a.AdapterId + "|" + a.Version + "|" + string.Join(",", a.Pages));
            Add("outbucket", Output?.Bucket);
            Add("outprefix", OutputPrefix);
            Add("kms", KmsKeyId);
            Add("tag", JobTag);
            Add("topic", NotificationTopicArn);
            Add("role", NotificationRoleArn);
            // Text detection and analysis are told apart by their features; the other kinds name themselves.
            var kind = ResolvedKind;
            if (kind != TextractJobKind.TextDetection && kind != TextractJobKind.DocumentAnalysis) Add("kind", kind.ToString());
            return entries;
        }

        /// <summary>What a job with these options does, for -WhatIf and messages: "analysis (Tables, Forms)", "text detection".</summary>
        public string Summary()
        {
            var normalized = Normalized();
            return normalized.Features.Count > 0
                ? "analysis (" + string.Join(", ", normalized.Features.Select(ModuleSpelling)) + ")"
                : TextractJobKindInfo.Of(normalized.ResolvedKind).Description;
        }

        /// <summary>TABLES for Tables (any case; the service's own spelling too); null for an unknown feature.</summary>
        public static string? ServiceSpelling(string feature)
        {
            if (feature is null) return null;
            return FeatureSpellings.TryGetValue(feature, out var serviceName) ? serviceName : null;
        }

        /// <summary>Tables for TABLES: the spelling users type.</summary>
        public static string ModuleSpelling(string serviceFeature) =>
            FeatureSpellings.First(p => string.Equals(p.Value, serviceFeature, StringComparison.Ordinal)).Key;
    }
}
