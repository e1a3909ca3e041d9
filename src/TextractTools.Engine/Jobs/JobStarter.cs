using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Api;

namespace TextractTools.Engine.Jobs
{
    /// <summary>
    /// Turns a <see cref="StartJobSpec"/> into a validated Start* call and a <see cref="TextractJob"/>. By default the
    /// ClientRequestToken is derived from the document and the job's options, so a rerun of the same scheduled script
    /// gets the same JobId back from Textract instead of starting (and paying for) a second job.
    /// </summary>
    public sealed class JobStarter
    {
        private static readonly Dictionary<string, string> FeatureSpellings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Tables"] = "TABLES",
            ["Forms"] = "FORMS",
            ["Queries"] = "QUERIES",
            ["Signatures"] = "SIGNATURES",
            ["Layout"] = "LAYOUT",
        };

        private readonly ITextractApi _api;
        private readonly Func<DateTimeOffset> _now;

        public JobStarter(ITextractApi api, Func<DateTimeOffset>? now = null)
        {
            _api = api;
            _now = now ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>Builds and validates the service request; throws ArgumentException naming the wrong value.</summary>
        public static StartJobRequest BuildRequest(StartJobSpec spec)
        {
            var features = new List<string>();
            foreach (var f in spec.Features)
            {
                if (!FeatureSpellings.TryGetValue(f, out var serviceName))
                    throw new ArgumentException($"-Feature: '{f}' is not a Textract feature; use Tables, Forms, Queries, Signatures or Layout.", "Feature");
                if (!features.Contains(serviceName)) features.Add(serviceName);
            }
            // Queries imply the Queries feature: asking for answers without it is never what the user meant.
            if (spec.Queries.Count > 0 && !features.Contains("QUERIES")) features.Add("QUERIES");

            var request = new StartJobRequest
            {
                Document = spec.Document,
                FeatureTypes = features,
                Queries = spec.Queries,
                Adapters = spec.Adapters,
                OutputBucket = spec.OutputBucket,
                OutputPrefix = string.IsNullOrEmpty(spec.OutputPrefix) ? null : spec.OutputPrefix,
                KmsKeyId = spec.KmsKeyId,
                JobTag = spec.JobTag,
                NotificationTopicArn = spec.NotificationTopicArn,
                NotificationRoleArn = spec.NotificationRoleArn,
                ClientRequestToken = spec.ClientRequestToken,
            };
            var isAnalysis = features.Count > 0;
            StartRequestValidator.Validate(request, isAnalysis);
            if (!isAnalysis && spec.Adapters.Count > 0)
                throw new ArgumentException("-Adapter: adapters apply to document analysis; add a -Feature.", "Adapter");
            request.ClientRequestToken ??= DeriveClientRequestToken(request, spec.DocumentETag);
            return request;
        }

        /// <summary>
        /// A token that is the same for the same document (bucket, key, version or ETag) and the same options, and
        /// different otherwise: Textract then answers a rerun with the first run's JobId (for 7 days).
        /// </summary>
        public static string DeriveClientRequestToken(StartJobRequest request, string? etag)
        {
            var canonical = new StringBuilder();
            void Add(string name, string? value) => canonical.Append(name).Append('=').Append(value ?? "").Append('\n');
            Add("bucket", request.Document.Bucket);
            Add("key", request.Document.Key);
            Add("version", request.Document.Version);
            Add("etag", etag?.Trim('"'));
            Add("features", string.Join(",", request.FeatureTypes.OrderBy(f => f, StringComparer.Ordinal)));
            foreach (var q in request.Queries) Add("query", q.Text + "|" + q.Alias + "|" + string.Join(",", q.Pages));
            foreach (var a in request.Adapters) Add("adapter", a.AdapterId + "|" + a.Version + "|" + string.Join(",", a.Pages));
            Add("outbucket", request.OutputBucket);
            Add("outprefix", request.OutputPrefix);
            Add("kms", request.KmsKeyId);
            Add("tag", request.JobTag);
            Add("topic", request.NotificationTopicArn);
            Add("role", request.NotificationRoleArn);
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(canonical.ToString()));
            // "tt-" marks tokens we derived; 40 hex characters keep it within the service's 64.
            return "tt-" + BitConverter.ToString(hash, 0, 20).Replace("-", "").ToLowerInvariant();
        }

        /// <summary>Starts the job (the request must come from <see cref="BuildRequest"/>).</summary>
        public async Task<TextractJob> StartAsync(StartJobRequest request, string region, string? endpointUrl, CancellationToken cancellationToken)
        {
            var isAnalysis = request.FeatureTypes.Count > 0;
            var jobId = isAnalysis
                ? await _api.StartDocumentAnalysisAsync(request, cancellationToken).ConfigureAwait(false)
                : await _api.StartDocumentTextDetectionAsync(request, cancellationToken).ConfigureAwait(false);
            return new TextractJob
            {
                JobId = jobId,
                Kind = isAnalysis ? TextractJobKind.DocumentAnalysis : TextractJobKind.TextDetection,
                Document = "s3://" + request.Document.Bucket + "/" + request.Document.Key,
                Features = request.FeatureTypes.Select(ModuleFeatureName).ToArray(),
                OutputBucket = request.OutputBucket,
                OutputPrefix = request.OutputPrefix,
                OutputUri = request.OutputBucket is null ? null : "s3://" + request.OutputBucket + "/" + (request.OutputPrefix ?? ""),
                KmsKeyId = request.KmsKeyId,
                JobTag = request.JobTag,
                ClientRequestToken = request.ClientRequestToken,
                Region = region,
                EndpointUrl = endpointUrl,
                StartedAt = _now(),
                Status = "IN_PROGRESS",
            };
        }

        /// <summary>TABLES -> Tables: the spelling users type.</summary>
        public static string ModuleFeatureName(string serviceFeature) =>
            FeatureSpellings.First(p => p.Value == serviceFeature).Key;
    }
}
