using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace TextractTools.Engine.Api
{
    /// <summary>
    /// The four asynchronous Textract operations we rely on. The production implementation is built on AWSSDK.Core's
    /// client pipeline (credentials, SigV4, endpoint rules, retries); tests may substitute their own.
    /// Every service error surfaces as a <see cref="TextractServiceException"/> (or one of its typed subclasses);
    /// no Amazon.* type crosses this interface.
    /// </summary>
    public interface ITextractApi : IDisposable
    {
        /// <summary>StartDocumentAnalysis; returns the JobId.</summary>
        Task<string> StartDocumentAnalysisAsync(StartJobRequest request, CancellationToken cancellationToken);

        /// <summary>StartDocumentTextDetection (FeatureTypes, Queries and Adapters are ignored); returns the JobId.</summary>
        Task<string> StartDocumentTextDetectionAsync(StartJobRequest request, CancellationToken cancellationToken);

        /// <summary>GetDocumentAnalysis: one page of results (at most MaxResults blocks).</summary>
        Task<JobResultPage> GetDocumentAnalysisAsync(GetJobPageRequest request, CancellationToken cancellationToken);

        /// <summary>GetDocumentTextDetection: one page of results (at most MaxResults blocks).</summary>
        Task<JobResultPage> GetDocumentTextDetectionAsync(GetJobPageRequest request, CancellationToken cancellationToken);
    }

    /// <summary>An object in S3 (the document, for Start*).</summary>
    public sealed class S3ObjectLocation
    {
        public S3ObjectLocation(string bucket, string key, string? version = null)
        {
            Bucket = bucket;
            Key = key;
            Version = version;
        }

        public string Bucket { get; }
        public string Key { get; }
        public string? Version { get; }

        public override string ToString() => "s3://" + Bucket + "/" + Key + (Version is null ? "" : "?versionId=" + Version);
    }

    /// <summary>One query of QueriesConfig.</summary>
    public sealed class QuerySpec
    {
        public QuerySpec(string text, string? alias = null, IReadOnlyList<string>? pages = null)
        {
            Text = text;
            Alias = alias;
            Pages = pages ?? Array.Empty<string>();
        }

        public string Text { get; }
        public string? Alias { get; }
        public IReadOnlyList<string> Pages { get; }
    }

    /// <summary>One adapter of AdaptersConfig.</summary>
    public sealed class AdapterSpec
    {
        public AdapterSpec(string adapterId, string version, IReadOnlyList<string>? pages = null)
        {
            AdapterId = adapterId;
            Version = version;
            Pages = pages ?? Array.Empty<string>();
        }

        public string AdapterId { get; }
        public string Version { get; }
        public IReadOnlyList<string> Pages { get; }
    }

    /// <summary>The parameters of StartDocumentAnalysis / StartDocumentTextDetection, in the service's own terms.</summary>
    public sealed class StartJobRequest
    {
        public S3ObjectLocation Document { get; set; } = new S3ObjectLocation("", "");

        /// <summary>TABLES, FORMS, QUERIES, SIGNATURES, LAYOUT (service spelling). Empty for text detection.</summary>
        public IReadOnlyList<string> FeatureTypes { get; set; } = Array.Empty<string>();

        public IReadOnlyList<QuerySpec> Queries { get; set; } = Array.Empty<QuerySpec>();
        public IReadOnlyList<AdapterSpec> Adapters { get; set; } = Array.Empty<AdapterSpec>();
        public string? ClientRequestToken { get; set; }
        public string? JobTag { get; set; }
        public string? NotificationTopicArn { get; set; }
        public string? NotificationRoleArn { get; set; }

        /// <summary>OutputConfig.S3Bucket; null for no OutputConfig.</summary>
        public string? OutputBucket { get; set; }

        /// <summary>OutputConfig.S3Prefix; optional even with a bucket.</summary>
        public string? OutputPrefix { get; set; }

        public string? KmsKeyId { get; set; }
    }

    /// <summary>The parameters of GetDocumentAnalysis / GetDocumentTextDetection.</summary>
    public sealed class GetJobPageRequest
    {
        public GetJobPageRequest(string jobId, int? maxResults = null, string? nextToken = null)
        {
            JobId = jobId;
            MaxResults = maxResults;
            NextToken = nextToken;
        }

        public string JobId { get; }
        public int? MaxResults { get; }
        public string? NextToken { get; }
    }

    /// <summary>A warning of a Get* answer (for instance the pages that failed in a PARTIAL_SUCCESS job).</summary>
    public sealed class JobWarning
    {
        public JobWarning(string? errorCode, IReadOnlyList<int> pages)
        {
            ErrorCode = errorCode;
            Pages = pages;
        }

        public string? ErrorCode { get; }
        public IReadOnlyList<int> Pages { get; }
    }

    /// <summary>
    /// One Get* answer. The status members are read out; the blocks are left in <see cref="Json"/> (the whole
    /// response body, exactly as received) for the document layer, which parses blocks in one place for answers from
    /// the API, from S3 and from saved files alike.
    /// </summary>
    public sealed class JobResultPage
    {
        /// <summary>IN_PROGRESS, SUCCEEDED, FAILED or PARTIAL_SUCCESS.</summary>
        public string JobStatus { get; set; } = "";
        public string? StatusMessage { get; set; }
        public string? NextToken { get; set; }

        /// <summary>DocumentMetadata.Pages, when present.</summary>
        public int? PageCount { get; set; }

        public IReadOnlyList<JobWarning> Warnings { get; set; } = Array.Empty<JobWarning>();

        /// <summary>AnalyzeDocumentModelVersion or DetectDocumentTextModelVersion.</summary>
        public string? ModelVersion { get; set; }

        /// <summary>The response body as received (UTF-8 JSON).</summary>
        public byte[] Json { get; set; } = Array.Empty<byte>();
    }
}
