using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine;
using TextractTools.Engine.Completion;
using TextractTools.Engine.Session;

namespace TextractTools.Commands.Completers
{
    /// <summary>Completes -Bucket and -OutputBucket with the bucket names of the endpoint in use.</summary>
    internal sealed class BucketNameCompleter : RemoteNameCompleter
    {
        internal override string ListName => "buckets";

        internal override Task<IReadOnlyList<string>> ListAsync(AwsSession session, CancellationToken cancellationToken)
            => ResourceNameLister.ListBucketNamesAsync(session, cancellationToken);

        internal override IEnumerable<CompletionResult> Complete(string word, IReadOnlyList<string> names)
            => names
                .Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, "S3 bucket " + n));
    }

    /// <summary>
    /// Completes S3 URI parameters (-S3Uri, -UploadUri, -OutputUri) with "s3://bucket/" for each bucket of the
    /// endpoint in use. Once the word goes past the bucket (s3://bucket/key...) there is nothing more to offer.
    /// </summary>
    internal sealed class S3UriCompleter : RemoteNameCompleter
    {
        internal override string ListName => "buckets";

        internal override Task<IReadOnlyList<string>> ListAsync(AwsSession session, CancellationToken cancellationToken)
            => ResourceNameLister.ListBucketNamesAsync(session, cancellationToken);

        internal override IEnumerable<CompletionResult> Complete(string word, IReadOnlyList<string> names)
        {
            string bucketPrefix;
            if (word.StartsWith(S3Location.Scheme, StringComparison.OrdinalIgnoreCase)) bucketPrefix = word.Substring(S3Location.Scheme.Length);
            else if (S3Location.Scheme.StartsWith(word, StringComparison.OrdinalIgnoreCase)) bucketPrefix = "";
            else bucketPrefix = word; // "my-buck" completes to s3://my-bucket/ too
            if (bucketPrefix.IndexOf('/') >= 0) return Enumerable.Empty<CompletionResult>();

            return names
                .Where(n => n.StartsWith(bucketPrefix, StringComparison.OrdinalIgnoreCase))
                .Select(n => S3Location.Of(n, "").ToString())
                .Select(uri => new CompletionResult(uri, uri, CompletionResultType.ParameterValue, "S3 bucket " + uri));
        }
    }
}
