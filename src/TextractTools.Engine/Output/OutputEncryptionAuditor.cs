using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3;
using Amazon.S3.Model;
using TextractTools.Engine.Jobs;

namespace TextractTools.Engine.Output
{
    /// <summary>How one object under an output prefix is encrypted, against what was expected.</summary>
    public sealed class OutputObjectEncryption
    {
        public string Uri { get; set; } = "";
        public string Key { get; set; } = "";
        public long Size { get; set; }

        /// <summary>aws:kms, AES256 (SSE-S3), or none.</summary>
        public string Encryption { get; set; } = "";

        public string? KmsKeyId { get; set; }
        public string? ExpectedKmsKeyId { get; set; }

        /// <summary>True when the object is SSE-KMS under the expected key (or, with no expectation, encrypted at all).</summary>
        public bool IsExpected { get; set; }
    }

    /// <summary>
    /// Lists every object under an output location with its server-side encryption (HeadObject each), and flags
    /// the ones not SSE-KMS under the expected key: the evidence an auditor asks for.
    /// </summary>
    public sealed class OutputEncryptionAuditor
    {
        private readonly IAmazonS3 _s3;

        internal OutputEncryptionAuditor(IAmazonS3 s3) => _s3 = s3;

        public async Task<IReadOnlyList<OutputObjectEncryption>> AuditAsync(S3Location location, string? expectedKeyArn, CancellationToken cancellationToken)
        {
            var results = new List<OutputObjectEncryption>();
            var request = new ListObjectsV2Request { BucketName = location.Bucket, Prefix = location.Key };
            ListObjectsV2Response page;
            do
            {
                page = await _s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
                foreach (var o in page.S3Objects ?? new List<S3Object>())
                {
                    var head = await _s3.GetObjectMetadataAsync(location.Bucket, o.Key, cancellationToken).ConfigureAwait(false);
                    var encryption = head.ServerSideEncryptionMethod?.Value;
                    var keyId = head.ServerSideEncryptionKeyManagementServiceKeyId;
                    results.Add(new OutputObjectEncryption
                    {
                        Uri = S3Location.Of(location.Bucket, o.Key).ToString(),
                        Key = o.Key,
                        Size = o.Size ?? 0,
                        Encryption = string.IsNullOrEmpty(encryption) ? "none" : encryption!,
                        KmsKeyId = string.IsNullOrEmpty(keyId) ? null : keyId,
                        ExpectedKmsKeyId = expectedKeyArn,
                        IsExpected = expectedKeyArn is null
                            ? !string.IsNullOrEmpty(encryption)
                            : encryption == "aws:kms" && KmsKeyMatcher.Matches(expectedKeyArn, keyId),
                    });
                }
                request.ContinuationToken = page.NextContinuationToken;
            }
            while (page.IsTruncated == true);
            return results;
        }
    }
}
