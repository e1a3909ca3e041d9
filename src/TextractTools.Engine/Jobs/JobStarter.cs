using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Api;

namespace TextractTools.Engine.Jobs
{
    /// <summary>
    /// Turns a document and <see cref="JobOptions"/> into a validated Start* call and a <see cref="TextractJob"/>. By
    /// default the ClientRequestToken is derived from the document and the job's options, so a rerun of the same
    /// scheduled script gets the same JobId back from Textract instead of starting (and paying for) a second job.
    /// </summary>
    public sealed class JobStarter
    {
        private readonly ITextractApi _api;
        private readonly Func<DateTimeOffset> _now;

        public JobStarter(ITextractApi api, Func<DateTimeOffset>? now = null)
        {
            _api = api;
            _now = now ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>
        /// Builds and validates the service request; throws ArgumentException naming the wrong value. Without
        /// <paramref name="clientRequestToken"/> the token is derived (see <see cref="DeriveClientRequestToken"/>);
        /// <paramref name="documentETag"/> (AWS.Tools' S3Object carries it) makes a changed object a new document.
        /// </summary>
        public static StartJobRequest BuildRequest(S3Location document, JobOptions options, string? documentETag = null, string? clientRequestToken = null)
        {
            if (document is null) throw new ArgumentNullException(nameof(document));
            if (options is null) throw new ArgumentNullException(nameof(options));
            var request = new StartJobRequest(document, options.Normalized(), clientRequestToken);
            StartRequestValidator.Validate(request);
            return clientRequestToken != null
                ? request
                : new StartJobRequest(request.Document, request.Options, DeriveClientRequestToken(request, documentETag));
        }

        /// <summary>
        /// A token that is the same for the same document (bucket, key, version or ETag) and the same options, and
        /// different otherwise: Textract then answers a rerun with the first run's JobId (for 7 days).
        /// </summary>
        public static string DeriveClientRequestToken(StartJobRequest request, string? etag)
        {
            var canonical = new StringBuilder();
            void Add(string name, string? value) => canonical.Append(name).Append('=').Append(value ?? "").Append('\n');
            Add("bucket", request.Document.Bucket);
            Add("key", request.Document.Key);
            Add("version", request.Document.Version);
            Add("etag", etag?.Trim('"'));
            foreach (KeyValuePair<string, string> option in request.Options.Describe()) Add(option.Key, option.Value);
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(canonical.ToString()));
            // "tt-" marks tokens we derived; 40 hex characters keep it within the service's 64.
            return "tt-" + BitConverter.ToString(hash, 0, 20).Replace("-", "").ToLowerInvariant();
        }

        /// <summary>Starts the job (the request must come from <see cref="BuildRequest"/>).</summary>
        public async Task<TextractJob> StartAsync(StartJobRequest request, string region, string? endpointUrl, CancellationToken cancellationToken)
        {
            var jobId = await _api.StartJobAsync(request, cancellationToken).ConfigureAwait(false);
            return TextractJob.Started(request, jobId, region, endpointUrl, _now());
        }
    }
}
