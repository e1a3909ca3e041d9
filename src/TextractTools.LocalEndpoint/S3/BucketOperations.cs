using System;
using System.Linq;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Policy;
using TextractTools.LocalEndpoint.Storage;
using static TextractTools.LocalEndpoint.S3.S3Xml;

namespace TextractTools.LocalEndpoint.S3
{
    /// <summary>ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation.</summary>
    public sealed class BucketOperations
    {
        private readonly ObjectStore _store;
        private readonly string _region;
        private readonly S3Permissions _permissions;

        public BucketOperations(ObjectStore store, string region, S3Permissions? permissions = null)
        {
            _store = store;
            _region = region;
            _permissions = permissions ?? new S3Permissions(Authorizer.AllowAll);
        }

        public HttpReply ListBuckets(S3Call call)
        {
            _permissions.RequireAccountAction(call, "s3:ListAllMyBuckets");
            var prefix = call.Request.QueryValue("prefix") ?? "";
            var buckets = _store.ListBuckets()
                .Where(b => b.Name.StartsWith(prefix, StringComparison.Ordinal))
                .Select(b => E("Bucket", E("Name", b.Name), E("CreationDate", Timestamp(b.Created)), E("BucketRegion", _region)));
            return Ok(E("ListAllMyBucketsResult", Owner(), E("Buckets", buckets.Cast<object>().ToArray())));
        }

        public HttpReply CreateBucket(S3Call call)
        {
            var bucket = call.Path.Bucket;
            BucketNameRules.Require(bucket);
            _permissions.RequireBucket(call, "s3:CreateBucket");
            // The CreateBucketConfiguration body (LocationConstraint) may be present or not; the endpoint has one region.
            if (!_store.CreateBucket(bucket))
            {
                throw new S3Error(409, "BucketAlreadyOwnedByYou",
                    "Your previous request to create the named bucket succeeded and you already own it.", bucket)
                { Details = new[] { ("BucketName", bucket) } };
            }
            return new HttpReply(200).WithHeader("Location", "/" + bucket);
        }

        public HttpReply HeadBucket(S3Call call)
        {
            RequireBucket(call.Path.Bucket);
            // HeadBucket has no action of its own: S3 requires s3:ListBucket.
            _permissions.RequireBucket(call, "s3:ListBucket");
            return new HttpReply(200).WithHeader("x-amz-bucket-region", _region);
        }

        public HttpReply DeleteBucket(S3Call call)
        {
            var bucket = call.Path.Bucket;
            RequireBucket(bucket);
            _permissions.RequireBucket(call, "s3:DeleteBucket");
            try
            {
                if (!_store.DeleteBucket(bucket)) throw S3Error.NoSuchBucket(bucket);
            }
            catch (InvalidOperationException)
            {
                throw new S3Error(409, "BucketNotEmpty", "The bucket you tried to delete is not empty", bucket)
                { Details = new[] { ("BucketName", bucket) } };
            }
            return new HttpReply(204);
        }

        public HttpReply GetBucketLocation(S3Call call)
        {
            RequireBucket(call.Path.Bucket);
            _permissions.RequireBucket(call, "s3:GetBucketLocation");
            // us-east-1 is reported as an empty LocationConstraint, for historical reasons.
            return Ok(E("LocationConstraint", _region == "us-east-1" ? null : _region));
        }

        private void RequireBucket(string bucket)
        {
            if (!_store.BucketExists(bucket)) throw S3Error.NoSuchBucket(bucket);
        }
    }
}
