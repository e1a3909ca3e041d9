namespace TextractTools.LocalEndpoint.S3
{
    /// <summary>A path-style S3 address: /bucket/key. Both parts decoded; an empty bucket means the service root.</summary>
    public sealed record S3Path(string Bucket, string Key)
    {
        public bool IsServiceRoot => Bucket.Length == 0;
        public bool IsBucket => Bucket.Length > 0 && Key.Length == 0;

        public static S3Path Parse(string rawPath)
        {
            var trimmed = rawPath.TrimStart('/');
            var slash = trimmed.IndexOf('/');
            // Bucket and key are decoded separately so that an encoded "/" (%2F) inside a key stays part of the key.
            return slash < 0
                ? new S3Path(Hosting.UriEncoding.Decode(trimmed), "")
                : new S3Path(Hosting.UriEncoding.Decode(trimmed.Substring(0, slash)), Hosting.UriEncoding.Decode(trimmed.Substring(slash + 1)));
        }
    }
}
