using System;
using System.Text.RegularExpressions;

namespace TextractTools.Engine.Access
{
    /// <summary>The ARN forms policies need: S3 bucket and object ARNs, KMS key ARNs, in the key's partition.</summary>
    public static class AwsArn
    {
        // arn:<partition>:kms:<region>:<account>:key/<key id>. An alias ARN (…:alias/name) is not a key ARN: IAM
        // decides key access by the key ARN, so a policy naming an alias grants nothing.
        private static readonly Regex KmsKeyArnPattern = new Regex(
            @"^arn:(?<partition>aws[a-z-]*):kms:(?<region>[a-z0-9-]+):(?<account>\d{12}):key/(?<id>[A-Za-z0-9-]+)$",
            RegexOptions.CultureInvariant);

        private static readonly Regex RoleArnPattern = new Regex(@"^arn:aws[a-z-]*:iam::\d{12}:role/[A-Za-z0-9+=,.@_/-]+$", RegexOptions.CultureInvariant);
        private static readonly Regex TopicArnPattern = new Regex(@"^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$", RegexOptions.CultureInvariant);

        // Users, roles, assumed-role sessions, the account root, or a bare account id (key policies accept all).
        private static readonly Regex PrincipalArnPattern = new Regex(
            @"^(\d{12}|arn:aws[a-z-]*:(iam::\d{12}:(root|user/[A-Za-z0-9+=,.@_/-]+|role/[A-Za-z0-9+=,.@_/-]+)|sts::\d{12}:assumed-role/[A-Za-z0-9+=,.@_/-]+))$",
            RegexOptions.CultureInvariant);

        public static bool IsKmsKeyArn(string? value) => value != null && KmsKeyArnPattern.IsMatch(value);

        public static bool IsRoleArn(string? value) => value != null && RoleArnPattern.IsMatch(value);

        public static bool IsTopicArn(string? value) => value != null && TopicArnPattern.IsMatch(value);

        public static bool IsPrincipalArn(string? value) => value != null && PrincipalArnPattern.IsMatch(value);

        /// <summary>aws, aws-cn, aws-us-gov...: taken from the key ARN so S3 ARNs are in the same partition.</summary>
        public static string PartitionOf(string? arn)
        {
            if (arn != null && arn.StartsWith("arn:", StringComparison.Ordinal))
            {
                var end = arn.IndexOf(':', 4);
                if (end > 4) return arn.Substring(4, end - 4);
            }
            return "aws";
        }

        /// <summary>The region of a KMS key ARN, or null for anything else.</summary>
        public static string? RegionOfKey(string? keyArn)
        {
            var match = keyArn is null ? null : KmsKeyArnPattern.Match(keyArn);
            return match != null && match.Success ? match.Groups["region"].Value : null;
        }

        public static string Bucket(string partition, string bucket) => "arn:" + partition + ":s3:::" + bucket;

        public static string Objects(string partition, string bucket, string keyPattern) => "arn:" + partition + ":s3:::" + bucket + "/" + keyPattern;
    }
}
