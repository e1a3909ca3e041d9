using System;

namespace TextractTools.LocalEndpoint.S3
{
    /// <summary>
    /// An S3 error answer: thrown inside the S3 handlers and turned into S3's &lt;Error&gt; XML by the service.
    /// Codes and messages are S3's own, because SDK clients branch on ErrorCode.
    /// </summary>
    public sealed class S3Error : Exception
    {
        public S3Error(int statusCode, string code, string message, string? resource = null) : base(message)
        {
            StatusCode = statusCode;
            Code = code;
            Resource = resource;
        }

        public int StatusCode { get; }
        public string Code { get; }

        /// <summary>The bucket or key the error is about, echoed as &lt;BucketName&gt;/&lt;Key&gt; elements.</summary>
        public string? Resource { get; }

        /// <summary>Extra elements S3 puts in some errors (e.g. the StringToSign of SignatureDoesNotMatch).</summary>
        public (string Name, string Value)[] Details { get; init; } = Array.Empty<(string, string)>();

        public static S3Error NoSuchBucket(string bucket) =>
            new(404, "NoSuchBucket", "The specified bucket does not exist", bucket) { Details = new[] { ("BucketName", bucket) } };

        public static S3Error NoSuchKey(string key) =>
            new(404, "NoSuchKey", "The specified key does not exist.", key) { Details = new[] { ("Key", key) } };

        public static S3Error InvalidArgument(string message, string name, string value) =>
            new(400, "InvalidArgument", message) { Details = new[] { ("ArgumentName", name), ("ArgumentValue", value) } };

        public static S3Error InvalidRequest(string message) => new(400, "InvalidRequest", message);

        public static S3Error NotImplemented(string what) =>
            new(501, "NotImplemented", "A header or query you provided implies functionality that is not implemented: " + what);
    }
}
