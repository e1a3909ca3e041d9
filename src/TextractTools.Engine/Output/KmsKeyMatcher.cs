using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace TextractTools.Engine.Output
{
    /// <summary>
    /// Compares the key S3 reports for an object (a key ARN, sometimes a bare key id) with the key the user expects
    /// (any of key id, key ARN, alias name, alias ARN: aliases are resolved through KMS DescribeKey first).
    /// </summary>
    public static class KmsKeyMatcher
    {
        /// <summary>The key ARN behind any form of key reference.</summary>
        internal static async Task<string> ResolveArnAsync(IAmazonKeyManagementService kms, string keyReference, CancellationToken cancellationToken)
        {
            var response = await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyReference }, cancellationToken).ConfigureAwait(false);
            return response.KeyMetadata.Arn;
        }

        /// <summary>True when both name the same key (compared by key id, the part after "key/").</summary>
        public static bool Matches(string expected, string? actual)
        {
            if (actual is null) return false;
            return string.Equals(KeyIdOf(expected), KeyIdOf(actual), StringComparison.Ordinal);
        }

        private static string KeyIdOf(string reference)
        {
            var index = reference.LastIndexOf(":key/", StringComparison.Ordinal);
            return index >= 0 ? reference.Substring(index + 5) : reference;
        }
    }
}
