using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using TextractTools.Engine.Api;

namespace TextractTools.Engine.Jobs
{
    /// <summary>
    /// Uploads a local document to S3 so Textract can read it. The object name is derived from the content
    /// ({prefix}{sha256 prefix}/{file name}), so the same file is stored once however often a script runs, and a
    /// changed file gets a new name (and so a new idempotency token).
    /// </summary>
    public sealed class DocumentUploader
    {
        /// <summary>
        /// Documents above this size go up in 16 MiB parts (multipart upload): Textract takes PDFs and TIFFs up to 500 MB,
        /// and a part that fails is sent again alone instead of the whole document.
        /// </summary>
        public const long DefaultMultipartThreshold = 16 * 1024 * 1024;

        private readonly IAmazonS3 _s3;
        private readonly long _multipartThreshold;

        /// <param name="multipartThreshold">The size from which the upload is multipart (also its part size; S3's minimum part is 5 MiB).</param>
        internal DocumentUploader(IAmazonS3 s3, long multipartThreshold = DefaultMultipartThreshold)
        {
            _s3 = s3;
            _multipartThreshold = Math.Max(multipartThreshold, 5 * 1024 * 1024);
        }

        /// <summary>The key the file would be stored under, without uploading.</summary>
        public static string KeyFor(S3Location uploadLocation, string fileName, string contentHash)
        {
            var prefix = uploadLocation.Key.Length == 0 || uploadLocation.Key.EndsWith("/", StringComparison.Ordinal)
                ? uploadLocation.Key
                : uploadLocation.Key + "/";
            // 16 bytes of the hash tell files apart; the file name keeps the object readable in the console.
            return prefix + contentHash.Substring(0, 32) + "/" + fileName;
        }

        public static string HashFile(string path)
        {
            using var sha = SHA256.Create();
            using var stream = File.OpenRead(path);
            return BitConverter.ToString(sha.ComputeHash(stream)).Replace("-", "").ToLowerInvariant();
        }

        /// <summary>
        /// Resolves a key alias to its key ARN (kms:DescribeKey), to tell whether an earlier upload is under the key
        /// asked for. Null: an earlier upload under an alias cannot be confirmed and is uploaded again.
        /// </summary>
        internal Func<string, CancellationToken, Task<string>>? ResolveKeyArn { get; set; }

        /// <summary>
        /// Uploads unless an object with that content-derived key exists already, encrypted as asked (SSE-KMS under
        /// <paramref name="kmsKeyId"/> when one is given: a copy uploaded earlier without it, or under another key, is
        /// uploaded again, so a requested key always applies). Returns where it is and whether it was sent.
        /// </summary>
        public async Task<(S3Location Location, bool Uploaded)> UploadAsync(string path, S3Location uploadLocation, string? kmsKeyId, CancellationToken cancellationToken)
        {
            var key = KeyFor(uploadLocation, Path.GetFileName(path), HashFile(path));
            var location = S3Location.Of(uploadLocation.Bucket, key);
            if (await IsUploadedAsync(location, kmsKeyId, cancellationToken).ConfigureAwait(false)) return (location, false);

            var request = new TransferUtilityUploadRequest
            {
                BucketName = location.Bucket,
                Key = key,
                FilePath = path,
                ContentType = ContentTypeOf(path),
                PartSize = _multipartThreshold,
            };
            if (kmsKeyId != null)
            {
                request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS;
                request.ServerSideEncryptionKeyManagementServiceKeyId = kmsKeyId;
            }
            // The SDK's own transfer: one PutObject below the threshold, parts above it (aborted by the SDK when one fails).
            using var transfer = new TransferUtility(_s3, new TransferUtilityConfig { MinSizeBeforePartUpload = _multipartThreshold });
            await transfer.UploadAsync(request, cancellationToken).ConfigureAwait(false);
            return (location, true);
        }

        /// <summary>True when the object is there already, encrypted under <paramref name="kmsKeyId"/> if one is asked for.</summary>
        private async Task<bool> IsUploadedAsync(S3Location location, string? kmsKeyId, CancellationToken cancellationToken)
        {
            GetObjectMetadataResponse head;
            try
            {
                head = await _s3.GetObjectMetadataAsync(location.Bucket, location.Key, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound || e.StatusCode == System.Net.HttpStatusCode.Forbidden)
            {
                // 404, or 403: S3 answers a HEAD of a missing object with 403 to callers without s3:ListBucket, which
                // an uploader needs no more than Textract does. Either way the upload decides; its refusal is telling.
                return false;
            }
            if (kmsKeyId is null) return true;
            var actualKey = head.ServerSideEncryptionMethod == ServerSideEncryptionMethod.AWSKMS ? head.ServerSideEncryptionKeyManagementServiceKeyId : null;
            if (string.IsNullOrEmpty(actualKey)) return false;
            if (Output.KmsKeyMatcher.Matches(kmsKeyId, actualKey)) return true;
            if (ResolveKeyArn is null || !kmsKeyId.StartsWith("alias/", StringComparison.Ordinal) && kmsKeyId.IndexOf(":alias/", StringComparison.Ordinal) < 0) return false;
            try
            {
                return Output.KmsKeyMatcher.Matches(await ResolveKeyArn(kmsKeyId, cancellationToken).ConfigureAwait(false), actualKey);
            }
            catch (AmazonServiceException)
            {
                // Not allowed to resolve the alias: upload again rather than trust a copy that may be under another key.
                return false;
            }
        }

        private static string ContentTypeOf(string path)
        {
            switch (Path.GetExtension(path).ToLowerInvariant())
            {
                case ".pdf": return "application/pdf";
                case ".png": return "image/png";
                case ".jpg":
                case ".jpeg": return "image/jpeg";
                case ".tif":
                case ".tiff": return "image/tiff";
                default: return "application/octet-stream";
            }
        }
    }
}
