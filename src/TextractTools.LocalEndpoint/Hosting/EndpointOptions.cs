using System;
using System.Collections.Generic;

namespace TextractTools.LocalEndpoint.Hosting
{
    /// <summary>How the local endpoint is started (from the command line or from tests).</summary>
    public sealed class EndpointOptions
    {
        /// <summary>0 picks a free port.</summary>
        public int Port { get; set; }

        public string Region { get; set; } = "us-east-1";

        /// <summary>The account id used in ARNs.</summary>
        public string AccountId { get; set; } = "000000000000";

        /// <summary>Credentials the endpoint accepts; SigV4 signatures are verified against these secrets.</summary>
        public IDictionary<string, string> Credentials { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AKIDLOCALENDPOINT"] = "local-endpoint-secret-key",
        };

        /// <summary>How long a Textract job stays IN_PROGRESS before it succeeds.</summary>
        public TimeSpan JobDuration { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>Buckets that exist from the start (for demos and scripted tests that have no S3 client at hand).</summary>
        public IList<string> SeedBuckets { get; } = new List<string>();

        /// <summary>KMS keys created at start, one per alias given ("alias/name").</summary>
        public IList<string> SeedKeyAliases { get; } = new List<string>();

        /// <summary>Folders of recordings laid out like ../shared/textract-samples (documents/ and responses/).</summary>
        public IList<string> ReplayFolders { get; } = new List<string>();

        /// <summary>SQS queues created at start (for scripts that have no SQS client at hand).</summary>
        public IList<string> SeedQueues { get; } = new List<string>();

        /// <summary>SNS topics created at start; a seeded queue of the same name is subscribed to the topic.</summary>
        public IList<string> SeedTopics { get; } = new List<string>();

        /// <summary>
        /// How many Textract jobs may be IN_PROGRESS at once; a Start beyond it answers LimitExceededException, as the
        /// service does at its concurrent-job quota. Null: no limit.
        /// </summary>
        public int? MaxConcurrentJobs { get; set; }

        /// <summary>
        /// The faults injected from the start (see FAULTS.md): throttling, 5xx, dropped connections, delays, TPS
        /// quotas, and jobs that fail, end PARTIAL_SUCCESS or write their output late. Changed at run time through
        /// <see cref="EndpointServer.Faults"/> or POST /_admin/faults.
        /// </summary>
        public Faults.FaultPlan Faults { get; set; } = TextractTools.LocalEndpoint.Faults.FaultPlan.None;

        /// <summary>
        /// The policy file (see POLICY.md): principals with their credentials and policies, and key policies. Null
        /// means every caller may do everything. The credentials above stay an administrator either way.
        /// </summary>
        public string? PolicyFile { get; set; }
    }
}
