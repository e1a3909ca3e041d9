using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Jobs
{
    /// <summary>Which asynchronous Textract API a job belongs to.</summary>
    public enum TextractJobKind
    {
        /// <summary>StartDocumentTextDetection / GetDocumentTextDetection.</summary>
        TextDetection,

        /// <summary>StartDocumentAnalysis / GetDocumentAnalysis.</summary>
        DocumentAnalysis,
    }

    /// <summary>
    /// A Textract job as the module hands it along the pipeline: what was started, where its output goes, and how it
    /// stands. Carries everything a later command needs (region, endpoint, output location) so that
    /// <c>Start | Wait | Get</c> works without repeating parameters.
    /// </summary>
    public sealed class TextractJob
    {
        public string JobId { get; set; } = "";
        public TextractJobKind Kind { get; set; }

        /// <summary>The input document as s3://bucket/key.</summary>
        public string Document { get; set; } = "";

        /// <summary>Features in the module's spelling (Tables, Forms, Queries, Signatures, Layout); empty for text detection.</summary>
        public string[] Features { get; set; } = Array.Empty<string>();

        /// <summary>s3://bucket/prefix/ of the OutputConfig, or null when Textract keeps the output.</summary>
        public string? OutputUri { get; set; }

        public string? OutputBucket { get; set; }
        public string? OutputPrefix { get; set; }
        public string? KmsKeyId { get; set; }
        public string? JobTag { get; set; }
        public string? ClientRequestToken { get; set; }
        public string Region { get; set; } = "";

        /// <summary>The endpoint the job was started on, when not the default AWS one (the local endpoint, say).</summary>
        public string? EndpointUrl { get; set; }

        public DateTimeOffset? StartedAt { get; set; }

        /// <summary>IN_PROGRESS, SUCCEEDED, FAILED or PARTIAL_SUCCESS (as the service spells it).</summary>
        public string Status { get; set; } = "IN_PROGRESS";

        public string? StatusMessage { get; set; }

        /// <summary>DocumentMetadata.Pages once known.</summary>
        public int? Pages { get; set; }

        /// <summary>Warnings of the finished job, e.g. "PAGE_FAILED: pages 3, 4".</summary>
        public string[] Warnings { get; set; } = Array.Empty<string>();

        public DateTimeOffset? CompletedAt { get; set; }

        /// <summary>The s3:// location where this job's numbered output objects are (OutputUri + JobId + "/").</summary>
        public string? OutputLocation =>
            OutputBucket is null ? null : "s3://" + OutputBucket + "/" + OutputPrefixForJob(OutputPrefix) + JobId + "/";

        public bool IsFinished => Status != "IN_PROGRESS";

        /// <summary>The key prefix Textract writes under: "{prefix}/" (no double slash), "textract_output/" by default.</summary>
        public static string OutputPrefixForJob(string? prefix)
        {
            var p = string.IsNullOrEmpty(prefix) ? "textract_output" : prefix!.TrimEnd('/');
            return p.Length == 0 ? "" : p + "/";
        }

        public override string ToString() => JobId;
    }
}
