using System;
using System.Threading;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// One asynchronous job: what was asked, the document bytes as they were when the job started (a later upload
    /// over the same key does not change a running job), and, once finished, its <see cref="Result"/>.
    /// </summary>
    internal sealed class TextractJob
    {
        private readonly object _gate = new();
        private JobResult? _result;

        public TextractJob(string jobId, StartRequest request, byte[] document, DocumentFormat format, string? kmsKeyArn,
            string? outputPrefix, string startedBy, DateTimeOffset startedAt, DateTimeOffset completesAt)
        {
            JobId = jobId;
            Request = request;
            Document = document;
            Format = format;
            KmsKeyArn = kmsKeyArn;
            OutputPrefix = outputPrefix;
            StartedBy = startedBy;
            StartedAt = startedAt;
            CompletesAt = completesAt;
        }

        public string JobId { get; }
        public JobKind Kind => Request.Kind;
        public StartRequest Request { get; }
        public byte[] Document { get; }
        public DocumentFormat Format { get; }

        /// <summary>The ARN of the KMS key KMSKeyId resolved to (null without one): what encrypts the output, and what policy checks look at.</summary>
        public string? KmsKeyArn { get; }

        /// <summary>The output key prefix, trailing slashes trimmed, when OutputConfig was given; else null.</summary>
        public string? OutputPrefix { get; }

        /// <summary>The access key id of the caller who started the job.</summary>
        public string StartedBy { get; }

        public DateTimeOffset StartedAt { get; }
        public DateTimeOffset CompletesAt { get; }

        /// <summary>Null while IN_PROGRESS.</summary>
        public JobResult? Result => Volatile.Read(ref _result);

        /// <summary>The one-shot timer that finishes the job even if nobody polls (so OutputConfig objects appear).</summary>
        public ITimer? CompletionTimer { get; set; }

        /// <summary>How the fault plan spoils this job's end (decided at Start; none without a plan).</summary>
        public Faults.JobFault Fault { get; set; } = Faults.JobFault.None;

        /// <summary>
        /// Finishes the job with <paramref name="finish"/> once <paramref name="now"/> has reached
        /// <see cref="CompletesAt"/>; runs it at most once even when a poll and the timer race.
        /// </summary>
        public JobResult? CompleteIfDue(DateTimeOffset now, Func<TextractJob, JobResult> finish)
        {
            if (Result is { } done) return done;
            if (now < CompletesAt) return null;
            lock (_gate)
            {
                if (_result is null) Volatile.Write(ref _result, finish(this));
                return _result;
            }
        }
    }
}
