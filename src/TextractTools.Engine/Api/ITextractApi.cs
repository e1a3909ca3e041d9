using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace TextractTools.Engine.Api
{
    /// <summary>
    /// Textract's asynchronous operations, for every job kind (see <see cref="TextractJobKindInfo"/>). The production
    /// implementation is built on AWSSDK.Core's client pipeline (credentials, SigV4, endpoint rules, retries); tests may
    /// substitute their own. Every service error surfaces as a <see cref="TextractServiceException"/> (or one of its
    /// typed subclasses); no Amazon.* type crosses this interface.
    /// </summary>
    public interface ITextractApi : IDisposable
    {
        /// <summary>The Start operation of the request's kind; returns the JobId.</summary>
        Task<string> StartJobAsync(StartJobRequest request, CancellationToken cancellationToken);

        /// <summary>The Get operation of <paramref name="kind"/>: one page of results (at most MaxResults of them).</summary>
        Task<JobResultPage> GetJobPageAsync(TextractJobKind kind, GetJobPageRequest request, CancellationToken cancellationToken);

        /// <summary>
        /// The kind's summary operation (<see cref="TextractJobKindInfo.SummaryOperation"/>: GetLendingAnalysisSummary),
        /// which has no paging; the answer is the whole summary.
        /// </summary>
        Task<JobResultPage> GetJobSummaryAsync(TextractJobKind kind, string jobId, CancellationToken cancellationToken);
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

    /// <summary>The parameters of a Start* operation: the document, the job's options and the request token.</summary>
    public sealed class StartJobRequest
    {
        public StartJobRequest(S3Location document, JobOptions options, string? clientRequestToken)
        {
            Document = document ?? throw new ArgumentNullException(nameof(document));
            Options = options ?? throw new ArgumentNullException(nameof(options));
            ClientRequestToken = clientRequestToken;
        }

        public S3Location Document { get; }

        /// <summary>The options in the service's terms (<see cref="JobOptions.Normalized"/>).</summary>
        public JobOptions Options { get; }

        public string? ClientRequestToken { get; }

        public TextractJobKind Kind => Options.ResolvedKind;
    }

    /// <summary>The parameters of a paged Get* operation.</summary>
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

        /// <summary>The answer's *ModelVersion (see <see cref="TextractJobKindInfo.ModelVersionMember"/>).</summary>
        public string? ModelVersion { get; set; }

        /// <summary>The response body as received (UTF-8 JSON).</summary>
        public byte[] Json { get; set; } = Array.Empty<byte>();
    }
}
