using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Amazon.S3;
using TextractTools.Engine.Api;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Document;

namespace TextractTools.Engine.Output
{
    /// <summary>Where a job's output is read from.</summary>
    public enum OutputSourceChoice
    {
        /// <summary>The output bucket when the job has an OutputConfig (no 7-day limit, no Get quota), else the Get* API.</summary>
        Auto,

        /// <summary>The Get* API; the output bucket when Textract has forgotten the job (after 7 days) and it has one.</summary>
        Api,

        /// <summary>The output bucket only.</summary>
        S3,
    }

    /// <summary>What a caller wants to hear of, and insist on, while output is read. Callbacks run on the reading thread.</summary>
    public sealed class OutputReadSettings
    {
        /// <summary>
        /// The key ARN every output object must be SSE-KMS encrypted under (S3 sources); an object that is not fails the
        /// whole read. Null: no check.
        /// </summary>
        public string? ExpectedKmsKeyArn { get; set; }

        /// <summary>How long numbered objects may take to appear after the job finished (Textract writes them late).</summary>
        public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Told when the read takes another way than asked (the Get API forgot the job: read from the bucket).</summary>
        public Action<string>? Warning { get; set; }

        /// <summary>Told where the pages are read from, once it is known.</summary>
        public Action<string>? Verbose { get; set; }
    }

    /// <summary>
    /// The one way a job's output is read, by the cmdlets and the batch alike: from the Get* API (NextToken after
    /// NextToken) or from the numbered objects in the output bucket, in order and completely, or failing loudly. A
    /// page that cannot be had after retries fails the read; it never yields a shorter output. The pages are read
    /// lazily, one at a time, as the caller enumerates them (on a worker thread: the sources block on their calls).
    /// </summary>
    public sealed class JobOutputReader
    {
        private readonly ITextractApi _textract;
        private readonly IAmazonS3 _s3;

        internal JobOutputReader(ITextractApi textract, IAmazonS3 s3)
        {
            _textract = textract;
            _s3 = s3;
        }

        /// <summary>
        /// The pages of a finished job from <paramref name="source"/>. Throws ArgumentException (before any call) when
        /// the bucket is asked for and the job has no OutputConfig.
        /// </summary>
        public IEnumerable<RawOutputPage> ReadPages(TextractJob job, OutputSourceChoice source, OutputReadSettings settings, CancellationToken cancellationToken)
        {
            if (job is null) throw new ArgumentNullException(nameof(job));
            settings ??= new OutputReadSettings();
            var folder = job.OutputFolder;
            if (source == OutputSourceChoice.S3 && folder is null)
                throw new ArgumentException($"Job {job.JobId} has no OutputConfig, so its output is not in a bucket; read it through the Get API (-Source Api or Auto).", "Source");
            return source == OutputSourceChoice.Api || folder is null
                ? FromApi(job, folder, settings, cancellationToken)
                : FromBucket(PagesFolder(folder, job.Kind), job, settings, cancellationToken);
        }

        /// <summary>
        /// The numbered output objects under <paramref name="location"/> (s3://bucket/prefix/JobId/): output of a job
        /// started elsewhere. A lending job's folder holds its pages under detailedResponse/: that is read instead.
        /// </summary>
        public IEnumerable<RawOutputPage> ReadPages(S3Location location, OutputReadSettings settings, CancellationToken cancellationToken)
        {
            if (location is null) throw new ArgumentNullException(nameof(location));
            settings ??= new OutputReadSettings();
            var folder = location.AsFolder();
            var lendingPages = folder.Child(TextractJobKindInfo.Of(TextractJobKind.LendingAnalysis).PagesFolder);
            if (!HasNumberedObjects(folder, cancellationToken) && HasNumberedObjects(lendingPages, cancellationToken)) folder = lendingPages;
            return FromBucket(folder, null, settings, cancellationToken);
        }

        /// <summary>
        /// The summary answer(s) of a finished job whose kind has one (lending: GetLendingAnalysisSummary), from the
        /// same source as <see cref="ReadPages(TextractJob, OutputSourceChoice, OutputReadSettings, CancellationToken)"/>
        /// would read the pages: the API, or the job's summaryResponse/ folder in the bucket.
        /// </summary>
        public IEnumerable<RawOutputPage> ReadSummary(TextractJob job, OutputSourceChoice source, OutputReadSettings settings, CancellationToken cancellationToken)
        {
            if (job is null) throw new ArgumentNullException(nameof(job));
            var kind = TextractJobKindInfo.Of(job.Kind);
            if (kind.SummaryOperation is null || kind.SummaryFolder is null)
                throw new ArgumentException($"Job {job.JobId} is {kind.Description}, which has no summary.", "As");
            settings ??= new OutputReadSettings();
            var folder = job.OutputFolder;
            if (source == OutputSourceChoice.S3 && folder is null)
                throw new ArgumentException($"Job {job.JobId} has no OutputConfig, so its summary is not in a bucket; read it through the Get API (-Source Api or Auto).", "Source");
            if (source != OutputSourceChoice.Api && folder != null) return SummaryFromBucket(folder.Child(kind.SummaryFolder), settings, cancellationToken);
            return SummaryFromApi(job, kind, settings, cancellationToken);
        }

        /// <summary>The summary answer(s) under a job folder's summaryResponse/ (s3://bucket/prefix/JobId/): a job started elsewhere.</summary>
        public IEnumerable<RawOutputPage> ReadSummary(S3Location jobFolder, OutputReadSettings settings, CancellationToken cancellationToken)
        {
            if (jobFolder is null) throw new ArgumentNullException(nameof(jobFolder));
            var summaryFolder = TextractJobKindInfo.Of(TextractJobKind.LendingAnalysis).SummaryFolder!;
            var folder = jobFolder.AsFolder();
            return SummaryFromBucket(folder.Key.EndsWith(summaryFolder, StringComparison.Ordinal) ? folder : folder.Child(summaryFolder),
                settings ?? new OutputReadSettings(), cancellationToken);
        }

        private IEnumerable<RawOutputPage> SummaryFromApi(TextractJob job, TextractJobKindInfo kind, OutputReadSettings settings, CancellationToken cancellationToken)
        {
            settings.Verbose?.Invoke($"Reading the summary of job {job.JobId} through {kind.SummaryOperation}");
            // Sync over async: see FromBucket.
            var answer = _textract.GetJobSummaryAsync(job.Kind, job.JobId, cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();
            yield return new RawOutputPage($"{kind.SummaryOperation} of job {job.JobId}", answer.Json);
        }

        private IEnumerable<RawOutputPage> SummaryFromBucket(S3Location folder, OutputReadSettings settings, CancellationToken cancellationToken)
        {
            // The names of the objects under summaryResponse/ are not documented: every object there is read, in key order.
            var source = new S3OutputSource(_s3);
            var objects = source.ListAnyAsync(folder, settings.SettleTime, cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();
            if (objects.Count == 0)
                throw new FileNotFoundException($"No summary objects under {folder}: check the job id, and that the job is a lending analysis with an OutputConfig.");
            settings.Verbose?.Invoke($"Reading the summary from {folder}");
            var expectedKey = settings.ExpectedKmsKeyArn;
            foreach (var page in source.ReadPages(objects, expectedKey is null ? null : info => RequireKey(info, expectedKey), cancellationToken))
                yield return page;
        }

        private bool HasNumberedObjects(S3Location folder, CancellationToken cancellationToken) =>
            new S3OutputSource(_s3).ListAsync(folder, TimeSpan.Zero, cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult().Count > 0;

        /// <summary>Where a kind keeps its numbered pages under the job's output folder (lending: detailedResponse/).</summary>
        private static S3Location PagesFolder(S3Location jobFolder, TextractJobKind kind)
        {
            var pages = TextractJobKindInfo.Of(kind).PagesFolder;
            return pages.Length == 0 ? jobFolder : jobFolder.Child(pages);
        }

        private IEnumerable<RawOutputPage> FromApi(TextractJob job, S3Location? folder, OutputReadSettings settings, CancellationToken cancellationToken)
        {
            settings.Verbose?.Invoke($"Reading job {job.JobId} through {TextractJobKindInfo.Of(job.Kind).GetOperation}");
            using (var pages = ApiOutputSource.ReadPages(_textract, job, cancellationToken).GetEnumerator())
            {
                TextractServiceException? forgotten = null;
                var any = false;
                try
                {
                    any = pages.MoveNext();
                }
                catch (TextractServiceException e) when (e.ErrorCode == "InvalidJobIdException" && folder != null)
                {
                    forgotten = e;
                }
                if (forgotten is null)
                {
                    if (!any) yield break;
                    yield return pages.Current;
                    while (pages.MoveNext()) yield return pages.Current;
                    yield break;
                }
                // Get* forgets jobs after 7 days; the output bucket keeps them until the customer deletes them.
                settings.Warning?.Invoke($"Textract no longer knows job {job.JobId} ({forgotten.Message}); reading its output from {folder} instead.");
            }
            foreach (var page in FromBucket(PagesFolder(folder!, job.Kind), job, settings, cancellationToken)) yield return page;
        }

        private IEnumerable<RawOutputPage> FromBucket(S3Location folder, TextractJob? job, OutputReadSettings settings, CancellationToken cancellationToken)
        {
            var source = new S3OutputSource(_s3);
            // Sync over async in the one place output reading allows it: the caller enumerates on a worker thread.
            var objects = source.ListAsync(folder, settings.SettleTime, cancellationToken)
                .ConfigureAwait(false).GetAwaiter().GetResult();
            if (objects.Count == 0)
            {
                var waited = job is null ? "" : $" within {settings.SettleTime.TotalSeconds:0} s of job {job.JobId} finishing";
                throw new FileNotFoundException($"No numbered output objects under {folder}{waited}: check the bucket, prefix and job id " +
                                                "(Textract writes {prefix}/{JobId}/1, /2, ...).");
            }
            settings.Verbose?.Invoke($"Reading {objects.Count} output object(s) from {folder}");
            var expectedKey = settings.ExpectedKmsKeyArn;
            foreach (var page in source.ReadPages(objects, expectedKey is null ? null : info => RequireKey(info, expectedKey), cancellationToken))
                yield return page;
        }

        /// <summary>With an expected key, output not SSE-KMS under that key is refused (the whole read fails).</summary>
        private static void RequireKey(OutputObjectInfo info, string expectedKeyArn)
        {
            if (info.Encryption != "aws:kms" || !KmsKeyMatcher.Matches(expectedKeyArn, info.KmsKeyId))
                throw new InvalidDataException($"{info.Uri} is encrypted with {info.Encryption ?? "nothing"}" +
                                               (info.KmsKeyId is null ? "" : $" under {info.KmsKeyId}") + $", not SSE-KMS under {expectedKeyArn}; refusing it.");
        }
    }
}
