using System;

namespace TextractTools.Engine.Jobs
{
    /// <summary>An s3://bucket/key location, parsed once and checked against S3's naming rules.</summary>
    public sealed class S3Uri
    {
        private S3Uri(string bucket, string key)
        {
            Bucket = bucket;
            Key = key;
        }

        public string Bucket { get; }

        /// <summary>The key (or prefix); may be empty for s3://bucket or s3://bucket/.</summary>
        public string Key { get; }

        public override string ToString() => "s3://" + Bucket + "/" + Key;

        /// <summary>Parses s3://bucket/key. Throws ArgumentException naming the parameter and what is wrong.</summary>
        public static S3Uri Parse(string? value, string parameterName)
        {
            if (string.IsNullOrWhiteSpace(value))
                throw new ArgumentException($"-{parameterName} is empty: give an S3 location such as s3://my-bucket/path/document.pdf.", parameterName);
            var text = value!.Trim();
            const string scheme = "s3://";
            if (!text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"-{parameterName} '{text}' is not an S3 URI: it must start with s3:// (for example s3://my-bucket/path/document.pdf).", parameterName);
            var rest = text.Substring(scheme.Length);
            var slash = rest.IndexOf('/');
            var bucket = slash < 0 ? rest : rest.Substring(0, slash);
            var key = slash < 0 ? "" : rest.Substring(slash + 1);
            var problem = StartRequestValidator.BucketNameProblem(bucket);
            if (problem != null)
                throw new ArgumentException($"-{parameterName} '{text}': bucket name '{bucket}' {problem}", parameterName);
            return new S3Uri(bucket, key);
        }
    }
}
