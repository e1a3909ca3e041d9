using System;
using System.Globalization;

namespace TextractTools.LocalEndpoint.Hosting
{
    /// <summary>
    /// The parsed command line. Parsing lives here alone so that new options (or subcommands such as
    /// "write-sample &lt;dir&gt;") are added in one small place.
    /// </summary>
    public sealed class EndpointCommandLine
    {
        public const string Usage =
@"Usage: TextractTools.LocalEndpoint [options]

Runs S3, KMS and Textract emulations on http://127.0.0.1:PORT/ for offline use of TextractTools.
Prints 'Listening on http://127.0.0.1:PORT/' once ready, then runs until stdin closes, a line 'stop'
is read from stdin, or Ctrl+C / SIGTERM.

Options:
  --port N              Port to listen on (default 0: a free port)
  --region R            Region of the emulated services (default us-east-1)
  --access-key A        Access key id accepted for SigV4 (with --secret-key; replaces the default pair)
  --secret-key S        Secret key of --access-key
  --job-seconds N       Seconds a Textract job stays IN_PROGRESS (default 2)
  --replay DIR          Folder of recorded documents/responses to replay (repeatable)
  --create-bucket NAME  Create this bucket at start (repeatable)
  --create-key ALIAS    Create a KMS key with this alias (alias/name) at start (repeatable)
  --create-queue NAME   Create this SQS queue at start (repeatable)
  --create-topic NAME   Create this SNS topic at start (repeatable); a --create-queue of the same
                        name is subscribed to it, so Textract notifications reach that queue
  --max-concurrent-jobs N  Textract jobs IN_PROGRESS at once before Start answers
                        LimitExceededException (default: no limit)
  --policy FILE         Policy file: principals (access keys, secrets, identity policies) and KMS key
                        policies; their requests are checked as IAM/KMS would (see POLICY.md). Without
                        it everything is allowed; --access-key stays an unrestricted administrator
  --faults FILE         Fault plan (JSON, see FAULTS.md): per operation (Textract.GetDocumentAnalysis,
                        S3.*, Kms.GenerateDataKey) shares of throttling, 5xx and dropped connections,
                        delays, TPS quotas, and jobs that fail, end PARTIAL_SUCCESS or write output late
  --fault SPEC          One rule, e.g. Textract.Get*:throttle=0.3,5xx=0.05,drop=0.02,delayMs=200
                        (repeatable; added to --faults, a later rule replaces one of the same pattern).
                        Changed at run time through POST /_admin/faults (loopback only, no signature)
  --fault-seed N        Seed of the random that draws faults (default 1): same seed, same faults
  --ignore-stdin        Do not watch stdin (run in the background until a signal)
  --help                Show this text

Other commands:
  write-sample DIR      Write the project's sample document (textracttools-sample.pdf) and its recorded
                        analysis, expense and lending answers (textracttools-sample.pdf.analysis.json,
                        .expense.json, .lending.json) into DIR, then exit";

        public EndpointOptions Options { get; } = new();
        public bool ShowHelp { get; private set; }
        public bool IgnoreStdin { get; private set; }

        /// <summary>Set when the arguments are invalid; the text says what is wrong.</summary>
        public string? Error { get; private set; }

        public static EndpointCommandLine Parse(string[] args)
        {
            var result = new EndpointCommandLine();
            string? accessKey = null, secretKey = null;
            var faults = new System.Collections.Generic.List<System.Func<Faults.FaultPlan>>();
            int? faultSeed = null;
            for (var i = 0; i < args.Length && result.Error is null; i++)
            {
                var arg = args[i];
                switch (arg)
                {
                    case "--help": case "-h": case "-?": result.ShowHelp = true; break;
                    case "--ignore-stdin": result.IgnoreStdin = true; break;
                    case "--port": result.Options.Port = result.Int(args, ref i, 0, 65535); break;
                    case "--region": result.Options.Region = result.Value(args, ref i) ?? result.Options.Region; break;
                    case "--access-key": accessKey = result.Value(args, ref i); break;
                    case "--secret-key": secretKey = result.Value(args, ref i); break;
                    case "--job-seconds": result.Options.JobDuration = TimeSpan.FromSeconds(result.Int(args, ref i, 0, 86400)); break;
                    case "--replay":
                        var folder = result.Value(args, ref i);
                        if (folder is not null) result.Options.ReplayFolders.Add(folder);
                        break;
                    case "--create-bucket":
                        var bucket = result.Value(args, ref i);
                        if (bucket is not null) result.Options.SeedBuckets.Add(bucket);
                        break;
                    case "--policy": result.Options.PolicyFile = result.Value(args, ref i); break;
                    case "--create-key":
                        var alias = result.Value(args, ref i);
                        if (alias is not null) result.Options.SeedKeyAliases.Add(alias);
                        break;
                    case "--create-queue":
                        var queue = result.Value(args, ref i);
                        if (queue is not null) result.Options.SeedQueues.Add(queue);
                        break;
                    case "--create-topic":
                        var topic = result.Value(args, ref i);
                        if (topic is not null) result.Options.SeedTopics.Add(topic);
                        break;
                    case "--faults":
                        var faultFile = result.Value(args, ref i);
                        if (faultFile is not null) faults.Add(() => Faults.FaultPlan.FromFile(faultFile));
                        break;
                    case "--fault":
                        var faultSpec = result.Value(args, ref i);
                        if (faultSpec is not null) faults.Add(() => Faults.FaultPlan.FromSpec(faultSpec));
                        break;
                    case "--fault-seed": faultSeed = result.Int(args, ref i, 0, int.MaxValue); break;
                    case "--max-concurrent-jobs": result.Options.MaxConcurrentJobs = result.Int(args, ref i, 1, 100000); break;
                    default: result.Error = $"Unknown argument '{arg}'. Use --help for the list of options."; break;
                }
            }
            if (result.Error is null) result.ReadFaults(faults, faultSeed);
            if (result.Error is null && (accessKey is null) != (secretKey is null))
            {
                result.Error = "--access-key and --secret-key must be given together.";
            }
            else if (accessKey is not null)
            {
                result.Options.Credentials.Clear();
                result.Options.Credentials[accessKey] = secretKey!;
            }
            return result;
        }

        /// <summary>--faults files and --fault rules in the order given, then --fault-seed over the file's seed.</summary>
        private void ReadFaults(System.Collections.Generic.List<System.Func<Faults.FaultPlan>> plans, int? seed)
        {
            try
            {
                var plan = Options.Faults;
                foreach (var read in plans)
                {
                    var next = read();
                    plan = plan.IsEmpty ? next : plan.With(next);
                }
                Options.Faults = seed is { } s ? plan.WithSeed(s) : plan;
            }
            catch (Faults.FaultPlanException e)
            {
                Error = e.Message;
            }
        }

        private string? Value(string[] args, ref int i)
        {
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                Error = $"{args[i]} needs a value.";
                return null;
            }
            return args[++i];
        }

        private int Int(string[] args, ref int i, int min, int max)
        {
            var name = args[i];
            var text = Value(args, ref i);
            if (text is null) return 0;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                Error = $"{name} must be a whole number from {min} to {max}, not '{text}'.";
            }
            return value;
        }
    }
}
