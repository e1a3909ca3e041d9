using System.Collections.Generic;
using System.Linq;

namespace TextractTools.LocalEndpoint.Policy
{
    public enum PolicyDecision
    {
        /// <summary>No statement allows the request (nor denies it): refused.</summary>
        ImplicitDeny,
        Allow,
        /// <summary>A Deny statement matches: refused whatever else allows it.</summary>
        ExplicitDeny,
    }

    /// <summary>IAM's evaluation of identity policies: an explicit Deny wins, then any Allow, else an implicit deny.</summary>
    public static class PolicyEvaluator
    {
        public static PolicyDecision Evaluate(IEnumerable<PolicyDocument> policies, AccessRequest request)
        {
            var allowed = false;
            foreach (var statement in policies.SelectMany(p => p.Statements))
            {
                if (!Applies(statement, request)) continue;
                if (statement.Effect == PolicyEffect.Deny) return PolicyDecision.ExplicitDeny;
                allowed = true;
            }
            return allowed ? PolicyDecision.Allow : PolicyDecision.ImplicitDeny;
        }

        /// <summary>Whether the statement's action, resource and conditions cover the request (principals aside).</summary>
        public static bool Applies(PolicyStatement statement, AccessRequest request)
        {
            var actionListed = (statement.Actions ?? statement.NotActions)!.Any(a => WildcardPattern.IsMatch(a, request.Action, ignoreCase: true));
            if (actionListed != (statement.Actions is not null)) return false;
            var resourceListed = (statement.Resources ?? statement.NotResources)!.Any(r => WildcardPattern.IsMatch(r, request.Resource, ignoreCase: false));
            if (resourceListed != (statement.Resources is not null)) return false;
            return statement.Conditions.All(c => ConditionOperators.Holds(c, request));
        }
    }
}
