using System;
using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Document;
using TextractTools.Engine.Api;

namespace TextractTools.Engine.Jobs
{
    /// <summary>
    /// A Textract job as the module hands it along the pipeline: what was started, where its output goes, and how it
    /// stands. Carries everything a later command needs (region, endpoint, output location) so that
    /// <c>Start | Wait | Get</c> works without repeating parameters. Its properties are plain values, so a job saved
    /// with Export-Clixml or ConvertTo-Json still says all of that.
    /// </summary>
    public sealed class TextractJob
    {
        private S3Location? _output;

        public string JobId { get; set; } = "";
        public TextractJobKind Kind { get; set; }

        /// <summary>The input document as s3://bucket/key.</summary>
        public string Document { get; set; } = "";

        /// <summary>The local file the document was uploaded from (Start-TextractAnalysis -Path/-LiteralPath), else null.</summary>
        public string? LocalPath { get; set; }

        private IReadOnlyList<string> _features = ReadableList<string>.Empty;
        private IReadOnlyList<string> _warnings = ReadableList<string>.Empty;

        /// <summary>
        /// Features in the module's spelling (Tables, Forms, Queries, Signatures, Layout); empty for other kinds. As
        /// text (Export-Csv) "Tables, Forms".
        /// </summary>
        public IReadOnlyList<string> Features
        {
            get => _features;
            set => _features = Readable(value);
        }

        /// <summary>s3://bucket/prefix of the OutputConfig, or null when Textract keeps the output.</summary>
        public string? OutputUri
        {
            get => _output?.ToString();
            set => _output = value is null ? null : S3Location.Parse(value, nameof(OutputUri));
        }

        /// <summary>The OutputConfig as a location: the bucket, and the prefix as the key (empty for the default prefix).</summary>
        internal S3Location? Output
        {
            get => _output;
            set => _output = value;
        }

        public string? KmsKeyId { get; set; }
        public string? JobTag { get; set; }
        public string? ClientRequestToken { get; set; }
        public string Region { get; set; } = "";

        /// <summary>The endpoint the job was started on, when not the default AWS one (the local endpoint, say).</summary>
        public string? EndpointUrl { get; set; }

        public DateTimeOffset? StartedAt { get; set; }

        /// <summary>IN_PROGRESS, SUCCEEDED, FAILED or PARTIAL_SUCCESS (as the service spells it).</summary>
        public string Status { get; set; } = "IN_PROGRESS";

        public string? StatusMessage { get; set; }

        /// <summary>DocumentMetadata.Pages once known.</summary>
        public int? Pages { get; set; }

        /// <summary>Warnings of the finished job, e.g. "PAGE_FAILED: pages 3, 4" (as text: joined by "; ").</summary>
        public IReadOnlyList<string> Warnings
        {
            get => _warnings;
            set => _warnings = Readable(value, "; ");
        }

        public DateTimeOffset? CompletedAt { get; set; }

        /// <summary>The s3:// folder where this job's output objects are ({prefix}/{JobId}/), or null without an OutputConfig.</summary>
        public string? OutputLocation => OutputFolder?.ToString();

        /// <summary>The job's output folder in the bucket: Textract writes under {prefix}/{JobId}/, with textract_output as the default prefix.</summary>
        internal S3Location? OutputFolder
        {
            get
            {
                if (_output is null) return null;
                var prefix = _output.Key.Length == 0 ? "textract_output" : _output.Key.TrimEnd('/');
                return S3Location.Of(_output.Bucket, (prefix.Length == 0 ? "" : prefix + "/") + JobId + "/");
            }
        }

        public bool IsFinished => Status != "IN_PROGRESS";

        /// <summary>The job a Start request gave: its options, where it runs, IN_PROGRESS.</summary>
        internal static TextractJob Started(StartJobRequest request, string jobId, string region, string? endpointUrl, DateTimeOffset? startedAt)
        {
            var options = request.Options;
            return new TextractJob
            {
                JobId = jobId,
                Kind = request.Kind,
                Document = request.Document.ToString(),
                Features = options.Features.Select(JobOptions.ModuleSpelling).ToArray(),
                Output = options.Output,
                KmsKeyId = options.KmsKeyId,
                JobTag = options.JobTag,
                ClientRequestToken = request.ClientRequestToken,
                Region = region,
                EndpointUrl = endpointUrl,
                StartedAt = startedAt,
                Status = "IN_PROGRESS",
            };
        }

        public override string ToString() => JobId;

        private static IReadOnlyList<string> Readable(IReadOnlyList<string>? values, string separator = ", ") =>
            values == null || values.Count == 0 ? ReadableList<string>.Empty : new ReadableList<string>(values.ToArray(), separator);
    }
}
