using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3;
using Amazon.S3.Model;
using TextractTools.Engine.Session;

namespace TextractTools.Engine.Batch
{
    /// <summary>An object of a shared batch's state as read: its body, its ETag and when S3 stamped it (S3's clock).</summary>
    internal sealed class StateObject
    {
        public StateObject(string key, byte[] body, string etag, DateTimeOffset lastModified)
        {
            Key = key;
            Body = body;
            ETag = etag;
            LastModified = lastModified;
        }

        public string Key { get; }
        public byte[] Body { get; }
        public string ETag { get; }
        public DateTimeOffset LastModified { get; }
    }

    /// <summary>An object of a listing: what S3 tells without reading it.</summary>
    internal readonly struct ListedStateObject
    {
        public ListedStateObject(string key, string etag, DateTimeOffset lastModified)
        {
            Key = key;
            ETag = etag;
            LastModified = lastModified;
        }

        public string Key { get; }
        public string ETag { get; }
        public DateTimeOffset LastModified { get; }
    }

    /// <summary>When a write may happen: always, only if no object has the key, or only if the object has an ETag.</summary>
    internal readonly struct WriteCondition
    {
        private WriteCondition(bool ifAbsent, string? ifMatch)
        {
            IfAbsent = ifAbsent;
            IfMatch = ifMatch;
        }

        public static WriteCondition None => default;

        /// <summary>If-None-Match: * (create only).</summary>
        public static WriteCondition Absent => new WriteCondition(true, null);

        /// <summary>If-Match: ETag (replace only what was read).</summary>
        public static WriteCondition Match(string etag) => new WriteCondition(false, etag);

        public bool IfAbsent { get; }
        public string? IfMatch { get; }

        public override string ToString() => IfAbsent ? "If-None-Match: *" : IfMatch is null ? "unconditional" : "If-Match: " + IfMatch;
    }

    /// <summary>
    /// The objects a shared batch keeps its state in, with S3's conditional writes. The S3 implementation is
    /// <see cref="S3BatchStateObjects"/>; tests put an in-memory one with a clock of its own behind the same store.
    /// </summary>
    internal interface IBatchStateObjects
    {
        /// <summary>Where the objects are, for messages (s3://bucket/prefix/).</summary>
        S3Location Prefix { get; }

        /// <summary>The object, or null when none has the key.</summary>
        Task<StateObject?> GetAsync(string key, CancellationToken cancellationToken);

        /// <summary>Writes the object; returns its new ETag, or null when <paramref name="condition"/> does not hold (412).</summary>
        Task<string?> PutAsync(string key, byte[] body, WriteCondition condition, CancellationToken cancellationToken);

        /// <summary>Every object whose key starts with <paramref name="keyPrefix"/>, in key order.</summary>
        Task<IReadOnlyList<ListedStateObject>> ListAsync(string keyPrefix, CancellationToken cancellationToken);

        Task DeleteAsync(string key, CancellationToken cancellationToken);
    }

    /// <summary>
    /// A shared batch's objects in S3: SSE-KMS under the batch's key when it has one, conditional writes with
    /// If-None-Match / If-Match. A write that S3 refuses for its condition (412 PreconditionFailed, or 404 when the
    /// object to match is gone) is answered with null; a conditional write that collided with another one in flight
    /// (409 ConditionalRequestConflict) is sent again, as S3 asks, and then meets the other write's outcome.
    /// </summary>
    internal sealed class S3BatchStateObjects : IBatchStateObjects
    {
        private const int ConflictAttempts = 5;
        private readonly IAmazonS3 _s3;
        private readonly string? _kmsKeyId;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;

        public S3BatchStateObjects(IAmazonS3 s3, S3Location prefix, string? kmsKeyId, Func<TimeSpan, CancellationToken, Task>? delay = null)
        {
            _s3 = s3;
            Prefix = prefix.AsFolder();
            _kmsKeyId = kmsKeyId;
            _delay = delay ?? ((d, ct) => Task.Delay(d, ct));
        }

        public S3Location Prefix { get; }

        public async Task<StateObject?> GetAsync(string key, CancellationToken cancellationToken)
        {
            try
            {
                using var response = await _s3.GetObjectAsync(Prefix.Bucket, key, cancellationToken).ConfigureAwait(false);
                using var body = new MemoryStream();
                await response.ResponseStream.CopyToAsync(body, 81920, cancellationToken).ConfigureAwait(false);
                return new StateObject(key, body.ToArray(), response.ETag, Utc(response.LastModified));
            }
            catch (AmazonS3Exception e) when (AwsFailures.Classify(e, cancellationToken).Kind == AwsFailureKind.NotFound && e.ErrorCode != "NoSuchBucket")
            {
                return null;
            }
        }

        public async Task<string?> PutAsync(string key, byte[] body, WriteCondition condition, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                var request = new PutObjectRequest
                {
                    BucketName = Prefix.Bucket,
                    Key = key,
                    InputStream = new MemoryStream(body, false),
                    ContentType = "application/json",
                };
                if (condition.IfAbsent) request.IfNoneMatch = "*";
                if (condition.IfMatch != null) request.IfMatch = condition.IfMatch;
                if (_kmsKeyId != null)
                {
                    request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS;
                    request.ServerSideEncryptionKeyManagementServiceKeyId = _kmsKeyId;
                }
                try
                {
                    var response = await _s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
                    return response.ETag;
                }
                catch (AmazonS3Exception e) when (condition.IfAbsent || condition.IfMatch != null)
                {
                    var failure = AwsFailures.Classify(e, cancellationToken);
                    if (failure.Kind == AwsFailureKind.ConditionFailed) return null;
                    // If-Match on an object that is gone: S3 answers 404 NoSuchKey.
                    if (failure.Kind == AwsFailureKind.NotFound && e.ErrorCode != "NoSuchBucket" && condition.IfMatch != null) return null;
                    if (failure.Kind != AwsFailureKind.Conflict || attempt >= ConflictAttempts) throw;
                    await _delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        public async Task<IReadOnlyList<ListedStateObject>> ListAsync(string keyPrefix, CancellationToken cancellationToken)
        {
            var listed = new List<ListedStateObject>();
            var request = new ListObjectsV2Request { BucketName = Prefix.Bucket, Prefix = keyPrefix };
            ListObjectsV2Response response;
            do
            {
                response = await _s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
                foreach (var o in response.S3Objects ?? new List<S3Object>()) listed.Add(new ListedStateObject(o.Key, o.ETag, Utc(o.LastModified)));
                request.ContinuationToken = response.NextContinuationToken;
            }
            while (response.IsTruncated == true);
            return listed;
        }

        public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
            _s3.DeleteObjectAsync(Prefix.Bucket, key, cancellationToken);

        private static DateTimeOffset Utc(DateTime? time)
        {
            if (!time.HasValue) return DateTimeOffset.MinValue;
            var t = time.Value;
            return new DateTimeOffset(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc));
        }
    }
}
