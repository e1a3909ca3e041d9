using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Policy;
using TextractTools.LocalEndpoint.Storage;
using static TextractTools.LocalEndpoint.S3.S3Xml;

namespace TextractTools.LocalEndpoint.S3
{
    /// <summary>PutObject (and CopyObject), GetObject, HeadObject, DeleteObject, DeleteObjects.</summary>
    public sealed class ObjectOperations
    {
        private const string MetadataPrefix = "x-amz-meta-";
        private const int MaxKeyBytes = 1024;

        private readonly ObjectStore _store;
        private readonly ServerSideEncryption _encryption;
        private readonly S3Permissions _permissions;

        public ObjectOperations(ObjectStore store, ServerSideEncryption encryption, S3Permissions? permissions = null)
        {
            _store = store;
            _encryption = encryption;
            _permissions = permissions ?? new S3Permissions(Authorizer.AllowAll);
        }

        public HttpReply PutObject(S3Call call)
        {
            var (bucket, key) = (call.Path.Bucket, call.Path.Key);
            RequireBucket(bucket);
            if (System.Text.Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
            {
                throw new S3Error(400, "KeyTooLongError", "Your key is too long");
            }
            if (call.Request.HasHeader("x-amz-copy-source"))
            {
                _permissions.RequireObject(call, "s3:PutObject", bucket, key);
                return CopyObject(call);
            }
            _permissions.RequireWrite(call);
            var condition = ConditionalWrites.Read(call.Request);
            if (call.Request.HasHeader("x-amz-tagging")) throw S3Error.NotImplemented("x-amz-tagging (the local endpoint keeps no object tags)");

            var data = S3RequestBody.Read(call.Request, call.Signature, out var checksums);
            var encryption = _encryption.ForNewObject(call.Request);
            _permissions.RequireGenerateDataKey(call, encryption);
            var outcome = _store.TryPutObject(bucket, key, data, condition, out var written, encryption,
                call.Request.Header("Content-Type") ?? "binary/octet-stream", UserMetadata(call.Request));
            ConditionalWrites.Require(outcome, condition, key);
            var stored = written!;
            var reply = new HttpReply(200).WithHeader("ETag", stored.ETag);
            AddEncryptionHeaders(reply, stored);
            foreach (var (name, value) in checksums) reply.WithHeader(name, value);
            return reply;
        }

        public HttpReply GetObject(S3Call call, bool head)
        {
            RequireBucket(call.Path.Bucket);
            _permissions.RequireObject(call, "s3:GetObject", call.Path.Bucket, call.Path.Key);
            var obj = Find(call, call.Path);
            _encryption.RequireReadable(obj);
            _permissions.RequireDecrypt(call, obj);
            var reply = ByteRange.TryParse(call.Request.Header("Range"), obj.Data.Length, out var range)
                ? new HttpReply(206).WithHeader("Content-Range", $"bytes {range.First}-{range.Last}/{obj.Data.Length}")
                : new HttpReply(200);
            var body = reply.StatusCode == 206
                ? new ReadOnlyMemory<byte>(obj.Data, (int)range.First, (int)range.Length)
                : new ReadOnlyMemory<byte>(obj.Data);
            reply.WithHeader("ETag", obj.ETag)
                .WithHeader("Last-Modified", HttpDate(obj.LastModified))
                .WithHeader("Accept-Ranges", "bytes");
            AddEncryptionHeaders(reply, obj);
            foreach (var (name, value) in obj.Metadata) reply.WithHeader(MetadataPrefix + name, value);
            var contentType = call.Request.QueryValue("response-content-type") ?? obj.ContentType;
            if (head)
            {
                reply.WithBody(ReadOnlyMemory<byte>.Empty, contentType);
                reply.ContentLength = body.Length;
                return reply;
            }
            return reply.WithBody(body, contentType);
        }

        /// <summary>
        /// GET /bucket/key?tagging. The endpoint keeps no tags (PutObject with x-amz-tagging is refused), so every object's
        /// tag set is empty; clients read it when they copy objects (the AWS CLI's multipart copy does).
        /// </summary>
        public HttpReply GetObjectTagging(S3Call call)
        {
            RequireBucket(call.Path.Bucket);
            _permissions.RequireObject(call, "s3:GetObjectTagging", call.Path.Bucket, call.Path.Key);
            Find(call, call.Path);
            return Ok(E("Tagging", E("TagSet")));
        }

        public HttpReply DeleteObject(S3Call call)
        {
            RequireBucket(call.Path.Bucket);
            _permissions.RequireObject(call, "s3:DeleteObject", call.Path.Bucket, call.Path.Key);
            _store.DeleteObject(call.Path.Bucket, call.Path.Key);
            return new HttpReply(204);
        }

        /// <summary>POST /bucket?delete with a &lt;Delete&gt; document; answers which keys were deleted.</summary>
        public HttpReply DeleteObjects(S3Call call)
        {
            var bucket = call.Path.Bucket;
            RequireBucket(bucket);
            var body = S3RequestBody.Read(call.Request, call.Signature, out _);
            XElement root;
            try { root = XDocument.Parse(System.Text.Encoding.UTF8.GetString(body)).Root!; }
            catch (System.Xml.XmlException) { throw new S3Error(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema"); }

            var quiet = string.Equals(Child(root, "Quiet")?.Value, "true", StringComparison.OrdinalIgnoreCase);
            var keys = root.Elements().Where(e => e.Name.LocalName == "Object").Select(o => Child(o, "Key")?.Value).ToList();
            if (keys.Count == 0 || keys.Count > 1000 || keys.Any(k => k is null))
            {
                throw new S3Error(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema");
            }
            var result = E("DeleteResult");
            foreach (var key in keys)
            {
                // S3 refuses keys one by one, in the answer, and deletes the others.
                if (_permissions.CheckObject(call, "s3:DeleteObject", bucket, key!) is not null)
                {
                    result.Add(E("Error", E("Key", key), E("Code", "AccessDenied"), E("Message", "Access Denied")));
                    continue;
                }
                _store.DeleteObject(bucket, key!);
                if (!quiet) result.Add(E("Deleted", E("Key", key)));
            }
            return Ok(result);
        }

        private HttpReply CopyObject(S3Call call)
        {
            var original = ReadCopySource(call);
            var replace = call.Request.Header("x-amz-metadata-directive") == "REPLACE";
            var encryption = call.Request.HasHeader(ServerSideEncryption.AlgorithmHeader) ? _encryption.ForNewObject(call.Request) : original.Encryption;
            _permissions.RequireGenerateDataKey(call, encryption);
            var stored = _store.PutObject(call.Path.Bucket, call.Path.Key, original.Data, encryption,
                replace ? call.Request.Header("Content-Type") ?? "binary/octet-stream" : original.ContentType,
                replace ? UserMetadata(call.Request) : original.Metadata);
            var reply = Ok(E("CopyObjectResult", E("LastModified", Timestamp(stored.LastModified)), E("ETag", stored.ETag)));
            AddEncryptionHeaders(reply, stored);
            return reply;
        }

        /// <summary>
        /// The object x-amz-copy-source names (CopyObject, UploadPartCopy), after the caller's s3:GetObject and, for an
        /// SSE-KMS source, kms:Decrypt.
        /// </summary>
        internal StoredObject ReadCopySource(S3Call call)
        {
            var source = call.Request.Header("x-amz-copy-source")!;
            var q = source.IndexOf('?');
            if (q >= 0) source = source.Substring(0, q);
            // Decoded whole before splitting: clients may encode the '/' between bucket and key, and bucket names have none.
            var decoded = UriEncoding.Decode(source).TrimStart('/');
            var slash = decoded.IndexOf('/');
            var from = new S3Path(slash < 0 ? decoded : decoded.Substring(0, slash), slash < 0 ? "" : decoded.Substring(slash + 1));
            if (from.Key.Length == 0) throw S3Error.InvalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey", "x-amz-copy-source", source);
            RequireBucket(from.Bucket);
            _permissions.RequireObject(call, "s3:GetObject", from.Bucket, from.Key);
            var original = Find(call, from);
            _encryption.RequireReadable(original);
            _permissions.RequireDecrypt(call, original);
            return original;
        }

        private StoredObject Find(S3Call call, S3Path path)
        {
            RequireBucket(path.Bucket);
            if (_store.TryGetObject(path.Bucket, path.Key, out var obj)) return obj;
            if (_permissions.MissingKeyDenial(call, path.Bucket, path.Key) is { } denial) throw S3Permissions.AccessDenied(denial);
            throw S3Error.NoSuchKey(path.Key);
        }

        private void RequireBucket(string bucket)
        {
            if (!_store.BucketExists(bucket)) throw S3Error.NoSuchBucket(bucket);
        }

        private static void AddEncryptionHeaders(HttpReply reply, StoredObject obj) => AddEncryptionHeaders(reply, obj.Encryption);

        internal static void AddEncryptionHeaders(HttpReply reply, ObjectEncryption encryption)
        {
            reply.WithHeader(ServerSideEncryption.AlgorithmHeader, encryption.Algorithm);
            reply.WithHeader(ServerSideEncryption.KeyIdHeader, encryption.KmsKeyArn);
        }

        internal static IReadOnlyDictionary<string, string> UserMetadata(IncomingRequest request) =>
            request.HeaderNames
                .Where(n => n.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase))
                .ToDictionary(n => n.Substring(MetadataPrefix.Length).ToLowerInvariant(), n => request.Header(n)!, StringComparer.Ordinal);

        private static XElement? Child(XElement parent, string localName) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);
    }
}
