using System;
using System.Text.RegularExpressions;

namespace TextractTools.Engine.Jobs
{
    /// <summary>
    /// Checks an SQS queue URL before any call, and reads the region out of an AWS one
    /// (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME, or the legacy REGION.queue.amazonaws.com), so the SQS client
    /// calls the queue's region even when the jobs run in another.
    /// </summary>
    public static class SqsQueueUrl
    {
        private static readonly Regex AwsHost = new(@"^(?:sqs\.(?<region>[a-z0-9-]+)|(?<region>[a-z0-9-]+)\.queue)\.amazonaws\.com(?:\.cn)?$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <exception cref="ArgumentException">Not an absolute http(s) URL with ACCOUNT/NAME as its path.</exception>
        public static void Validate(string queueUrl, string parameterName)
        {
            if (!Uri.TryCreate(queueUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                throw new ArgumentException($"-{parameterName} '{queueUrl}' is not a queue URL: expected https://sqs.REGION.amazonaws.com/ACCOUNT/QUEUE.", parameterName);
            if (uri.AbsolutePath.Trim('/').Split('/').Length != 2)
                throw new ArgumentException($"-{parameterName} '{queueUrl}' has no ACCOUNT/QUEUE path: expected https://sqs.REGION.amazonaws.com/ACCOUNT/QUEUE.", parameterName);
        }

        /// <summary>The region of an AWS queue URL; null for other hosts (a local endpoint, a VPC endpoint by IP).</summary>
        public static string? RegionOf(string queueUrl)
        {
            if (!Uri.TryCreate(queueUrl, UriKind.Absolute, out var uri)) return null;
            var match = AwsHost.Match(uri.Host);
            return match.Success ? match.Groups["region"].Value.ToLowerInvariant() : null;
        }
    }
}
