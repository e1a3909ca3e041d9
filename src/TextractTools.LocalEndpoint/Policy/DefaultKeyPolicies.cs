using System.Text.Json;

namespace TextractTools.LocalEndpoint.Policy
{
    /// <summary>The key policies AWS gives keys that have no other: written as JSON, read by the same reader as the file's.</summary>
    public static class DefaultKeyPolicies
    {
        /// <summary>
        /// The default policy of a customer managed key: the account root may do everything, which hands every
        /// decision to the identity policies ("Enable IAM User Permissions").
        /// </summary>
        public static PolicyDocument CustomerManaged(string accountId) => Read($$"""
            {
              "Version": "2012-10-17",
              "Statement": [{
                "Sid": "Enable IAM User Permissions",
                "Effect": "Allow",
                "Principal": { "AWS": "arn:aws:iam::{{accountId}}:root" },
                "Action": "kms:*",
                "Resource": "*"
              }]
            }
            """);

        /// <summary>
        /// The policy of an AWS managed key such as aws/s3: every principal of the account may use it through the
        /// service it belongs to (kms:ViaService), without any identity policy; directly only to describe it.
        /// </summary>
        public static PolicyDocument AwsManaged(string accountId, string viaService) => Read($$"""
            {
              "Version": "2012-10-17",
              "Statement": [{
                "Sid": "Allow access through the service for all principals in the account that are authorized to use it",
                "Effect": "Allow",
                "Principal": { "AWS": "*" },
                "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                "Resource": "*",
                "Condition": { "StringEquals": { "kms:ViaService": "{{viaService}}", "kms:CallerAccount": "{{accountId}}" } }
              }, {
                "Sid": "Allow direct access to key metadata to the account",
                "Effect": "Allow",
                "Principal": { "AWS": "arn:aws:iam::{{accountId}}:root" },
                "Action": ["kms:Describe*", "kms:Get*", "kms:List*"],
                "Resource": "*"
              }]
            }
            """);

        private static PolicyDocument Read(string json)
        {
            using var document = JsonDocument.Parse(json);
            return PolicyDocumentReader.Read(document.RootElement, "", isKeyPolicy: true);
        }
    }
}
