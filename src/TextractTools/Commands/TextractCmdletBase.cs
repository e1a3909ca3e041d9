using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Session;

namespace TextractTools.Commands
{
    /// <summary>
    /// What every cmdlet that calls AWS shares: the AWS.Tools-style credential, region and endpoint parameters, one
    /// <see cref="AwsSession"/> per distinct region/endpoint, a cancellation token that Ctrl+C (StopProcessing)
    /// cancels, and the bridge that runs engine work off the pipeline thread.
    /// </summary>
    public abstract class TextractCmdletBase : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly Dictionary<string, AwsSession> _sessions = new Dictionary<string, AwsSession>(StringComparer.Ordinal);
        private AsyncPipelineBridge? _bridge;

        [Parameter]
        public string? AccessKey { get; set; }

        [Parameter]
        public string? SecretKey { get; set; }

        [Parameter]
        public string? SessionToken { get; set; }

        [Parameter]
        [Alias(AwsConnectionParameters.ProfileNameAlias)]
        public string? ProfileName { get; set; }

        [Parameter]
        [Alias(AwsConnectionParameters.ProfileLocationAlias, AwsConnectionParameters.ProfileLocationAlias2)]
        public string? ProfileLocation { get; set; }

        /// <summary>Access key as user name, secret key as password.</summary>
        [Parameter]
        public PSCredential? Credential { get; set; }

        [Parameter]
        public string? Region { get; set; }

        /// <summary>Another endpoint than AWS's, e.g. the local endpoint (http://127.0.0.1:PORT/).</summary>
        [Parameter]
        [Alias(AwsConnectionParameters.EndpointUrlAlias)]
        public string? EndpointUrl { get; set; }

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
        protected CancellationToken StopToken => _stopping.Token;

        internal AsyncPipelineBridge Bridge => _bridge ??= new AsyncPipelineBridge();

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>
        /// Before anything else: -Debug shows debug and verbose messages without asking at each (see
        /// <see cref="DebugSwitch"/>), and a parameter given no value is refused (see <see cref="GivenParameters"/>).
        /// Cmdlets that override this call it first.
        /// </summary>
        protected override void BeginProcessing()
        {
            DebugSwitch.Apply(this);
            var blank = GivenParameters.FirstBlank(MyInvocation.MyCommand.Name, MyInvocation.BoundParameters);
            if (blank != null) ThrowTerminatingError(ErrorRecords.From(blank, blank.ParamName));
        }

        /// <summary>The value of a parameter given on the command line, validated as a KMS key reference; null when not given.</summary>
        internal string? GivenKmsKeyId(string parameterName, string? value, string? region)
        {
            if (!MyInvocation.BoundParameters.ContainsKey(parameterName) && value is null) return null;
            Engine.Validation.KmsKeyReference.Validate(value, parameterName, region);
            return value;
        }

        public void Dispose()
        {
            foreach (var s in _sessions.Values) s.Dispose();
            _sessions.Clear();
            _stopping.Dispose();
        }

        /// <summary>
        /// Must be called on the pipeline thread (it reads shell variables and writes to the debug stream): resolve
        /// sessions before handing work to <see cref="RunAsync{T}"/>, never from inside it.
        /// The session for the cmdlet's own parameters, or for a job's region/endpoint when the cmdlet was not told
        /// otherwise. Resolved once per distinct (region, endpoint) in this cmdlet invocation.
        /// </summary>
        internal AwsSession GetSession(string? jobRegion = null, string? jobEndpoint = null)
        {
            var endpoint = EndpointUrl ?? jobEndpoint;
            var cacheKey = (Region ?? jobRegion ?? "") + "|" + (endpoint ?? "");
            if (_sessions.TryGetValue(cacheKey, out var cached)) return cached;

            var settings = AwsConnectionParameters.ToSettings(name =>
            {
                switch (name)
                {
                    case AwsConnectionParameters.AccessKey: return AccessKey;
                    case AwsConnectionParameters.SecretKey: return SecretKey;
                    case AwsConnectionParameters.SessionToken: return SessionToken;
                    case AwsConnectionParameters.ProfileName: return ProfileName;
                    case AwsConnectionParameters.ProfileLocation: return ProfileLocation;
                    case AwsConnectionParameters.Region: return Region;
                    case AwsConnectionParameters.EndpointUrl: return endpoint;
                    default: return null;
                }
            }, Credential);
            // The job's region is its own, not -Region: the session names it as such (and -Region still wins).
            settings.JobRegion = jobRegion;
            AwsToolsShellDefaults.Apply(SessionState, settings);
            var session = AwsSession.Resolve(settings);
            session.CallObserver = VerboseCallObserver();
            var endpointSource = EndpointUrl != null ? "parameter -EndpointUrl" : "the job's EndpointUrl (where it was started)";
            WriteDebug($"AWS credentials from {session.CredentialSource}; region {session.Region} from {session.RegionSource}" +
                       (session.EndpointUrl is null ? "; AWS's regional endpoints" : $"; endpoint {session.EndpointUrl} from {endpointSource}"));
            _sessions[cacheKey] = session;
            return session;
        }

        /// <summary>
        /// The region the calls will go to (where jobs run), for the checks only a region decides (a key ARN or topic of
        /// another region), or null when the session cannot be resolved yet: resolving makes no AWS call, and the failure to resolve is
        /// reported where the first call needs the session.
        /// </summary>
        internal string? RegionForValidation()
        {
            try
            {
                return GetSession().Region;
            }
            catch (Exception e) when (e is ArgumentException || e is InvalidOperationException)
            {
                return null;
            }
        }

        /// <summary>A job known only by its id: asks Textract which API it belongs to and how it stands.</summary>
        internal Engine.Jobs.TextractJob ResolveJob(string jobId)
        {
            var session = GetSession();
            return RunAsync(ct => JobInput.ResolveAsync(jobId, session, ct));
        }

        /// <summary>Runs async engine work, keeping Write* on the pipeline thread; Ctrl+C cancels it.</summary>
        internal T RunAsync<T>(Func<CancellationToken, Task<T>> work) => Bridge.Run(() => work(StopToken));

        internal void RunAsync(Func<CancellationToken, Task> work) => Bridge.Run(() => work(StopToken));

        /// <summary>Writes through the bridge: safe from engine callbacks on any thread.</summary>
        internal void PostVerbose(string message) => Bridge.Post(() => WriteVerbose(message));

        /// <summary>
        /// -Verbose tells each AWS call ("S3 PutObject 200 in 35 ms"). The SDK reports calls on its worker threads,
        /// which go through the bridge; a call made directly on the pipeline thread (outside RunAsync, where nothing
        /// would pump the bridge) is written at once. Null when verbose output is off, so calls cost nothing extra.
        /// </summary>
        private Action<AwsCall>? VerboseCallObserver()
        {
            if (!DebugSwitch.VerboseWanted(this)) return null;
            var pipelineThread = Thread.CurrentThread.ManagedThreadId;
            return call =>
            {
                if (Thread.CurrentThread.ManagedThreadId == pipelineThread) WriteVerbose(call.ToString());
                else PostVerbose(call.ToString());
            };
        }

        /// <summary>
        /// Reports a failure for one input as a non-terminating error with a category, the target and what to do,
        /// and lets the pipeline go on with the next input. Returns false when the cmdlet is stopping.
        /// </summary>
        internal bool ReportError(Exception exception, object? target)
        {
            if (StopToken.IsCancellationRequested && exception is OperationCanceledException) return false;
            WriteError(ErrorRecords.From(exception, target));
            return true;
        }
    }
}
