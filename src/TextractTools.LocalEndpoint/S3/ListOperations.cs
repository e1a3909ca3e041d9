using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Policy;
using TextractTools.LocalEndpoint.Storage;
using static TextractTools.LocalEndpoint.S3.S3Xml;

namespace TextractTools.LocalEndpoint.S3
{
    /// <summary>ListObjectsV2 (GET /bucket?list-type=2) and the older ListObjects (GET /bucket).</summary>
    public sealed class ListOperations
    {
        private const int MaxKeysLimit = 1000;
        private readonly ObjectStore _store;
        private readonly S3Permissions _permissions;

        public ListOperations(ObjectStore store, S3Permissions? permissions = null)
        {
            _store = store;
            _permissions = permissions ?? new S3Permissions(Authorizer.AllowAll);
        }

        public HttpReply ListObjectsV2(S3Call call)
        {
            var q = ListQuery.Read(call, _store);
            RequireListBucket(call);
            var token = call.Request.QueryValue("continuation-token");
            var startAfter = call.Request.QueryValue("start-after");
            var after = token is not null ? DecodeToken(token) : startAfter;
            var page = ObjectListing.List(q.Objects, q.Prefix, q.Delimiter, after, q.MaxKeys);
            var fetchOwner = call.Request.QueryValue("fetch-owner") == "true";

            var root = E("ListBucketResult",
                E("Name", call.Path.Bucket),
                E("Prefix", q.Encode(q.Prefix)),
                E("KeyCount", page.Objects.Count + page.CommonPrefixes.Count),
                E("MaxKeys", q.MaxKeys),
                q.Delimiter is null ? null : E("Delimiter", q.Encode(q.Delimiter)),
                E("IsTruncated", page.IsTruncated ? "true" : "false"));
            if (token is not null) root.Add(E("ContinuationToken", token));
            if (page.IsTruncated) root.Add(E("NextContinuationToken", EncodeToken(page.LastEntry!)));
            if (startAfter is not null) root.Add(E("StartAfter", q.Encode(startAfter)));
            AddEntries(root, page, q, fetchOwner);
            return Ok(root);
        }

        public HttpReply ListObjects(S3Call call)
        {
            var q = ListQuery.Read(call, _store);
            RequireListBucket(call);
            var marker = call.Request.QueryValue("marker");
            var page = ObjectListing.List(q.Objects, q.Prefix, q.Delimiter, string.IsNullOrEmpty(marker) ? null : marker, q.MaxKeys);

            var root = E("ListBucketResult",
                E("Name", call.Path.Bucket),
                E("Prefix", q.Encode(q.Prefix)),
                E("Marker", q.Encode(marker ?? "")),
                E("MaxKeys", q.MaxKeys),
                q.Delimiter is null ? null : E("Delimiter", q.Encode(q.Delimiter)),
                E("IsTruncated", page.IsTruncated ? "true" : "false"));
            // S3 returns NextMarker only with a delimiter; without one, clients continue from the last key.
            if (page.IsTruncated && q.Delimiter is not null) root.Add(E("NextMarker", q.Encode(page.LastEntry!)));
            AddEntries(root, page, q, fetchOwner: true);
            return Ok(root);
        }

        /// <summary>s3:ListBucket with the prefix asked for as s3:prefix (absent when the request names none).</summary>
        private void RequireListBucket(S3Call call) => _permissions.RequireBucket(call, "s3:ListBucket", call.Request.QueryValue("prefix"));

        private static void AddEntries(XElement root, ListingPage page, ListQuery q, bool fetchOwner)
        {
            foreach (var obj in page.Objects)
            {
                root.Add(E("Contents",
                    E("Key", q.Encode(obj.Key)),
                    E("LastModified", Timestamp(obj.LastModified)),
                    E("ETag", obj.ETag),
                    E("Size", obj.Data.LongLength.ToString(CultureInfo.InvariantCulture)),
                    fetchOwner ? Owner() : null,
                    E("StorageClass", "STANDARD")));
            }
            foreach (var prefix in page.CommonPrefixes) root.Add(E("CommonPrefixes", E("Prefix", q.Encode(prefix))));
            if (q.UrlEncoded) root.Add(E("EncodingType", "url"));
        }

        /// <summary>Opaque to clients, like S3's: the last key or common prefix of the previous page.</summary>
        private static string EncodeToken(string lastEntry) => Convert.ToBase64String(Encoding.UTF8.GetBytes("v1:" + lastEntry));

        private static string DecodeToken(string token)
        {
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
                if (text.StartsWith("v1:", StringComparison.Ordinal)) return text.Substring(3);
            }
            catch (FormatException)
            {
            }
            throw S3Error.InvalidArgument("The continuation token provided is incorrect", "continuation-token", token);
        }

        /// <summary>The query parameters both listing versions share.</summary>
        private sealed class ListQuery
        {
            public string Prefix { get; private init; } = "";
            public string? Delimiter { get; private init; }
            public int MaxKeys { get; private init; }
            public bool UrlEncoded { get; private init; }
            public IReadOnlyList<StoredObject> Objects { get; private init; } = Array.Empty<StoredObject>();

            /// <summary>With encoding-type=url, keys and prefixes are percent-encoded so that any byte survives XML.</summary>
            public string Encode(string value) => UrlEncoded ? UriEncoding.Encode(value, keepSlash: true) : value;

            public static ListQuery Read(S3Call call, ObjectStore store)
            {
                var request = call.Request;
                var encoding = request.QueryValue("encoding-type");
                if (encoding is not null && encoding != "url")
                {
                    throw S3Error.InvalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encoding);
                }
                var maxKeys = MaxKeysLimit;
                var maxKeysText = request.QueryValue("max-keys");
                if (maxKeysText is not null && (!int.TryParse(maxKeysText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out maxKeys) || maxKeys < 0))
                {
                    throw S3Error.InvalidArgument("Provided max-keys not an integer or within integer range", "max-keys", maxKeysText);
                }
                var prefix = request.QueryValue("prefix") ?? "";
                var delimiter = request.QueryValue("delimiter");
                List<StoredObject> objects;
                try { objects = new(store.ListObjects(call.Path.Bucket, prefix)); }
                catch (KeyNotFoundException) { throw S3Error.NoSuchBucket(call.Path.Bucket); }
                return new ListQuery
                {
                    Prefix = prefix,
                    Delimiter = string.IsNullOrEmpty(delimiter) ? null : delimiter,
                    MaxKeys = Math.Min(maxKeys, MaxKeysLimit),
                    UrlEncoded = encoding == "url",
                    Objects = objects,
                };
            }
        }
    }
}
