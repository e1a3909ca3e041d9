using System;
using System.Collections.Generic;
using System.Linq;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Hosting.SigV4;
using TextractTools.LocalEndpoint.Kms;
using TextractTools.LocalEndpoint.Policy;
using TextractTools.LocalEndpoint.Storage;

namespace TextractTools.LocalEndpoint.S3
{
    /// <summary>
    /// S3's REST/XML protocol, path-style: picks the operation from method, path and sub-resource query parameters.
    /// Operations the endpoint does not emulate answer 501 NotImplemented rather than something misleading.
    /// </summary>
    public sealed class S3Service
    {
        /// <summary>Query parameters that do not select a different operation (listing options, SDK hints, presigning).</summary>
        private static readonly HashSet<string> NeutralParameters = new(StringComparer.Ordinal)
        {
            "prefix", "delimiter", "marker", "max-keys", "encoding-type", "list-type", "continuation-token", "start-after",
            "fetch-owner", "x-id", "versionId", "partNumber", "max-buckets", "bucket-region",
            "response-content-type", "response-content-disposition", "response-content-encoding", "response-content-language",
            "response-cache-control", "response-expires", "AWSAccessKeyId", "Signature", "Expires", "max-uploads", "key-marker", "upload-id-marker", "max-parts", "part-number-marker",
        };

        private readonly BucketOperations _buckets;
        private readonly ObjectOperations _objects;
        private readonly ListOperations _lists;
        private readonly MultipartOperations _multipart;

        /// <param name="authorizer">The policy checks; null (or <see cref="Authorizer.AllowAll"/>) allows everything.</param>
        public S3Service(ObjectStore store, KeyStore keys, EndpointOptions options, Authorizer? authorizer = null)
        {
            var permissions = new S3Permissions(authorizer ?? Authorizer.AllowAll);
            _buckets = new BucketOperations(store, options.Region, permissions);
            var encryption = new ServerSideEncryption(keys);
            _objects = new ObjectOperations(store, encryption, permissions);
            _lists = new ListOperations(store, permissions);
            _multipart = new MultipartOperations(store, new MultipartUploadStore(), encryption, _objects, permissions);
        }

        public HttpReply Handle(IncomingRequest request, SigV4Result signature, string requestId)
        {
            var head = request.Method == "HEAD";
            HttpReply reply;
            try
            {
                reply = Dispatch(new S3Call(request, S3Path.Parse(request.RawPath), signature, requestId));
            }
            catch (S3Error error)
            {
                reply = S3Xml.Error(error, requestId, head);
            }
            return reply.WithHeader("x-amz-request-id", requestId).WithHeader("x-amz-id-2", S3Xml.HostId(requestId));
        }

        private HttpReply Dispatch(S3Call call)
        {
            var request = call.Request;
            var method = request.Method;
            if (call.Path.IsServiceRoot)
            {
                if (method == "GET") return _buckets.ListBuckets(call);
                throw new S3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
            }

            if (call.Path.IsBucket)
            {
                if (request.HasQuery("location") && method == "GET") return _buckets.GetBucketLocation(call);
                if (request.HasQuery("delete") && method == "POST") return _objects.DeleteObjects(call);
                if (request.HasQuery("uploads") && method == "GET")
                {
                    RequireOnlyNeutral(request, "uploads");
                    return _multipart.ListUploads(call);
                }
                RequireOnlyNeutral(request);
                switch (method)
                {
                    case "PUT": return _buckets.CreateBucket(call);
                    case "HEAD": return _buckets.HeadBucket(call);
                    case "DELETE": return _buckets.DeleteBucket(call);
                    case "GET": return request.QueryValue("list-type") == "2" ? _lists.ListObjectsV2(call) : _lists.ListObjects(call);
                }
                throw new S3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
            }

            if (request.HasQuery("uploads") || request.HasQuery("uploadId")) return DispatchMultipart(call);
            if (request.HasQuery("tagging") && method == "GET")
            {
                RequireOnlyNeutral(request, "tagging");
                return _objects.GetObjectTagging(call);
            }
            RequireOnlyNeutral(request);
            switch (method)
            {
                case "PUT": return _objects.PutObject(call);
                case "GET": return _objects.GetObject(call, head: false);
                case "HEAD": return _objects.GetObject(call, head: true);
                case "DELETE": return _objects.DeleteObject(call);
            }
            throw new S3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
        }

        /// <summary>?uploads on an object creates an upload; ?uploadId addresses one (its parts, completion, abort, listing).</summary>
        private HttpReply DispatchMultipart(S3Call call)
        {
            var request = call.Request;
            RequireOnlyNeutral(request, "uploads", "uploadId");
            if (request.HasQuery("uploads"))
            {
                if (request.Method == "POST") return _multipart.Create(call);
            }
            else
            {
                switch (request.Method)
                {
                    case "PUT": return _multipart.UploadPart(call);
                    case "POST": return _multipart.Complete(call);
                    case "DELETE": return _multipart.Abort(call);
                    case "GET": return _multipart.ListParts(call);
                }
            }
            throw new S3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
        }

        /// <summary>
        /// Refuses a sub-resource the endpoint does not serve. Presigning signs with X-Amz-* parameters and hoists signed
        /// headers into the query (x-amz-checksum-mode, x-amz-acl, ...): those never select an operation.
        /// </summary>
        private static void RequireOnlyNeutral(IncomingRequest request, params string[] alsoAllowed)
        {
            var unknown = request.Query.Select(p => p.Key)
                .FirstOrDefault(k => !NeutralParameters.Contains(k) && !alsoAllowed.Contains(k)
                                     && !k.StartsWith("X-Amz-", StringComparison.OrdinalIgnoreCase));
            if (unknown is not null) throw S3Error.NotImplemented("?" + unknown);
        }
    }
}
