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
    }
}
