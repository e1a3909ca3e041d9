using System;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Validation;

namespace TextractTools.Engine
{
    /// <summary>
    /// A place in S3: a bucket with an object key, a key prefix (a "folder", ending in /), or nothing (the bucket
    /// itself), and for documents optionally an object version. The one type the engine uses for S3 locations: it is
    /// parsed from and printed as <c>s3://bucket/key</c> here and nowhere else.
    /// </summary>
    public sealed class S3Location : IEquatable<S3Location>
    {
        /// <summary>The URI scheme, as users type it.</summary>
        public const string Scheme = "s3://";

        private S3Location(string bucket, string key, string? version)
        {
            Bucket = bucket;
            Key = key;
            Version = version;
        }

        public string Bucket { get; }

        /// <summary>The object key or prefix; empty for the bucket itself.</summary>
        public string Key { get; }

        /// <summary>The object version Textract should read (documents only); null for the current version.</summary>
        public string? Version { get; }

        /// <summary>True for the bucket itself or a prefix ending in /: a place that holds objects, not an object.</summary>
        public bool IsFolder => Key.Length == 0 || Key.EndsWith("/", StringComparison.Ordinal);

        /// <summary>The key as a folder prefix: empty, or ending in exactly one /.</summary>
        public string FolderKey => Key.Length == 0 || IsFolder ? Key : Key + "/";

        /// <summary>The last segment of the key (the file name of an object).</summary>
        public string Name
        {
            get
            {
                var key = Key.TrimEnd('/');
                var slash = key.LastIndexOf('/');
                return slash < 0 ? key : key.Substring(slash + 1);
            }
        }

        /// <summary>A location from pieces that come from S3 or the engine itself (a listing, a derived key): not checked.</summary>
        public static S3Location Of(string bucket, string? key, string? version = null)
        {
            if (bucket is null) throw new ArgumentNullException(nameof(bucket));
            return new S3Location(bucket, key ?? "", string.IsNullOrEmpty(version) ? null : version);
        }

        /// <summary>This location taken as a folder (a / added to the key where it has none).</summary>
        public S3Location AsFolder() => IsFolder ? this : new S3Location(Bucket, FolderKey, null);

        /// <summary>The object or folder <paramref name="relativeKey"/> under this location taken as a folder.</summary>
        public S3Location Child(string relativeKey) => new S3Location(Bucket, FolderKey + relativeKey, null);

        /// <summary>
        /// Parses user input: s3://bucket, s3://bucket/ or s3://bucket/key. Throws ArgumentException naming the parameter
        /// and what is wrong (no scheme, a bucket name S3 would refuse).
        /// </summary>
        public static S3Location Parse(string? value, string parameterName)
        {
            if (value is null || value.Trim().Length == 0)
                throw new ParameterValueException("Empty" + parameterName, ParameterProblem.InvalidValue, parameterName,
                    $"-{parameterName} is empty: give an S3 location such as s3://my-bucket/path/document.pdf.");
            var text = value.Trim();
            if (!text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
                throw ParameterValueException.Invalid(parameterName, $"-{parameterName} '{text}' is not an S3 URI: it must start with s3:// (for example s3://my-bucket/path/document.pdf).");
            var rest = text.Substring(Scheme.Length);
            var slash = rest.IndexOf('/');
            var bucket = slash < 0 ? rest : rest.Substring(0, slash);
            var key = slash < 0 ? "" : rest.Substring(slash + 1);
            var problem = StartRequestValidator.BucketNameProblem(bucket);
            if (problem != null)
                throw ParameterValueException.Invalid(parameterName, $"-{parameterName} '{text}': bucket name '{bucket}' {problem}");
            return new S3Location(bucket, key, null);
        }

        /// <summary>As <see cref="Parse"/>, without the exception.</summary>
        public static bool TryParse(string? value, out S3Location? location)
        {
            try
            {
                location = Parse(value, "S3Uri");
                return true;
            }
            catch (ArgumentException)
            {
                location = null;
                return false;
            }
        }

        /// <summary>s3://bucket/key (the version, if any, is not part of an S3 URI: see <see cref="Describe"/>).</summary>
        public override string ToString() => Scheme + Bucket + "/" + Key;

        /// <summary>The URI, and the version where one is set: for messages.</summary>
        public string Describe() => Version is null ? ToString() : ToString() + " (version " + Version + ")";

        public bool Equals(S3Location? other) =>
            other != null && string.Equals(Bucket, other.Bucket, StringComparison.Ordinal)
                          && string.Equals(Key, other.Key, StringComparison.Ordinal)
                          && string.Equals(Version, other.Version, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as S3Location);

        public override int GetHashCode() => (Bucket.GetHashCode() * 397) ^ Key.GetHashCode() ^ (Version?.GetHashCode() ?? 0);
    }
}
