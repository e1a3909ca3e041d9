using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using TextractTools.Engine;
using TextractTools.Engine.Api;

namespace TextractTools.Commands
{
    /// <summary>
    /// The options every job a command starts shares: the kind, features, queries, adapters, the output location (OutputConfig),
    /// the KMS key, the job tag and the notification channel. Start-TextractAnalysis and Invoke-TextractBatch inherit
    /// these parameters (PowerShell binds a base class's properties as the command's own), so the two cannot drift apart.
    /// </summary>
    public abstract class JobOptionsCmdletBase : TextractCmdletBase
    {
        /// <summary>
        /// TextDetection, DocumentAnalysis, ExpenseAnalysis or LendingAnalysis. Without it: DocumentAnalysis when
        /// -Feature or -Query is given, else TextDetection.
        /// </summary>
        [Parameter]
        public TextractJobKind Kind
        {
            get => (TextractJobKind)_kind;
            set => _kind = (int)value;
        }

        // An int, not the engine's enum: see GetTextractOutputCommand.MergedCells.
        private int _kind;

        [Parameter]
        [ValidateSet("Tables", "Forms", "Queries", "Signatures", "Layout", IgnoreCase = true)]
        public string[] Feature { get; set; } = Array.Empty<string>();

        /// <summary>Query texts, or hashtables with Text, Alias and Pages.</summary>
        [Parameter]
        public object[] Query { get; set; } = Array.Empty<object>();

        /// <summary>Hashtables with AdapterId, Version and Pages.</summary>
        [Parameter]
        public Hashtable[] Adapter { get; set; } = Array.Empty<Hashtable>();

        /// <summary>s3://bucket/prefix: the output bucket and prefix in one.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completers.S3UriCompleter))]
        public string? OutputUri { get; set; }

        /// <summary>Key id, key ARN, alias name (alias/x) or alias ARN of the KMS key that encrypts the output.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completers.KmsAliasCompleter))]
        public string? KmsKeyId { get; set; }

        [Parameter]
        public string? JobTag { get; set; }

        /// <summary>The SNS topic Textract notifies when a job ends (with -NotificationRoleArn).</summary>
        [Parameter]
        public string? NotificationTopicArn { get; set; }

        [Parameter]
        public string? NotificationRoleArn { get; set; }

        /// <summary>
        /// These options as the engine takes them (-OutputUri as the output location); a document is the caller's to
        /// add. Throws ArgumentException for a value the engine would refuse.
        /// </summary>
        protected JobOptions NewJobOptions() => new JobOptions
        {
            Kind = MyInvocation.BoundParameters.ContainsKey(nameof(Kind)) ? Kind : (TextractJobKind?)null,
            Features = Feature,
            Queries = Query.Select(StartOptionValues.ToQuery).ToList(),
            Adapters = Adapter.Select(StartOptionValues.ToAdapter).ToList(),
            // s3://bucket/ alone means Textract's default prefix; a trailing / is not part of the prefix.
            Output = OutputUri is null ? null : OutputLocationOf(S3Location.Parse(OutputUri, nameof(OutputUri))),
            // As given: an empty -KmsKeyId is refused (it must never read as "no key", which means SSE-S3 output).
            KmsKeyId = KmsKeyId,
            JobTag = JobTag,
            NotificationTopicArn = NotificationTopicArn,
            NotificationRoleArn = NotificationRoleArn,
        };

        private static S3Location OutputLocationOf(S3Location uri) => S3Location.Of(uri.Bucket, uri.Key.TrimEnd('/'));
    }
}
