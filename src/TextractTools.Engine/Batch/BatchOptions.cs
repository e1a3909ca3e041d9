using System;
using System.Linq;
using System.Text;
using TextractTools.Engine.Api;
using TextractTools.Engine.Jobs;

namespace TextractTools.Engine.Batch
{
    /// <summary>What a batch run is told: how to start each document, where output goes, how hard to push.</summary>
    public sealed class BatchOptions
    {
        /// <summary>The Start options every document shares (its Document is set per document).</summary>
        public StartJobSpec Job { get; set; } = new StartJobSpec();

        /// <summary>Where local files are uploaded (null when the batch has none).</summary>
        public S3Uri? UploadLocation { get; set; }

        /// <summary>The most jobs running at once.</summary>
        public int ThrottleLimit { get; set; } = 10;

        /// <summary>Each finished document's raw output goes to {OutputFolder}/{name}.{JobId}/1..n.</summary>
        public string OutputFolder { get; set; } = "";

        public PollSchedule PollSchedule { get; set; } = new PollSchedule(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

        /// <summary>Stop after this long (jobs keep running; a rerun resumes). Null: no limit.</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>How long output objects may take to appear in the bucket after the job SUCCEEDED.</summary>
        public TimeSpan OutputSettleTime { get; set; } = TimeSpan.FromSeconds(10);

        public string Region { get; set; } = "";
        public string? EndpointUrl { get; set; }

        /// <summary>
        /// The options that decide what a document's job is, as one readable line. A journal belongs to one set of
        /// them: its tokens, jobs and output would not match another (another region does not even know the jobs).
        /// </summary>
        public string Describe()
        {
            var request = JobTemplate.Request(this, new S3ObjectLocation("bucket", "key"), "token");
            var text = new StringBuilder();
            void Add(string name, string? value)
            {
                if (string.IsNullOrEmpty(value)) return;
                if (text.Length > 0) text.Append("; ");
                text.Append(name).Append('=').Append(value);
            }
            Add("features", string.Join(",", request.FeatureTypes.OrderBy(f => f, StringComparer.Ordinal)));
            foreach (var q in request.Queries) Add("query", q.Text + "|" + q.Alias + "|" + string.Join(",", q.Pages));
            foreach (var a in request.Adapters) Add("adapter", a.AdapterId + "|" + a.Version + "|" + string.Join(",", a.Pages));
            Add("output", request.OutputBucket is null ? null : "s3://" + request.OutputBucket + "/" + request.OutputPrefix);
            Add("kms", request.KmsKeyId);
            Add("tag", request.JobTag);
            Add("topic", request.NotificationTopicArn);
            Add("upload", UploadLocation?.ToString());
            Add("region", Region);
            return text.Length == 0 ? "text detection" : text.ToString();
        }
    }

    /// <summary>Builds a document's Start request and the job it gives, from the batch's options.</summary>
    internal static class JobTemplate
    {
        /// <summary>The validated request; with <paramref name="token"/> the journal's token is kept (else it is derived).</summary>
        public static StartJobRequest Request(BatchOptions options, S3ObjectLocation document, string? token, string? etag = null)
        {
            var o = options.Job;
            var spec = new StartJobSpec
            {
                Document = document,
                DocumentETag = etag,
                Features = o.Features,
                Queries = o.Queries,
                Adapters = o.Adapters,
                OutputBucket = o.OutputBucket,
                OutputPrefix = o.OutputPrefix,
                KmsKeyId = o.KmsKeyId,
                JobTag = o.JobTag,
                ClientRequestToken = token,
                NotificationTopicArn = o.NotificationTopicArn,
                NotificationRoleArn = o.NotificationRoleArn,
            };
            return JobStarter.BuildRequest(spec);
        }

        /// <summary>The job a started (or resumed) document has, as the waiter and the output readers need it.</summary>
        public static TextractJob Job(BatchOptions options, StartJobRequest request, string jobId) => new TextractJob
        {
            JobId = jobId,
            Kind = request.FeatureTypes.Count > 0 ? TextractJobKind.DocumentAnalysis : TextractJobKind.TextDetection,
            Document = "s3://" + request.Document.Bucket + "/" + request.Document.Key,
            Features = request.FeatureTypes.Select(JobStarter.ModuleFeatureName).ToArray(),
            OutputBucket = request.OutputBucket,
            OutputPrefix = request.OutputPrefix,
            OutputUri = request.OutputBucket is null ? null : "s3://" + request.OutputBucket + "/" + (request.OutputPrefix ?? ""),
            KmsKeyId = request.KmsKeyId,
            JobTag = request.JobTag,
            ClientRequestToken = request.ClientRequestToken,
            Region = options.Region,
            EndpointUrl = options.EndpointUrl,
        };
    }
}
