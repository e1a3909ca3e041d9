using System.Collections.Generic;
using System.Linq;

namespace TextractTools.Engine.Access
{
    /// <summary>
    /// Generates least-privilege policies for an <see cref="AccessPlan"/>: each statement grants one step of the
    /// flow on exactly the resources of the plan (the input prefix, the output prefix, the one key, the one role),
    /// and its Sid says which step. Textract acts with the caller's permissions, so the starter's policy covers what
    /// Textract does for the job (read the document, write the output, encrypt under the key, pass the role).
    /// </summary>
    public static class AccessPolicyGenerator
    {
        // Textract's Start/Get actions have no resource-level permissions: "*" is the only resource they accept.
        private static readonly string[] AnyResource = { "*" };

        /// <summary>The starter's identity policy, the reader's, the key policy statements (for the principals
        /// given) and the notification role's policy (with a topic), in that order.</summary>
        public static IReadOnlyList<GeneratedAccessPolicy> Generate(AccessPlan plan)
        {
            var policies = new List<GeneratedAccessPolicy>
            {
                new GeneratedAccessPolicy(AccessPolicyKind.StarterIdentityPolicy, "TextractStarter", plan.StarterPrincipalArn,
                    "Identity policy of the user or role that starts and waits for Textract jobs (and runs Test-TextractAccess). " +
                    "Attach it with Write-IAMUserPolicy or Write-IAMRolePolicy -PolicyDocument $_.Json.",
                    StarterPolicy(plan)),
                new GeneratedAccessPolicy(AccessPolicyKind.ReaderIdentityPolicy, "TextractResultsReader", plan.ReaderPrincipalArn,
                    "Identity policy of the user or role that reads job output from " + plan.OutputLocation + ". " +
                    "Attach it with Write-IAMUserPolicy or Write-IAMRolePolicy -PolicyDocument $_.Json.",
                    ReaderPolicy(plan)),
            };
            var keyStatements = KeyPolicyStatements(plan);
            if (keyStatements.Count > 0)
                policies.Add(new GeneratedAccessPolicy(AccessPolicyKind.KeyPolicyStatements, "TextractKeyPolicyStatements", plan.KmsKeyArn,
                    "Statements to ADD to the key policy of " + plan.KmsKeyArn + " (Get-KMSKeyPolicy, add them to its Statement list, Write-KMSKeyPolicy). " +
                    "Never replace the key policy with these alone: that drops the statements that let administrators manage the key.",
                    new PolicyDocument(keyStatements)));
            if (plan.NotificationTopicArn != null)
                policies.Add(new GeneratedAccessPolicy(AccessPolicyKind.NotificationRolePolicy, "TextractPublishNotifications", plan.NotificationRoleArn,
                    "Permissions policy of the role Textract assumes to publish job status (its trust policy must allow textract.amazonaws.com to assume it).",
                    new PolicyDocument(new[]
                    {
                        PolicyStatement.Allow(AccessStatementIds.PublishJobNotifications, new[] { "sns:Publish" }, new[] { plan.NotificationTopicArn }),
                    })));
            return policies;
        }

        /// <summary>The generated statement with this Sid, from whichever policy holds it (with the policy's kind).</summary>
        public static (PolicyStatement Statement, AccessPolicyKind Kind)? FindStatement(AccessPlan plan, string sid)
        {
            foreach (var policy in Generate(plan))
            {
                var statement = policy.Document.Find(sid);
                if (statement != null) return (statement, policy.Kind);
            }
            return null;
        }

        public static PolicyDocument StarterPolicy(AccessPlan plan)
        {
            var statements = new List<PolicyStatement>
            {
                PolicyStatement.Allow(AccessStatementIds.StartTextractJobs,
                    new[] { "textract:StartDocumentAnalysis", "textract:StartDocumentTextDetection" }, AnyResource),
                PolicyStatement.Allow(AccessStatementIds.ReadTextractJobResults,
                    new[] { "textract:GetDocumentAnalysis", "textract:GetDocumentTextDetection" }, AnyResource),
                // Textract reads the document with the caller's permissions.
                PolicyStatement.Allow(AccessStatementIds.ReadInputDocuments, new[] { "s3:GetObject" }, new[] { plan.InputObjectsArn }),
            };
            // The statement the widely copied example gets wrong: PutObject, on the OUTPUT prefix.
            if (plan.HasOutput)
                statements.Add(PolicyStatement.Allow(AccessStatementIds.WriteTextractOutput, new[] { "s3:PutObject" }, new[] { plan.OutputObjectsArn }));
            if (plan.KmsKeyArn != null)
                statements.Add(PolicyStatement.Allow(AccessStatementIds.UseOutputKey, StarterKeyActions, new[] { plan.KmsKeyArn }));
            if (plan.NotificationRoleArn != null)
                statements.Add(PolicyStatement.Allow(AccessStatementIds.PassNotificationRole, new[] { "iam:PassRole" }, new[] { plan.NotificationRoleArn }));
            // The two the preflight needs: to compare regions, and to remove its probe (only there) after itself.
            statements.Add(PolicyStatement.Allow(AccessStatementIds.CheckBucketRegions, new[] { "s3:GetBucketLocation" },
                new[] { plan.InputBucket, plan.OutputBucket }.Where(b => !string.IsNullOrEmpty(b)).Distinct().Select(b => AwsArn.Bucket(plan.Partition, b))));
            // DeleteObjectVersion too: in a versioned bucket the probe is removed by version, not hidden behind a delete marker.
            if (plan.HasOutput)
                statements.Add(PolicyStatement.Allow(AccessStatementIds.RemovePreflightProbes, new[] { "s3:DeleteObject", "s3:DeleteObjectVersion" }, new[] { plan.ProbeObjectsArn }));
            return new PolicyDocument(statements);
        }

        public static PolicyDocument ReaderPolicy(AccessPlan plan)
        {
            var statements = new List<PolicyStatement>
            {
                PolicyStatement.Allow(AccessStatementIds.ReadTextractOutput, new[] { "s3:GetObject" }, new[] { plan.OutputObjectsArn }),
                // ListBucket is a bucket action: the s3:prefix condition keeps the listing inside the output prefix.
                PolicyStatement.Allow(AccessStatementIds.ListTextractOutput, new[] { "s3:ListBucket" },
                    new[] { AwsArn.Bucket(plan.Partition, plan.OutputBucket) },
                    conditions: new[] { new PolicyCondition("StringLike", "s3:prefix", new[] { plan.OutputKeyPrefix + "/*" }) }),
            };
            if (plan.KmsKeyArn != null)
                statements.Add(PolicyStatement.Allow(AccessStatementIds.DecryptTextractOutput, ReaderKeyActions, new[] { plan.KmsKeyArn }));
            return new PolicyDocument(statements);
        }

        /// <summary>
        /// For keys whose policy does not delegate to IAM (no "Enable IAM User Permissions" statement): without
        /// these the identity policies above are not enough. In a key policy, Resource "*" means this key.
        /// </summary>
        public static IReadOnlyList<PolicyStatement> KeyPolicyStatements(AccessPlan plan)
        {
            var statements = new List<PolicyStatement>();
            if (plan.KmsKeyArn is null) return statements;
            if (plan.StarterPrincipalArn != null)
                statements.Add(PolicyStatement.Allow(AccessStatementIds.AllowStarterToUseKey, StarterKeyActions, AnyResource,
                    PolicyPrincipal.Aws(plan.StarterPrincipalArn)));
            if (plan.ReaderPrincipalArn != null)
                statements.Add(PolicyStatement.Allow(AccessStatementIds.AllowReaderToDecrypt, ReaderKeyActions, AnyResource,
                    PolicyPrincipal.Aws(plan.ReaderPrincipalArn)));
            return statements;
        }

        /// <summary>What Textract (acting as the starter) does with the key: encrypt the output under data keys it
        /// generates, plus Decrypt/ReEncrypt for documents uploaded under the same key, and DescribeKey to check it.</summary>
        public static IReadOnlyList<string> StarterKeyActions { get; } = new[]
        {
            "kms:GenerateDataKey", "kms:Encrypt", "kms:ReEncrypt*", "kms:Decrypt", "kms:DescribeKey",
        };

        public static IReadOnlyList<string> ReaderKeyActions { get; } = new[] { "kms:Decrypt", "kms:DescribeKey" };
    }
}
