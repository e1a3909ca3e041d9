using System;
using System.Linq;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.S3;

namespace TextractTools.LocalEndpoint.Faults
{
    /// <summary>
    /// Names a request the way fault rules and statistics refer to it: "Service.Operation", with the SDK's
    /// operation names ("S3.GetObject", "Kms.GenerateDataKey", "Textract.GetDocumentAnalysis", "Sqs.ReceiveMessage",
    /// "Sns.Publish"). Decided from the method, path, query and headers only, before any handler runs.
    /// </summary>
    public static class OperationNames
    {
        public static string Of(IncomingRequest request)
        {
            if (request.Header("X-Amz-Target") is { } target)
            {
                var dot = target.IndexOf('.');
                return dot <= 0 ? "Unknown." + target : ServiceName(target.Substring(0, dot)) + "." + target.Substring(dot + 1);
            }
            if (QueryProtocol.SigningName(request) is { } signingName)
            {
                var action = QueryProtocol.Parameters(request).FirstOrDefault(p => p.Key == "Action").Value ?? "Unknown";
                return Capitalized(signingName) + "." + action;
            }
            return "S3." + S3Operation(request);
        }

        /// <summary>X-Amz-Target prefixes to the names people use: KMS answers "TrentService", SQS "AmazonSQS".</summary>
        private static string ServiceName(string targetPrefix) => targetPrefix switch
        {
            "TrentService" => "Kms",
            "AmazonSQS" => "Sqs",
            _ => targetPrefix,
        };

        private static string Capitalized(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

        private static string S3Operation(IncomingRequest request)
        {
            S3Path path;
            try { path = S3Path.Parse(request.RawPath); }
            catch (Exception e) when (e is not OutOfMemoryException) { return "Unknown"; }
            var method = request.Method;
            if (path.IsServiceRoot) return method == "GET" ? "ListBuckets" : "Unknown";
            if (path.IsBucket)
            {
                if (request.HasQuery("location")) return "GetBucketLocation";
                if (request.HasQuery("delete")) return "DeleteObjects";
                if (request.HasQuery("uploads")) return "ListMultipartUploads";
                return method switch
                {
                    "PUT" => "CreateBucket",
                    "HEAD" => "HeadBucket",
                    "DELETE" => "DeleteBucket",
                    "GET" => request.QueryValue("list-type") == "2" ? "ListObjectsV2" : "ListObjects",
                    _ => "Unknown",
                };
            }
            if (request.HasQuery("uploads")) return "CreateMultipartUpload";
            if (request.HasQuery("uploadId"))
            {
                return method switch
                {
                    "PUT" => request.HasHeader("x-amz-copy-source") ? "UploadPartCopy" : "UploadPart",
                    "POST" => "CompleteMultipartUpload",
                    "DELETE" => "AbortMultipartUpload",
                    _ => "ListParts",
                };
            }
            if (request.HasQuery("tagging") && method == "GET") return "GetObjectTagging";
            return method switch
            {
                "PUT" => request.HasHeader("x-amz-copy-source") ? "CopyObject" : "PutObject",
                "GET" => "GetObject",
                "HEAD" => "HeadObject",
                "DELETE" => "DeleteObject",
                _ => "Unknown",
            };
        }
    }
}
