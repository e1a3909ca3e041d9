using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KeyManagementService.Model;
using TextractTools.Engine.Session;

namespace TextractTools.Engine.Completion
{
    /// <summary>
    /// The names tab completion offers from the endpoint in use: bucket names (S3 ListBuckets) and KMS key aliases
    /// (KMS ListAliases), sorted. Each list is capped: completion is for picking, not for inventory.
    /// </summary>
    public static class ResourceNameLister
    {
        private const int MaxNames = 1000;

        public static async Task<IReadOnlyList<string>> ListBucketNamesAsync(AwsSession session, CancellationToken cancellationToken)
        {
            var response = await session.S3.ListBucketsAsync(new Amazon.S3.Model.ListBucketsRequest(), cancellationToken).ConfigureAwait(false);
            return (response.Buckets ?? new List<Amazon.S3.Model.S3Bucket>())
                .Select(b => b.BucketName)
                .Where(n => !string.IsNullOrEmpty(n))
                .OrderBy(n => n, StringComparer.Ordinal)
                .Take(MaxNames)
                .ToList();
        }

        /// <summary>Aliases that name a key, customer-managed ones first (AWS-managed alias/aws/... last).</summary>
        public static async Task<IReadOnlyList<string>> ListKmsAliasesAsync(AwsSession session, CancellationToken cancellationToken)
        {
            var names = new List<string>();
            string? marker = null;
            do
            {
                var response = await session.Kms.ListAliasesAsync(new ListAliasesRequest { Marker = marker, Limit = 100 }, cancellationToken).ConfigureAwait(false);
                names.AddRange((response.Aliases ?? new List<AliasListEntry>())
                    .Where(a => !string.IsNullOrEmpty(a.AliasName) && !string.IsNullOrEmpty(a.TargetKeyId))
                    .Select(a => a.AliasName));
                marker = response.Truncated == true ? response.NextMarker : null;
            }
            while (marker != null && names.Count < MaxNames);

            return names
                .OrderBy(n => n.StartsWith("alias/aws/", StringComparison.Ordinal) ? 1 : 0)
                .ThenBy(n => n, StringComparer.Ordinal)
                .Take(MaxNames)
                .ToList();
        }
    }
}
