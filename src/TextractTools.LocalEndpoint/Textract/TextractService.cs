using System;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Kms;
using TextractTools.LocalEndpoint.Policy;
using TextractTools.LocalEndpoint.Replay;
using TextractTools.LocalEndpoint.Storage;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// Amazon Textract's asynchronous document API (X-Amz-Target "Textract.*"): StartDocumentTextDetection /
    /// GetDocumentTextDetection, StartDocumentAnalysis / GetDocumentAnalysis, StartExpenseAnalysis /
    /// GetExpenseAnalysis, StartLendingAnalysis / GetLendingAnalysis / GetLendingAnalysisSummary. Jobs read their
    /// document from the endpoint's S3 storage, stay IN_PROGRESS for <see cref="EndpointOptions.JobDuration"/> and
    /// then answer what the <see cref="ReplayLibrary"/> holds for the document and the job's kind. A job is read only
    /// through its own kind's Get operations (any other answers InvalidJobIdException).
    /// <para>
    /// Start checks, in the service's order: the request's members (InvalidParameterException), the
    /// ClientRequestToken (same parameters: the same JobId; other parameters: IdempotentParameterMismatchException),
    /// KMSKeyId (unknown or disabled: InvalidKMSKeyException), the input object (InvalidS3ObjectException), its
    /// format by magic bytes (UnsupportedDocumentException) and size (DocumentTooLargeException), and the output
    /// bucket: the service writes its .s3_access_check at Start, so a missing output bucket fails the Start with
    /// InvalidS3ObjectException (the exact code the service gives then is unverified).
    /// </para>
    /// <para>
    /// With a policy file, every operation first needs textract:&lt;Operation&gt;, and a Start also needs the caller's
    /// own permissions on what the job touches (<see cref="StartPermissions"/>): AccessDeniedException otherwise.
    /// </para>
    /// <para>
    /// A NotificationChannel topic must exist (InvalidParameterException otherwise); the finished job's message is
    /// published to it (<see cref="JobNotifier"/>). With <see cref="EndpointOptions.MaxConcurrentJobs"/>, a Start
    /// beyond that many running jobs answers LimitExceededException.
    /// </para>
    /// </summary>
    public sealed class TextractService : IJsonService, IDisposable
    {
        private readonly EndpointOptions _options;
        private readonly ObjectStore _storage;
        private readonly KeyStore _keys;
        private readonly TimeProvider _time;
        private readonly JobRegistry _jobs = new();
        private readonly OutputWriter _output;
        private readonly JobFinisher _finisher;
        private readonly Authorizer _authorizer;
        private readonly StartPermissions _permissions;
        private readonly JobNotifier _notifier;
        private readonly ConcurrentJobLimit _limit;
        private readonly Func<TextractJob, JobResult> _finish;
        private readonly Faults.FaultInjector? _faults;

        /// <param name="authorizer">The policy checks; null (or <see cref="Authorizer.AllowAll"/>) allows everything.</param>
        /// <param name="notifications">Where NotificationChannel topics live; null: no topic exists, a Start naming one is refused.</param>
        public TextractService(EndpointOptions options, ObjectStore storage, KeyStore keys, ReplayLibrary library, TimeProvider? time = null,
            Authorizer? authorizer = null, Sns.NotificationPublisher? notifications = null, Faults.FaultInjector? faults = null)
        {
            _faults = faults;
            _authorizer = authorizer ?? Authorizer.AllowAll;
            _permissions = new StartPermissions(_authorizer);
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _storage = storage ?? throw new ArgumentNullException(nameof(storage));
            _keys = keys ?? throw new ArgumentNullException(nameof(keys));
            _time = time ?? TimeProvider.System;
            _output = new OutputWriter(storage);
            Library = library ?? throw new ArgumentNullException(nameof(library));
            _finisher = new JobFinisher(library, _output);
            _notifier = new JobNotifier(notifications, _time);
            _finish = _notifier.Notifying(_finisher.Finish);
            _limit = new ConcurrentJobLimit(() => options.MaxConcurrentJobs);
        }

        public string TargetPrefix => "Textract";

        /// <summary>The recordings this service replays; tests and demos may add to it while the endpoint runs.</summary>
        public ReplayLibrary Library { get; }

        /// <summary>Stops the completion timers of unfinished jobs (the endpoint is shutting down).</summary>
        public void Dispose()
        {
            foreach (var job in _jobs.Snapshot()) job.CompletionTimer?.Dispose();
        }

        public Task<JsonServiceResponse> HandleAsync(string operation, byte[] body, CallContext context, CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<JsonServiceResponse>(cancellationToken);
            try
            {
                StartPermissions.Require(_authorizer.CheckTextract(context.AccessKeyId, operation));
                var json = operation switch
                {
                    "StartDocumentAnalysis" => Start(StartRequestReader.Read(JobKind.Analysis, body), context),
                    "StartDocumentTextDetection" => Start(StartRequestReader.Read(JobKind.TextDetection, body), context),
                    "StartExpenseAnalysis" => Start(StartRequestReader.Read(JobKind.Expense, body), context),
                    "StartLendingAnalysis" => Start(StartRequestReader.Read(JobKind.Lending, body), context),
                    "GetDocumentAnalysis" => Get(JobKind.Analysis, GetRequest.Read(JobKind.Analysis, body)),
                    "GetDocumentTextDetection" => Get(JobKind.TextDetection, GetRequest.Read(JobKind.TextDetection, body)),
                    "GetExpenseAnalysis" => Get(JobKind.Expense, GetRequest.Read(JobKind.Expense, body)),
                    "GetLendingAnalysis" => Get(JobKind.Lending, GetRequest.Read(JobKind.Lending, body)),
                    "GetLendingAnalysisSummary" => GetLendingSummary(GetRequest.ReadJobIdOnly(body)),
                    _ => throw TextractException.UnknownOperation(operation),
                };
                return Task.FromResult(JsonServiceResponse.Ok(json));
            }
            catch (TextractException e)
            {
                return Task.FromResult(JsonServiceResponse.Error(e.StatusCode, e.Code, e.Message));
            }
            catch (AccessDeniedException e)
            {
                return Task.FromResult(JsonServiceResponse.Error(400, "AccessDeniedException", e.Message));
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                return Task.FromResult(JsonServiceResponse.Error(500, "InternalServerError", "The local endpoint failed: " + e.Message));
            }
        }

        /// <summary>The job with this id (for checks by other parts of the endpoint, e.g. policies), or null.</summary>
        internal TextractJob? FindJob(string jobId) => _jobs.Find(jobId, _time.GetUtcNow());

        /// <summary>
        /// Forgets a job as if its 7-day Get window had passed (its output in the bucket stays): for tests of reading
        /// old jobs through the bucket. The job keeps nothing running: a finished job has no timer left.
        /// </summary>
        public bool ForgetJob(string jobId) => _jobs.Forget(jobId);

        /// <summary>How many jobs this endpoint has started (tests check that reruns start none twice).</summary>
        public int JobCount => _jobs.Snapshot().Count;

        private string Start(StartRequest request, CallContext context)
        {
            var now = _time.GetUtcNow();
            var earlier = _jobs.FindByToken(request, now);
            // The caller's own permissions come before the idempotency answer: a principal lacking them must not get
            // another principal's job back just by repeating its token.
            if (earlier != null) RequireCallerPermissions(request, context, earlier.JobId);
            if (earlier != null) return JobIdAnswer(earlier.JobId);
            if (request.RoleArn is { } roleArn) _permissions.RequirePassRole(context, roleArn);
            _notifier.RequireTopic(request);

            string? keyArn = null;
            if (request.KmsKeyId is { } keyId)
            {
                if (!_keys.TryResolve(keyId, out var key) || !key.Enabled) throw TextractException.InvalidKmsKey(keyId);
                keyArn = key.Arn;
                _permissions.RequireJobKey(context, keyArn);
            }

            // S3 object versions are not kept by the endpoint's storage: a Version member is accepted and ignored.
            _permissions.RequireInput(context, request.Bucket, request.Name);
            if (!_storage.TryGetObject(request.Bucket, request.Name, out var input)) throw TextractException.InvalidS3Object();
            _permissions.RequireInputKey(context, input);
            var format = DocumentFormats.Detect(input.Data) ?? throw TextractException.UnsupportedDocument();
            DocumentFormats.CheckSize(format, input.Data.LongLength);

            var jobId = JobRegistry.NewJobId();
            string? prefix = null;
            if (request.OutputBucket is { } outputBucket)
            {
                prefix = OutputWriter.ResolvePrefix(request.OutputPrefix);
                _permissions.RequireOutput(context, outputBucket, OutputWriter.KeyOf(prefix, jobId, OutputWriter.AccessCheckName));
                if (!_output.TryWriteAccessCheck(outputBucket, prefix, jobId, keyArn)) throw TextractException.InvalidOutputBucket(outputBucket);
            }

            // The fault plan (FAULTS.md) decides now how this job ends, how long it runs and how late its output appears.
            var fault = _faults?.DecideJob(request.Kind.StartOperation()) ?? Faults.JobFault.None;
            var job = new TextractJob(jobId, request, input.Data, format, keyArn, prefix, context.AccessKeyId, now, now + (fault.Duration ?? _options.JobDuration))
            {
                Fault = fault,
            };
            var registered = _limit.Admit(() => RunningJobs(now), () => _jobs.Register(job, now));
            if (ReferenceEquals(registered, job))
            {
                _faults?.Started(fault);
                ScheduleCompletion(job);
            }
            return JobIdAnswer(registered.JobId);
        }

        /// <summary>The permission checks of a Start, without its side effects (for a repeated token).</summary>
        private void RequireCallerPermissions(StartRequest request, CallContext context, string jobId)
        {
            if (request.RoleArn is { } roleArn) _permissions.RequirePassRole(context, roleArn);
            if (request.KmsKeyId is { } keyId && _keys.TryResolve(keyId, out var key)) _permissions.RequireJobKey(context, key.Arn);
            _permissions.RequireInput(context, request.Bucket, request.Name);
            if (_storage.TryGetObject(request.Bucket, request.Name, out var input)) _permissions.RequireInputKey(context, input);
            if (request.OutputBucket is { } outputBucket)
            {
                var prefix = OutputWriter.ResolvePrefix(request.OutputPrefix);
                _permissions.RequireOutput(context, outputBucket, OutputWriter.KeyOf(prefix, jobId, OutputWriter.AccessCheckName));
            }
        }

        private string Get(JobKind kind, GetRequest request)
        {
            var (job, result) = FindFinished(kind, request.JobId);
            if (result is null) return GetAnswerWriter.InProgress();
            if (!result.HasOutput) return GetAnswerWriter.Failed(kind, result.StatusMessage!);

            var first = request.NextToken is null ? 0 : NextTokenCodec.Decode(request.NextToken, job.JobId, result.PagedCount(kind));
            return GetAnswerWriter.Page(job, result, first, request.MaxResults, explicitNulls: false);
        }

        private string GetLendingSummary(string jobId)
        {
            var (job, result) = FindFinished(JobKind.Lending, jobId);
            if (result is null) return GetAnswerWriter.InProgress();
            if (!result.HasOutput) return GetAnswerWriter.Failed(JobKind.Lending, result.StatusMessage!);
            return GetAnswerWriter.Summary(job, result, explicitNulls: false);
        }

        /// <summary>The job and, once its time is up, its result (null while IN_PROGRESS).</summary>
        private (TextractJob Job, JobResult? Result) FindFinished(JobKind kind, string jobId)
        {
            var now = _time.GetUtcNow();
            var job = _jobs.Find(jobId, now);
            // A job read through another kind's Get is unknown to that operation, as in the service.
            if (job is null || job.Kind != kind) throw TextractException.InvalidJobId();
            return (job, job.CompleteIfDue(now, _finish));
        }

        /// <summary>
        /// Finishes the job when its time is up even if nobody polls, so its OutputConfig objects appear as they
        /// would. Polling also finishes a due job, so the timer is a convenience, never the only path.
        /// </summary>
        private void ScheduleCompletion(TextractJob job)
        {
            var due = job.CompletesAt - _time.GetUtcNow();
            job.CompletionTimer = _time.CreateTimer(_ => OnCompletionTimer(job), null,
                due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        private void OnCompletionTimer(TextractJob job)
        {
            var now = _time.GetUtcNow();
            if (job.CompleteIfDue(now, _finish) is null)
            {
                // A timer may fire a little before the clock it is compared with says the time is up: try again then.
                job.CompletionTimer?.Change(job.CompletesAt - now, Timeout.InfiniteTimeSpan);
                return;
            }
            job.CompletionTimer?.Dispose();
        }

        /// <summary>Jobs whose time is not up yet: IN_PROGRESS for a caller, so they count against the concurrent-job limit.</summary>
        private int RunningJobs(DateTimeOffset now) => System.Linq.Enumerable.Count(_jobs.Snapshot(), j => j.Result is null && now < j.CompletesAt);

        private static string JobIdAnswer(string jobId) =>
            System.Text.Json.JsonSerializer.Serialize(new System.Collections.Generic.Dictionary<string, string> { ["JobId"] = jobId });
    }
}
