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
            "response-cache-control", "response-expires",
        };

        private readonly BucketOperations _buckets;
        private readonly ObjectOperations _objects;
        private readonly ListOperations _lists;

        /// <param name="authorizer">The policy checks; null (or <see cref="Authorizer.AllowAll"/>) allows everything.</param>
        public S3Service(ObjectStore store, KeyStore keys, EndpointOptions options, Authorizer? authorizer = null)
        {
            var permissions = new S3Permissions(authorizer ?? Authorizer.AllowAll);
            _buckets = new BucketOperations(store, options.Region, permissions);
            _objects = new ObjectOperations(store, new ServerSideEncryption(keys), permissions);
            _lists = new ListOperations(store, permissions);
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

        private static void RequireOnlyNeutral(IncomingRequest request)
        {
            var unknown = request.Query.Select(p => p.Key)
                .FirstOrDefault(k => !NeutralParameters.Contains(k) && !k.StartsWith("X-Amz-", StringComparison.Ordinal));
            if (unknown is not null) throw S3Error.NotImplemented("?" + unknown);
        }
    }
}
