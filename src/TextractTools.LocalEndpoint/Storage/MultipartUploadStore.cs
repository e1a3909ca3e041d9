using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace TextractTools.LocalEndpoint.Storage
{
    /// <summary>One uploaded part: its bytes, the quoted MD5 ETag S3 gives it, and the checksums the client sent with it.</summary>
    public sealed record UploadedPart(int PartNumber, byte[] Data, string ETag, DateTimeOffset LastModified, IReadOnlyDictionary<string, string> Checksums);

    /// <summary>
    /// An upload between CreateMultipartUpload and its completion or abort. What the object will be (encryption, content
    /// type, metadata) is fixed at creation, as in S3; parts may be uploaded in any order and again (the last one wins).
    /// </summary>
    public sealed class MultipartUpload
    {
        private readonly SortedDictionary<int, UploadedPart> _parts = new();

        public MultipartUpload(string uploadId, string bucket, string key, DateTimeOffset initiated, ObjectEncryption encryption,
            string contentType, IReadOnlyDictionary<string, string> metadata, string? checksumAlgorithm)
        {
            UploadId = uploadId;
            Bucket = bucket;
            Key = key;
            Initiated = initiated;
            Encryption = encryption;
            ContentType = contentType;
            Metadata = metadata;
            ChecksumAlgorithm = checksumAlgorithm;
        }

        public string UploadId { get; }
        public string Bucket { get; }
        public string Key { get; }
        public DateTimeOffset Initiated { get; }
        public ObjectEncryption Encryption { get; }
        public string ContentType { get; }
        public IReadOnlyDictionary<string, string> Metadata { get; }

        /// <summary>x-amz-checksum-algorithm of the creation (CRC32, ...), echoed back to the client; null when none.</summary>
        public string? ChecksumAlgorithm { get; }

        /// <summary>Held while the upload completes or is aborted, so that the two never interleave.</summary>
        internal object Gate => _parts;

        /// <summary>False once completed or aborted: later parts and completions answer NoSuchUpload.</summary>
        internal bool Active { get; set; } = true;

        public void PutPart(UploadedPart part)
        {
            lock (_parts) _parts[part.PartNumber] = part;
        }

        /// <summary>The parts uploaded so far, by part number.</summary>
        public IReadOnlyList<UploadedPart> Parts()
        {
            lock (_parts) return _parts.Values.ToList();
        }
    }

    /// <summary>What a completed upload made, kept to answer a retried completion.</summary>
    public sealed record CompletedUpload(string Bucket, string Key, string ETag, ObjectEncryption Encryption);

    /// <summary>The multipart uploads in progress, by upload id (S3's ids are opaque; these are 64 random URL-safe characters).</summary>
    public sealed class MultipartUploadStore
    {
        private readonly ConcurrentDictionary<string, MultipartUpload> _uploads = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, CompletedUpload> _completed = new(StringComparer.Ordinal);

        public MultipartUpload Create(string bucket, string key, ObjectEncryption encryption, string contentType,
            IReadOnlyDictionary<string, string> metadata, string? checksumAlgorithm)
        {
            // URL-safe without '-': an id starting with '-' would read as an option to command-line parsers (the AWS CLI's).
            var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '.').Replace('/', '_');
            var upload = new MultipartUpload(id, bucket, key, DateTimeOffset.UtcNow, encryption, contentType, metadata, checksumAlgorithm);
            _uploads[id] = upload;
            return upload;
        }

        /// <summary>The active upload with this id at this bucket and key (an id used at another key is not found, as in S3).</summary>
        public MultipartUpload? Find(string uploadId, string bucket, string key) =>
            _uploads.TryGetValue(uploadId, out var upload) && upload.Active && upload.Bucket == bucket && upload.Key == key ? upload : null;

        /// <summary>Ends an upload (completed or aborted) under its gate; false when it had ended already.</summary>
        public bool End(MultipartUpload upload, CompletedUpload? completed)
        {
            if (!upload.Active) return false;
            upload.Active = false;
            _uploads.TryRemove(upload.UploadId, out _);
            if (completed is not null) _completed[upload.UploadId] = completed;
            return true;
        }

        /// <summary>
        /// What an upload was completed into, so that a completion retried after its answer was lost (a dropped
        /// connection) is answered again instead of failing with NoSuchUpload. (S3 is observed to do the same for a while;
        /// for how long is unverified: the endpoint remembers for its lifetime.)
        /// </summary>
        public CompletedUpload? Completed(string uploadId, string bucket, string key) =>
            _completed.TryGetValue(uploadId, out var done) && done.Bucket == bucket && done.Key == key ? done : null;

        /// <summary>The active uploads of a bucket whose key starts with the prefix, by key then initiation time.</summary>
        public IReadOnlyList<MultipartUpload> List(string bucket, string prefix) =>
            _uploads.Values
                .Where(u => u.Active && u.Bucket == bucket && u.Key.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(u => u.Key, StringComparer.Ordinal).ThenBy(u => u.Initiated).ThenBy(u => u.UploadId, StringComparer.Ordinal)
                .ToList();
    }
}
