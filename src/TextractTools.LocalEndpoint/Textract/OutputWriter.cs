using System;
using System.Collections.Generic;
using System.Text;
using TextractTools.LocalEndpoint.Storage;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// Writes a job's output to its OutputConfig bucket the way Textract does: a zero-byte
    /// <c>{prefix}/{JobId}/.s3_access_check</c> when the job starts (the service's probe of write access), and
    /// when it succeeds the objects <c>{prefix}/{JobId}/1</c>, <c>/2</c>, ..., each a Get*-style page of at most
    /// 1,000 blocks with absent members as explicit nulls. Each page carries the NextToken the Get* API would give
    /// for the same page (null on the last); whether the service writes them is unverified, so readers must not
    /// rely on it. Objects are SSE-KMS under the job's key when KMSKeyId was given, else SSE-S3.
    /// </summary>
    internal sealed class OutputWriter
    {
        public const string DefaultPrefix = "textract_output";
        public const string AccessCheckName = ".s3_access_check";

        private readonly ObjectStore _storage;

        public OutputWriter(ObjectStore storage) => _storage = storage;

        /// <summary>The prefix objects go under: S3Prefix without trailing slashes, or the service's default.</summary>
        public static string ResolvePrefix(string? s3Prefix) => (s3Prefix ?? DefaultPrefix).TrimEnd('/');

        public static string KeyOf(string prefix, string jobId, string name) =>
            prefix.Length == 0 ? $"{jobId}/{name}" : $"{prefix}/{jobId}/{name}";

        /// <summary>Writes the access check; false when the bucket does not exist (the caller fails the Start).</summary>
        public bool TryWriteAccessCheck(string bucket, string prefix, string jobId, string? kmsKeyArn)
        {
            if (!_storage.BucketExists(bucket)) return false;
            try
            {
                _storage.PutObject(bucket, KeyOf(prefix, jobId, AccessCheckName), Array.Empty<byte>(), Encryption(kmsKeyArn));
                return true;
            }
            catch (KeyNotFoundException)
            {
                return false; // the bucket was deleted between the check and the write
            }
        }

        /// <summary>Writes the numbered pages of a succeeded job; false when the bucket has gone since the Start.</summary>
        public bool TryWriteResult(TextractJob job, JobResult result)
        {
            var bucket = job.Request.OutputBucket!;
            var prefix = job.OutputPrefix!;
            try
            {
                var number = 1;
                for (var first = 0; first < result.Blocks.Count; first += GetRequest.MaxBlocksPerPage, number++)
                {
                    var page = GetAnswerWriter.Page(job, result, first, GetRequest.MaxBlocksPerPage, explicitNulls: true);
                    _storage.PutObject(bucket, KeyOf(prefix, job.JobId, number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        Encoding.UTF8.GetBytes(page), Encryption(job.KmsKeyArn));
                }
                return true;
            }
            catch (KeyNotFoundException)
            {
                return false;
            }
        }

        private static ObjectEncryption Encryption(string? kmsKeyArn) =>
            kmsKeyArn is null ? ObjectEncryption.S3Managed : ObjectEncryption.Kms(kmsKeyArn);
    }
}
