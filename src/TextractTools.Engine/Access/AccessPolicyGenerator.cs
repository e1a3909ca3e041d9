using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Api;

namespace TextractTools.Engine.Access
{
    /// <summary>
    /// Generates least-privilege policies for an <see cref="AccessPlan"/>: each statement grants one step of the
    /// flow on exactly the resources of the plan (the input prefix, the upload prefix, the output prefix, the one key,
    /// the one role), and its Sid says which step. Textract acts with the caller's permissions, so the starter's policy
    /// covers what Textract does for the job (read the document, write the output, encrypt under the key, pass the
    /// role) besides the module's own calls (uploads). What only the preflight needs is a policy of its own.
    /// Why each action is granted, with the documentation it rests on: docs/en-US/about_TextractTools_Security.help.md.
    /// </summary>
    public static class AccessPolicyGenerator
    {
        // Textract's Start/Get actions have no resource-level permissions: "*" is the only resource they accept.
        private static readonly string[] AnyResource = { "*" };

        /// <summary>The starter's identity policy, the preflight's, the reader's, the key policy statements (for the
        /// principals given) and the notification role's policy (with a topic), in that order.</summary>
        public static IReadOnlyList<GeneratedAccessPolicy> Generate(AccessPlan plan)
        {
            var kinds = string.Join(", ", plan.Kinds.Select(k => TextractJobKindInfo.Of(k).Description));
            var policies = new List<GeneratedAccessPolicy>
            {
                new GeneratedAccessPolicy(AccessPolicyKind.StarterIdentityPolicy, "TextractStarter", plan.StarterPrincipalArn,
                    "Identity policy of the user or role that " + (plan.HasUpload ? "uploads local documents, " : "") + "starts and waits for Textract jobs (" + kinds + "). " +
                    "Attach it with Write-IAMUserPolicy or Write-IAMRolePolicy -PolicyDocument $_.Json.",
                    StarterPolicy(plan)),
                new GeneratedAccessPolicy(AccessPolicyKind.PreflightIdentityPolicy, "TextractPreflight", plan.StarterPrincipalArn,
                    "Optional: for Test-TextractAccess and Start-TextractAnalysis -Preflight only, attached beside TextractStarter. " +
                    "No job needs it: it lets the checks compare bucket regions and remove their own probe objects.",
                    PreflightPolicy(plan)),
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

        /// <summary>The policy that holds generated statements of this kind.</summary>
        public static PolicyDocument PolicyOf(AccessPlan plan, AccessPolicyKind kind)
        {
            switch (kind)
            {
                case AccessPolicyKind.StarterIdentityPolicy: return StarterPolicy(plan);
                case AccessPolicyKind.PreflightIdentityPolicy: return PreflightPolicy(plan);
                case AccessPolicyKind.ReaderIdentityPolicy: return ReaderPolicy(plan);
                case AccessPolicyKind.KeyPolicyStatements: return new PolicyDocument(KeyPolicyStatements(plan));
                default: return Generate(plan).FirstOrDefault(p => p.Kind == kind)?.Document ?? new PolicyDocument(Enumerable.Empty<PolicyStatement>());
            }
        }

        /// <summary>What running the plan's jobs needs, and nothing else.</summary>
        public static PolicyDocument StarterPolicy(AccessPlan plan)
        {
            var kinds = plan.Kinds.Select(TextractJobKindInfo.Of).ToList();
            var statements = new List<PolicyStatement>
            {
                PolicyStatement.Allow(AccessStatementIds.StartTextractJobs, kinds.Select(k => k.StartAction), AnyResource),
                PolicyStatement.Allow(AccessStatementIds.ReadTextractJobResults, kinds.SelectMany(k => k.ResultActions), AnyResource),
                // Textract reads the document with the caller's permissions; the uploader's HEAD (HeadObject is
                // authorized as s3:GetObject) looks for an earlier upload in the upload prefix.
                PolicyStatement.Allow(AccessStatementIds.ReadInputDocuments, new[] { "s3:GetObject" }, plan.DocumentObjectsArns),
            };
            // PutObject covers single and multipart uploads (CreateMultipartUpload, UploadPart, CompleteMultipartUpload are
            // authorized as s3:PutObject); a failed multipart upload is aborted so no parts are left to pay for.
            if (plan.HasUpload)
                statements.Add(PolicyStatement.Allow(AccessStatementIds.UploadInputDocuments, new[] { "s3:PutObject", "s3:AbortMultipartUpload" }, new[] { plan.UploadObjectsArn }));
            // The statement the widely copied example gets wrong: PutObject, on the OUTPUT prefix.
            if (plan.HasOutput)
                statements.Add(PolicyStatement.Allow(AccessStatementIds.WriteTextractOutput, new[] { "s3:PutObject" }, new[] { plan.OutputObjectsArn }));
            if (plan.KmsKeyArn != null)
                statements.Add(PolicyStatement.Allow(AccessStatementIds.UseOutputKey, StarterKeyActions, new[] { plan.KmsKeyArn }));
            if (plan.NotificationRoleArn != null)
                statements.Add(PolicyStatement.Allow(AccessStatementIds.PassNotificationRole, new[] { "iam:PassRole" }, new[] { plan.NotificationRoleArn }));
            return new PolicyDocument(statements);
        }

        /// <summary>What Test-TextractAccess needs besides the starter's policy: no job uses these.</summary>
        public static PolicyDocument PreflightPolicy(AccessPlan plan)
        {
            var statements = new List<PolicyStatement>
            {
                // To compare the buckets' regions with Textract's.
                PolicyStatement.Allow(AccessStatementIds.CheckBucketRegions, new[] { "s3:GetBucketLocation" },
                    plan.Buckets.Select(b => AwsArn.Bucket(plan.Partition, b))),
            };
            // To remove its probe objects (only those) after itself; DeleteObjectVersion too: in a versioned bucket the
            // probe is removed by version, not hidden behind a delete marker.
            var probes = new List<string>();
            if (plan.HasOutput) probes.Add(plan.ProbeObjectsArn);
            if (plan.HasUpload) probes.Add(plan.UploadProbeObjectsArn);
            if (probes.Count > 0)
                statements.Add(PolicyStatement.Allow(AccessStatementIds.RemovePreflightProbes, new[] { "s3:DeleteObject", "s3:DeleteObjectVersion" }, probes));
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

        /// <summary>
        /// What the starter's calls, and Textract's on its behalf, do with the key: GenerateDataKey for every SSE-KMS
        /// write (S3 asks it for each output object and each upload); Decrypt for reading documents uploaded under the
        /// key (Textract reads them through S3) and for multipart uploads; DescribeKey, which the key check of the
        /// preflight calls and Textract is said to call to validate KMSKeyId (unverified; harmless: metadata only).
        /// Not Encrypt or ReEncrypt*: no step encrypts data with the key directly or moves ciphertext between keys.
        /// </summary>
        public static IReadOnlyList<string> StarterKeyActions { get; } = new[] { "kms:GenerateDataKey", "kms:Decrypt", "kms:DescribeKey" };

        /// <summary>Decrypt for every read of SSE-KMS output; DescribeKey resolves -ExpectedKmsKeyId/-KmsKeyId aliases to the key ARN.</summary>
        public static IReadOnlyList<string> ReaderKeyActions { get; } = new[] { "kms:Decrypt", "kms:DescribeKey" };
    }
}
