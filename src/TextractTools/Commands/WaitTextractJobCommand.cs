using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Session;
using TextractTools.Engine.Validation;

namespace TextractTools.Commands
{
    /// <summary>
    /// Waits for Textract jobs: polls each with capped exponential backoff and jitter, shows progress, emits each job
    /// as it finishes (or all at the end with -All). FAILED jobs become error records with the service's message;
    /// PARTIAL_SUCCESS jobs are output with a warning naming the failed pages. With -QueueUrl it long-polls the SQS
    /// queue the jobs' notification topic delivers to instead of polling, and consumes only the jobs' own messages.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "TextractJob", DefaultParameterSetName = JobSet)]
    [OutputType(typeof(TextractJob))]
    public sealed class WaitTextractJobCommand : TextractCmdletBase
    {
        private const string JobSet = "Job";
        private const string JobIdSet = "JobId";
        private readonly List<TextractJob> _jobs = new List<TextractJob>();
        private readonly List<string> _jobIds = new List<string>();

        /// <summary>Jobs: from Start-TextractAnalysis, or saved with Export-Clixml and read back with Import-Clixml.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = JobSet, ValueFromPipeline = true)]
        [JobObjectTransformation]
        public TextractJob[] Job { get; set; } = Array.Empty<TextractJob>();

        [Parameter(Mandatory = true, ParameterSetName = JobIdSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.JobIdCompleter))]
        public string[] JobId { get; set; } = Array.Empty<string>();

        /// <summary>Give up after this many seconds (the jobs keep running in Textract). 0: wait without limit.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int TimeoutSec { get; set; }

        /// <summary>Emit the jobs together once all have finished, instead of each as it finishes.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>The first wait between polls of a job, in seconds; it doubles up to -MaxPollIntervalSec.</summary>
        [Parameter]
        [ValidateRange(0.05, 3600)]
        public double PollIntervalSec { get; set; } = 1;

        [Parameter]
        [ValidateRange(0.05, 3600)]
        public double MaxPollIntervalSec { get; set; } = 30;

        /// <summary>
        /// The SQS queue subscribed to the jobs' NotificationChannel topic: wait for the notifications there instead of
        /// polling Get* (one Get* per job confirms its final status).
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? QueueUrl { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == JobSet) _jobs.AddRange(Job.Where(j => j != null));
            else _jobIds.AddRange(JobId);
        }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // A malformed URL is refused before any job is read from the pipeline or any AWS call is made.
            if (QueueUrl is null) return;
            try
            {
                SqsQueueUrl.Validate(QueueUrl, nameof(QueueUrl));
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, QueueUrl));
            }
        }

        protected override void EndProcessing()
        {
            foreach (var id in _jobIds)
            {
                try
                {
                    TextractIdentifiers.ValidateJobId(id); // validation only: no call for an id Textract cannot have given
                    _jobs.Add(JobInput.Known(id) ?? ResolveJob(id));
                }
                catch (Exception e) when (!(e is PipelineStoppedException))
                {
                    if (!ReportError(e, id)) return;
                }
            }
            if (_jobs.Count == 0) return;

            var schedule = PollSchedule.FromSeconds(PollIntervalSec, MaxPollIntervalSec);
            // Sessions are resolved here, on the pipeline thread; the waiter only looks them up.
            var apis = new Dictionary<TextractJob, Engine.Api.ITextractApi>();
            try
            {
                foreach (var job in _jobs) apis[job] = GetSession(job.Region, job.EndpointUrl).Textract;
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ReportError(e, null);
                return;
            }
            var waiter = new JobWaiter(job => apis[job], schedule);
            QueueNotificationWaiter? queueWaiter = null;
            if (QueueUrl != null)
            {
                try
                {
                    // The queue's own region when its URL names one (AWS URLs do), else the first job's.
                    var queueSession = GetSession(SqsQueueUrl.RegionOf(QueueUrl) ?? _jobs[0].Region, _jobs[0].EndpointUrl);
                    queueWaiter = queueSession.CreateQueueNotificationWaiter(QueueUrl, job => apis[job]);
                }
                catch (Exception e) when (!(e is PipelineStoppedException))
                {
                    ReportError(e, QueueUrl);
                    return;
                }
            }
            var timeout = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null;
            var finishedJobs = new List<TextractJob>();
            var progress = new ProgressRecord(1, "Waiting for Textract jobs", "Starting");
            IReadOnlyList<TextractJob> stillRunning;
            try
            {
                Action<TextractJob> onFinished = job => Bridge.Post(() => { if (All) finishedJobs.Add(job); else Emit(job); });
                Action<WaitProgress> onProgress = p => Bridge.Post(() => ShowProgress(progress, p));
                stillRunning = queueWaiter != null
                    ? RunAsync(ct => queueWaiter.WaitAsync(_jobs, timeout, onFinished, onProgress, ct))
                    : RunAsync(ct => waiter.WaitAsync(_jobs, timeout, onFinished, onProgress, ct));
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ReportError(e, null);
                return;
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
            WriteVerbose(queueWaiter == null
                ? $"{waiter.PollCount} status calls for {_jobs.Count} job(s)."
                : $"{queueWaiter.ReceiveCount} queue receives, {queueWaiter.StatusCallCount} status calls for {_jobs.Count} job(s); " +
                  $"{queueWaiter.ReleasedCount} other message(s) left in the queue.");
            foreach (var job in finishedJobs) Emit(job);
            foreach (var job in stillRunning) ReportTimeout(job);
        }

        private void ShowProgress(ProgressRecord progress, WaitProgress p)
        {
            progress.StatusDescription = $"{p.Finished} of {p.Total} finished, {p.Elapsed:hh\\:mm\\:ss} elapsed";
            progress.PercentComplete = p.Total == 0 ? 100 : (int)(100.0 * p.Finished / p.Total);
            progress.CurrentOperation = p.LastJobId is null ? null : "Finished " + p.LastJobId;
            WriteProgress(progress);
        }

        private void Emit(TextractJob job)
        {
            switch (job.Status)
            {
                case "FAILED":
                    var failure = new InvalidOperationException($"Textract job {job.JobId} for {job.Document} FAILED: {job.StatusMessage ?? "no message from the service"}");
                    WriteError(ErrorRecords.Make(failure, "TextractJobFailed", ErrorCategory.InvalidResult, job,
                        "Read the service's message: an unsupported or damaged document, or missing permissions on the input, output bucket or KMS key, are the usual causes."));
                    break;
                case "PARTIAL_SUCCESS":
                    WriteWarning($"Textract job {job.JobId} for {job.Document} finished with PARTIAL_SUCCESS: {string.Join("; ", job.Warnings)}. The output lacks those pages.");
                    WriteObject(job);
                    break;
                default:
                    WriteObject(job);
                    break;
            }
        }

        private void ReportTimeout(TextractJob job)
        {
            var error = new TimeoutException($"Textract job {job.JobId} for {job.Document} is still running after {TimeoutSec} s. It keeps running in Textract.");
            WriteError(ErrorRecords.Make(error, "TextractJobTimeout", ErrorCategory.OperationTimeout, job,
                $"Resume later with: Wait-TextractJob -JobId {job.JobId}" + (job.Region.Length > 0 ? $" -Region {job.Region}" : "") +
                " (or pipe the job object again)."));
        }
    }
}
