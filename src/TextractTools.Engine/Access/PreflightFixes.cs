using System;
using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Session;

namespace TextractTools.Engine.Access
{
    /// <summary>
    /// Turns a failed call into a check result whose Fix is the generated statement that grants what was denied:
    /// the statement of the right policy (starter or reader) whose actions include the action the denial names, or,
    /// when the denial names none (S3 HEAD answers have no body), the statement that grants the call tried.
    /// </summary>
    internal sealed class PreflightFixes
    {
        private readonly AccessPlan _plan;

        public PreflightFixes(AccessPlan plan) => _plan = plan;

        /// <summary>The code of the first failure caused by the credentials themselves (no statement can help), or null.</summary>
        public string? CredentialsRefused { get; private set; }

        public AccessCheckResult Failure(string check, string target, Exception error, string fallbackSid, AccessPolicyKind policy, string? hint = null)
        {
            var failure = AwsFailures.Classify(error);
            if (failure.Kind == AwsFailureKind.Credentials)
            {
                CredentialsRefused ??= failure.Code;
                return new AccessCheckResult(check, AccessCheckStatus.Failed, target,
                    "AWS refused the credentials, not a permission: " + AccessDenial.Describe(error) + " " + AwsFailures.CredentialsAdvice(failure.Code) +
                    " No policy statement can fix this.", credentialsRefused: true);
            }
            if (!AccessDenial.IsDenied(error))
                return new AccessCheckResult(check, AccessCheckStatus.Failed, target, AccessDenial.Describe(error) + (hint is null ? "" : " " + hint));

            var document = AccessPolicyGenerator.PolicyOf(_plan, policy);
            var action = AccessDenial.ActionOf(error);
            // The statement that grants the refused action on the refused resource (s3:PutObject is granted on the
            // upload prefix and on the output prefix: the resource tells them apart), else the one the check stands for.
            var resource = AccessDenial.ResourceOf(error);
            var granting = action is null ? new List<PolicyStatement>() : document.Statement.Where(s => AccessDenial.Matches(action, s.Action)).ToList();
            var fix = granting.FirstOrDefault(s => resource != null && AccessDenial.Matches(resource, s.Resource, caseSensitive: true))
                      ?? granting.FirstOrDefault(s => s.Sid == fallbackSid)
                      ?? granting.FirstOrDefault()
                      ?? document.Find(fallbackSid);
            var detail = AccessDenial.Describe(error);
            var keyPolicyFix = fix != null && IsKeyStatement(fix) && AccessDenial.BlamesResourcePolicy(error) ? KeyPolicyFix(policy, AccessDenial.CallerOf(error)) : null;
            if (keyPolicyFix != null)
            {
                // The identity policy may well allow it: the key policy neither names the caller nor lets IAM decide.
                detail += $" Add the statement {keyPolicyFix.Sid} (Fix) to the key policy of {_plan.KmsKeyArn}.";
                return new AccessCheckResult(check, AccessCheckStatus.Failed, target, detail, keyPolicyFix, AccessPolicyKind.KeyPolicyStatements);
            }
            if (fix != null)
            {
                detail += $" Add the statement {fix.Sid} (Fix) to the {Describe(policy)}.";
                if (IsKeyStatement(fix))
                {
                    var keyStatement = policy == AccessPolicyKind.ReaderIdentityPolicy ? AccessStatementIds.AllowReaderToDecrypt : AccessStatementIds.AllowStarterToUseKey;
                    detail += $" If the key policy does not let IAM policies grant access to the key, add {keyStatement} (New-TextractAccessPolicy, KeyPolicyStatements) to it as well.";
                    if (!AwsArn.IsKmsKeyArn(_plan.KmsKeyArn))
                        detail += $" The key could not be resolved to its ARN: replace '{_plan.KmsKeyArn}' in Resource with the key ARN.";
                }
            }
            else
            {
                detail += " Check explicit Deny statements, bucket policies, the key policy and service control policies.";
            }
            return new AccessCheckResult(check, AccessCheckStatus.Failed, target, detail, fix, fix is null ? (AccessPolicyKind?)null : policy);
        }

        private static bool IsKeyStatement(PolicyStatement statement) => statement.Action.Any(a => a.StartsWith("kms:", StringComparison.Ordinal));

        private PolicyStatement? KeyPolicyFix(AccessPolicyKind policy, string? callerArn)
        {
            if (callerArn is null || _plan.KmsKeyArn is null) return null;
            var forCaller = new AccessPlan { KmsKeyArn = _plan.KmsKeyArn };
            if (policy == AccessPolicyKind.ReaderIdentityPolicy) forCaller.ReaderPrincipalArn = callerArn;
            else forCaller.StarterPrincipalArn = callerArn;
            return AccessPolicyGenerator.KeyPolicyStatements(forCaller).FirstOrDefault();
        }

        private static string Describe(AccessPolicyKind kind) => kind switch
        {
            AccessPolicyKind.ReaderIdentityPolicy => "results reader's identity policy",
            AccessPolicyKind.PreflightIdentityPolicy => "preflight's identity policy (TextractPreflight, beside the job starter's)",
            AccessPolicyKind.StarterIdentityPolicy => "job starter's identity policy",
            _ => kind.ToString(),
        };
    }
}
