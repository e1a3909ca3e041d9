using System;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;
using TextractTools.Engine.Api;
using TextractTools.Engine.Session;

namespace TextractTools.BatchBench
{
    /// <summary>
    /// The clients both contenders use: the session's own configuration (retry mode, 10 attempts, no retry quota),
    /// with the SDK's backoff cap put on the benchmark's clock. The session keeps those configurations internal; this
    /// diagnosis tool reaches them by reflection (never done by the module).
    /// </summary>
    internal sealed class BenchClients : IDisposable
    {
        public BenchClients(Uri endpoint, string region, string accessKey, string secretKey, double scale)
        {
            Session = AwsSession.Resolve(new AwsConnectionSettings { AccessKey = accessKey, SecretKey = secretKey, Region = region, EndpointUrl = endpoint.ToString() });
            var credentials = new BasicAWSCredentials(accessKey, secretKey);
            var textractConfig = (TextractClientConfig)Internal(Session, "CreateTextractConfig");
            var textract = new TextractApi(credentials, textractConfig);
            var client = (AmazonServiceClient)typeof(TextractApi).GetProperty("ServiceClient", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(textract)!;
            ScaledRetryPolicy.Install(client, textractConfig, scale);
            Textract = new CountingTextractApi(textract);
            var s3Config = (AmazonS3Config)Internal(Session, "CreateS3Config");
            S3 = new AmazonS3Client(credentials, s3Config);
            ScaledRetryPolicy.Install(S3, s3Config, scale);
        }

        public AwsSession Session { get; }
        public CountingTextractApi Textract { get; }
        public AmazonS3Client S3 { get; }

        public void Dispose()
        {
            Textract.Dispose();
            S3.Dispose();
            Session.Dispose();
        }

        private static object Internal(AwsSession session, string method) =>
            typeof(AwsSession).GetMethod(method, BindingFlags.Instance | BindingFlags.NonPublic)!.Invoke(session, null)!;
    }

    /// <summary>
    /// The SDK's standard policy (same retryable errors, attempts and jitter) with every backoff divided by the time
    /// scale, so that a retry costs the same share of a job's duration as it would in real time. LimitExceededException
    /// is left to the caller, as our Textract client does.
    /// </summary>
    internal sealed class ScaledRetryPolicy : StandardRetryPolicy
    {
        private readonly double _scale;

        private ScaledRetryPolicy(IClientConfig config, double scale) : base(config)
        {
            _scale = scale;
            ThrottlingErrorCodes.Remove("LimitExceededException");
        }

        public static void Install(AmazonServiceClient client, IClientConfig config, double scale)
        {
            var pipeline = (RuntimePipeline)typeof(AmazonServiceClient).GetProperty("RuntimePipeline", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(client)!;
            pipeline.ReplaceHandler<RetryHandler>(new RetryHandler(new ScaledRetryPolicy(config, scale)));
        }

        public override Task WaitBeforeRetryAsync(IExecutionContext executionContext) =>
            Task.Delay(Delay(executionContext), executionContext.RequestContext.CancellationToken);

        public override void WaitBeforeRetry(IExecutionContext executionContext) => Thread.Sleep(Delay(executionContext));

        // The overload the obsolete message names does not compile against Core 4.1.0's net8.0+ reference set here;
        // the bench only scales the SDK's own delay, so the retry count is all it needs.
#pragma warning disable CS0618
        private TimeSpan Delay(IExecutionContext executionContext) =>
            TimeSpan.FromMilliseconds(CalculateRetryDelay(executionContext.RequestContext.Retries, MaxBackoffInMilliseconds) / _scale);
#pragma warning restore CS0618
    }

    /// <summary>Counts the calls a contender makes (each is one or more attempts on the wire; the endpoint counts those).</summary>
    internal sealed class CountingTextractApi : ITextractApi
    {
        private readonly ITextractApi _inner;
        private long _starts, _gets;

        public CountingTextractApi(ITextractApi inner) => _inner = inner;

        public long Starts => Interlocked.Read(ref _starts);
        public long Gets => Interlocked.Read(ref _gets);

        public Task<string> StartJobAsync(StartJobRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _starts);
            return _inner.StartJobAsync(request, cancellationToken);
        }

        public Task<JobResultPage> GetJobPageAsync(TextractJobKind kind, GetJobPageRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _gets);
            return _inner.GetJobPageAsync(kind, request, cancellationToken);
        }

        public Task<JobResultPage> GetJobSummaryAsync(TextractJobKind kind, string jobId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _gets);
            return _inner.GetJobSummaryAsync(kind, jobId, cancellationToken);
        }

        public void Dispose() => _inner.Dispose();
    }
}
