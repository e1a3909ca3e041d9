using System.Collections.Generic;

namespace TextractTools.LocalEndpoint.Policy
{
    public enum PolicyEffect
    {
        Allow,
        Deny,
    }

    /// <summary>An IAM policy document (identity policy or KMS key policy): its statements in the order written.</summary>
    public sealed record PolicyDocument(string Version, IReadOnlyList<PolicyStatement> Statements);

    /// <summary>
    /// One statement. Exactly one of <see cref="Actions"/>/<see cref="NotActions"/> and one of
    /// <see cref="Resources"/>/<see cref="NotResources"/> is set (the parser makes sure). Principals are set only in
    /// key policies, where they say whom the statement is about.
    /// </summary>
    public sealed record PolicyStatement(
        string? Sid,
        PolicyEffect Effect,
        IReadOnlyList<string>? Actions,
        IReadOnlyList<string>? NotActions,
        IReadOnlyList<string>? Resources,
        IReadOnlyList<string>? NotResources,
        PolicyPrincipals? Principals,
        PolicyPrincipals? NotPrincipals,
        IReadOnlyList<PolicyCondition> Conditions);

    /// <summary>
    /// The AWS principals a key policy statement names ("*", account ids, account root ARNs, user and role ARNs).
    /// Service principals are kept apart: they never match a caller of the endpoint.
    /// </summary>
    public sealed record PolicyPrincipals(IReadOnlyList<string> Aws, IReadOnlyList<string> Others);

    /// <summary>One test of a Condition block: operator (e.g. "StringLike"), condition key and its allowed values.</summary>
    public sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values);
}
