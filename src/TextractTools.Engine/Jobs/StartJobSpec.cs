using System;
using System.Collections.Generic;
using TextractTools.Engine.Api;

namespace TextractTools.Engine.Jobs
{
    /// <summary>What the user asked to start, in the module's terms (before the service's spelling is applied).</summary>
    public sealed class StartJobSpec
    {
        public S3ObjectLocation Document { get; set; } = new S3ObjectLocation("", "");

        /// <summary>The document's ETag when the caller knows it (AWS.Tools' S3Object carries it); used for the idempotency token.</summary>
        public string? DocumentETag { get; set; }

        /// <summary>Tables, Forms, Queries, Signatures, Layout (any case). Empty: text detection.</summary>
        public IReadOnlyList<string> Features { get; set; } = Array.Empty<string>();

        public IReadOnlyList<QuerySpec> Queries { get; set; } = Array.Empty<QuerySpec>();
        public IReadOnlyList<AdapterSpec> Adapters { get; set; } = Array.Empty<AdapterSpec>();
        public string? OutputBucket { get; set; }
        public string? OutputPrefix { get; set; }
        public string? KmsKeyId { get; set; }
        public string? JobTag { get; set; }

        /// <summary>Overrides the token derived from the document and options.</summary>
        public string? ClientRequestToken { get; set; }

        public string? NotificationTopicArn { get; set; }
        public string? NotificationRoleArn { get; set; }
    }
}
