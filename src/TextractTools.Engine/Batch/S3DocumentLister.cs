using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3.Model;
using Amazon.S3;
using TextractTools.Engine.Api;
using TextractTools.Engine.Jobs;

namespace TextractTools.Engine.Batch
{
    /// <summary>
    /// The documents under an s3://bucket/prefix/: every object whose name ends in an extension Textract reads
    /// (PDF, TIFF, JPEG, PNG), in key order. Other objects (folder markers, notes, earlier output) are skipped
    /// rather than started to fail every night.
    /// </summary>
    public sealed class S3DocumentLister
    {
        private static readonly HashSet<string> DocumentExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            ".pdf", ".tif", ".tiff", ".jpg", ".jpeg", ".png",
        };

        private readonly IAmazonS3 _s3;

        internal S3DocumentLister(IAmazonS3 s3) => _s3 = s3;

        public static bool IsDocumentName(string key) => DocumentExtensions.Contains(Path.GetExtension(key));

        /// <summary>Lists the documents; <paramref name="onSkipped"/> hears of each object left out.</summary>
        public async Task<IReadOnlyList<BatchDocument>> ListAsync(S3Location prefix, Action<string>? onSkipped, CancellationToken cancellationToken)
        {
            var found = new List<BatchDocument>();
            var request = new ListObjectsV2Request { BucketName = prefix.Bucket, Prefix = prefix.Key };
            ListObjectsV2Response response;
            do
            {
                response = await _s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
                foreach (var o in response.S3Objects ?? new List<S3Object>())
                {
                    if (o.Key.EndsWith("/", StringComparison.Ordinal)) continue;
                    if (!IsDocumentName(o.Key))
                    {
                        onSkipped?.Invoke(S3Location.Of(prefix.Bucket, o.Key).ToString());
                        continue;
                    }
                    // The ETag makes an overwritten object a new document (a new token, a new job).
                    found.Add(BatchDocument.FromS3(S3Location.Of(prefix.Bucket, o.Key), o.ETag));
                }
                request.ContinuationToken = response.NextContinuationToken;
            }
            while (response.IsTruncated == true);
            return found;
        }
    }
}
