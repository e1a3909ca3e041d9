using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace TextractTools.LocalEndpoint.Storage
{
    /// <summary>How an object is encrypted at rest, as S3 reports it.</summary>
    public sealed record ObjectEncryption(string Algorithm, string? KmsKeyArn)
    {
        public static readonly ObjectEncryption S3Managed = new("AES256", null);
        public static ObjectEncryption Kms(string keyArn) => new("aws:kms", keyArn);
    }

    public sealed record StoredObject(
        string Bucket,
        string Key,
        byte[] Data,
        string ETag,
        DateTimeOffset LastModified,
        ObjectEncryption Encryption,
        string ContentType,
        IReadOnlyDictionary<string, string> Metadata);

    public enum WriteConditionKind { None, IfNoneMatch, IfMatch }

    /// <summary>The precondition of a write: none, If-None-Match: * (create only), or If-Match: ETag (replace only that object).</summary>
    public sealed record WriteCondition(WriteConditionKind Kind, string? ETag)
    {
        public static readonly WriteCondition None = new(WriteConditionKind.None, null);
        public static readonly WriteCondition IfAbsent = new(WriteConditionKind.IfNoneMatch, null);
        public static WriteCondition IfMatch(string etag) => new(WriteConditionKind.IfMatch, etag);
    }

    /// <summary>What a conditional write did: wrote, or why not.</summary>
    public enum WriteOutcome
    {
        Written,
        /// <summary>If-None-Match: * and the key exists.</summary>
        ObjectExists,
        /// <summary>If-Match and the key does not exist.</summary>
        ObjectMissing,
        /// <summary>If-Match and the current object has another ETag.</summary>
        ETagMismatch,
        /// <summary>If-Match matched, but another write replaced the object before this one could.</summary>
        Conflict,
    }

    /// <summary>
    /// The endpoint's S3 storage: in memory, thread-safe. Shared by the S3 protocol (what clients see) and the
    /// Textract emulation (reading input documents, writing OutputConfig objects).
    /// </summary>
    public sealed class ObjectStore
    {
        private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

        private sealed class Bucket
        {
            public Bucket(string name, DateTimeOffset created) { Name = name; Created = created; }
            public string Name { get; }
            public DateTimeOffset Created { get; }
            public ConcurrentDictionary<string, StoredObject> Objects { get; } = new(StringComparer.Ordinal);
        }

        /// <summary>Creates the bucket; false when it exists already.</summary>
        public bool CreateBucket(string name) => _buckets.TryAdd(name, new Bucket(name, DateTimeOffset.UtcNow));

        public bool BucketExists(string name) => _buckets.ContainsKey(name);

        /// <summary>Deletes an empty bucket; false when it does not exist. Throws InvalidOperationException when not empty.</summary>
        public bool DeleteBucket(string name)
        {
            if (!_buckets.TryGetValue(name, out var bucket)) return false;
            if (!bucket.Objects.IsEmpty) throw new InvalidOperationException("BucketNotEmpty");
            return _buckets.TryRemove(name, out _);
        }

        public IReadOnlyList<(string Name, DateTimeOffset Created)> ListBuckets() =>
            _buckets.Values.OrderBy(b => b.Name, StringComparer.Ordinal).Select(b => (b.Name, b.Created)).ToList();

        /// <summary>Stores an object (the bucket must exist: callers check and answer NoSuchBucket).</summary>
        public StoredObject PutObject(string bucket, string key, byte[] data, ObjectEncryption? encryption = null,
            string contentType = "binary/octet-stream", IReadOnlyDictionary<string, string>? metadata = null)
        {
            var outcome = TryPutObject(bucket, key, data, WriteCondition.None, out var stored, encryption, contentType, metadata);
            System.Diagnostics.Debug.Assert(outcome == WriteOutcome.Written, "an unconditional write always happens");
            return stored!;
        }

        /// <summary>
        /// Stores an object if <paramref name="condition"/> holds at the moment of the write, atomically: of writers racing
        /// on one key with If-None-Match, exactly one creates it; an If-Match write replaces only the object it names.
        /// <paramref name="etag"/> replaces the MD5 ETag (a multipart object's is derived from its parts).
        /// </summary>
        public WriteOutcome TryPutObject(string bucket, string key, byte[] data, WriteCondition condition, out StoredObject? stored,
            ObjectEncryption? encryption = null, string contentType = "binary/octet-stream",
            IReadOnlyDictionary<string, string>? metadata = null, string? etag = null)
        {
            if (!_buckets.TryGetValue(bucket, out var b)) throw new KeyNotFoundException("NoSuchBucket: " + bucket);
            var obj = new StoredObject(bucket, key, data, etag ?? Md5ETag(data), DateTimeOffset.UtcNow,
                encryption ?? ObjectEncryption.S3Managed, contentType,
                metadata ?? new Dictionary<string, string>());
            stored = null;
            switch (condition.Kind)
            {
                case WriteConditionKind.None:
                    b.Objects[key] = obj;
                    break;
                case WriteConditionKind.IfNoneMatch:
                    if (!b.Objects.TryAdd(key, obj)) return WriteOutcome.ObjectExists;
                    break;
                default:
                    if (!b.Objects.TryGetValue(key, out var current)) return WriteOutcome.ObjectMissing;
                    if (!ETagsEqual(current.ETag, condition.ETag!)) return WriteOutcome.ETagMismatch;
                    // Compare-and-swap on the very object whose ETag matched: a write in between loses this one.
                    if (!b.Objects.TryUpdate(key, obj, current)) return WriteOutcome.Conflict;
                    break;
            }
            stored = obj;
            return WriteOutcome.Written;
        }

        /// <summary>S3's ETag of a single-part object: the quoted lowercase hex MD5 of its bytes.</summary>
        public static string Md5ETag(byte[] data) => "\"" + Convert.ToHexString(MD5.HashData(data)).ToLowerInvariant() + "\"";

        /// <summary>ETags compare without their quotes (clients send them either way).</summary>
        public static bool ETagsEqual(string a, string b) => string.Equals(a.Trim().Trim('"'), b.Trim().Trim('"'), StringComparison.Ordinal);

        public bool TryGetObject(string bucket, string key, out StoredObject obj)
        {
            obj = null!;
            return _buckets.TryGetValue(bucket, out var b) && b.Objects.TryGetValue(key, out obj!);
        }

        /// <summary>Deletes an object; S3 answers 204 whether or not it existed.</summary>
        public void DeleteObject(string bucket, string key)
        {
            if (_buckets.TryGetValue(bucket, out var b)) b.Objects.TryRemove(key, out _);
        }

        /// <summary>All objects of a bucket whose key starts with the prefix, in S3's (ordinal, UTF-8 byte) key order.</summary>
        public IReadOnlyList<StoredObject> ListObjects(string bucket, string? prefix)
        {
            if (!_buckets.TryGetValue(bucket, out var b)) throw new KeyNotFoundException("NoSuchBucket: " + bucket);
            return b.Objects.Values
                .Where(o => prefix is null || o.Key.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(o => o.Key, StringComparer.Ordinal)
                .ToList();
        }
    }
}
