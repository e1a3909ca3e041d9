using System;
using System.Collections.Generic;
using System.Linq;

namespace TextractTools.LocalEndpoint.Policy
{
    /// <summary>
    /// KMS's evaluation, where the key policy is the root of all access: an explicit Deny in the key policy or in an
    /// identity policy refuses; a key policy Allow naming the caller (or "*") allows on its own; a key policy Allow
    /// naming the caller's account (its id or :root ARN) hands the decision to the identity policies, which must then
    /// allow. Nothing else allows: an identity policy alone never opens a key whose policy does not name the account.
    /// </summary>
    public static class KeyPolicyEvaluator
    {
        private enum PrincipalMatch { None, Caller, Account }

        public static PolicyDecision Evaluate(PolicyDocument keyPolicy, IEnumerable<PolicyDocument> identityPolicies, AccessRequest request)
        {
            var allowsCaller = false;
            var delegatesToAccount = false;
            foreach (var statement in keyPolicy.Statements)
            {
                var match = MatchPrincipal(statement, request);
                if (match == PrincipalMatch.None || !PolicyEvaluator.Applies(statement, request)) continue;
                // A Deny naming the account applies to every principal of the account.
                if (statement.Effect == PolicyEffect.Deny) return PolicyDecision.ExplicitDeny;
                if (match == PrincipalMatch.Caller) allowsCaller = true;
                else delegatesToAccount = true;
            }
            var identity = PolicyEvaluator.Evaluate(identityPolicies, request);
            if (identity == PolicyDecision.ExplicitDeny) return PolicyDecision.ExplicitDeny;
            return allowsCaller || (delegatesToAccount && identity == PolicyDecision.Allow) ? PolicyDecision.Allow : PolicyDecision.ImplicitDeny;
        }

        private static PrincipalMatch MatchPrincipal(PolicyStatement statement, AccessRequest request)
        {
            if (statement.Principals is { } principals) return Match(principals, request);
            // NotPrincipal: the statement is about everyone the list does not name.
            return statement.NotPrincipals is { } excluded && Match(excluded, request) == PrincipalMatch.None
                ? PrincipalMatch.Caller
                : PrincipalMatch.None;
        }

        private static PrincipalMatch Match(PolicyPrincipals principals, AccessRequest request)
        {
            var result = PrincipalMatch.None;
            foreach (var principal in principals.Aws)
            {
                if (principal == "*" || string.Equals(principal, request.PrincipalArn, StringComparison.Ordinal)) return PrincipalMatch.Caller;
                if (principal == request.AccountId || principal == RootArn(request.AccountId)) result = PrincipalMatch.Account;
            }
            return result;
        }

        public static string RootArn(string accountId) => $"arn:aws:iam::{accountId}:root";
    }
}
