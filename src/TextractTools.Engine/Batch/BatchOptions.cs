using System;
using System.Collections.Generic;
using System.Text;
using TextractTools.Engine.Api;
using TextractTools.Engine.Jobs;

namespace TextractTools.Engine.Batch
{
    /// <summary>What a batch run is told: how to start each document, where output goes, how hard to push.</summary>
    public sealed class BatchOptions
    {
        /// <summary>The options every document's job shares.</summary>
        public JobOptions Job { get; set; } = new JobOptions();

        /// <summary>Where local files are uploaded (null when the batch has none).</summary>
        public S3Location? UploadLocation { get; set; }

        /// <summary>The most jobs running at once.</summary>
        public int ThrottleLimit { get; set; } = 10;

        /// <summary>
        /// Each finished document is delivered into {OutputFolder}/{its file name}/: its raw output pages (1.json ...),
        /// job.json, and the <see cref="Deliverables"/>.
        /// </summary>
        public string OutputFolder { get; set; } = "";

        /// <summary>What each document's folder holds besides its raw pages (none by default).</summary>
        public IReadOnlyCollection<BatchDeliverable> Deliverables { get; set; } = new BatchDeliverable[0];

        public PollSchedule PollSchedule { get; set; } = new PollSchedule(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

        /// <summary>Stop after this long (jobs keep running; a rerun resumes). Null: no limit.</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>How long output objects may take to appear in the bucket after the job SUCCEEDED.</summary>
        public TimeSpan OutputSettleTime { get; set; } = TimeSpan.FromSeconds(10);

        public string Region { get; set; } = "";
        public string? EndpointUrl { get; set; }

        /// <summary>
        /// The options that decide what a document's job is, as one readable line: the job's options as the token
        /// hashes them (<see cref="JobOptions.Describe"/>), where local files go and the region. A journal belongs to
        /// one set of them: its tokens, jobs and output would not match another (another region does not even know
        /// the jobs). Throws ArgumentException for options no job could be started with.
        /// </summary>
        public string Describe()
        {
            var text = new StringBuilder();
            void Add(string name, string? value)
            {
                if (string.IsNullOrEmpty(value)) return;
                if (text.Length > 0) text.Append("; ");
                text.Append(name).Append('=').Append(value);
            }
            foreach (var option in JobTemplate.Request(this, S3Location.Of("bucket", "key"), "token").Options.Describe()) Add(option.Key, option.Value);
            Add("upload", UploadLocation?.ToString());
            Add("region", Region);
            return text.Length == 0 ? "text detection" : text.ToString();
        }
    }

    /// <summary>Builds a document's Start request and the job it gives, from the batch's options.</summary>
    internal static class JobTemplate
    {
        /// <summary>The validated request; with <paramref name="token"/> the journal's token is kept (else it is derived).</summary>
        public static StartJobRequest Request(BatchOptions options, S3Location document, string? token, string? etag = null) =>
            JobStarter.BuildRequest(document, options.Job, etag, token);

        /// <summary>The job a started (or resumed) document has, as the waiter and the output readers need it.</summary>
        public static TextractJob Job(BatchOptions options, StartJobRequest request, string jobId) =>
            TextractJob.Started(request, jobId, options.Region, options.EndpointUrl, startedAt: null);
    }
}
