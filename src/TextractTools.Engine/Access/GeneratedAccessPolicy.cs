using System.Collections.Specialized;

namespace TextractTools.Engine.Access
{
    /// <summary>What a generated policy is, and so where it goes.</summary>
    public enum AccessPolicyKind
    {
        /// <summary>Identity policy of the user or role that starts (and waits for) jobs.</summary>
        StarterIdentityPolicy,

        /// <summary>
        /// Identity policy for Test-TextractAccess and Start-TextractAnalysis -Preflight only, beside the starter's: what
        /// the checks need that no job does (bucket regions, removing their probe objects). Optional.
        /// </summary>
        PreflightIdentityPolicy,

        /// <summary>Identity policy of the user or role that reads the output from the output bucket.</summary>
        ReaderIdentityPolicy,

        /// <summary>Statements to add to the KMS key's policy (never to replace it with).</summary>
        KeyPolicyStatements,

        /// <summary>Permissions policy of the role Textract assumes to publish job notifications.</summary>
        NotificationRolePolicy,
    }

    /// <summary>One generated policy, as a typed document, as an ordered object and as JSON.</summary>
    public sealed class GeneratedAccessPolicy
    {
        public GeneratedAccessPolicy(AccessPolicyKind kind, string name, string? attachTo, string description, PolicyDocument document)
        {
            Kind = kind;
            Name = name;
            AttachTo = attachTo;
            Description = description;
            Document = document;
        }

        /// <summary>A policy name for Write-IAMUserPolicy/Write-IAMRolePolicy -PolicyName.</summary>
        public string Name { get; }

        public AccessPolicyKind Kind { get; }

        /// <summary>The principal (or role, or key) ARN it belongs to, when known.</summary>
        public string? AttachTo { get; }

        /// <summary>Where the policy goes and how.</summary>
        public string Description { get; }

        /// <summary>The policy as nested ordered dictionaries, in the JSON's order.</summary>
        public OrderedDictionary Policy => PolicyOrderedObject.From(Document);

        /// <summary>Ready for -PolicyDocument of Write-IAMUserPolicy, Write-IAMRolePolicy, Write-KMSKeyPolicy, or the console.</summary>
        public string Json => Document.ToJson();

        public PolicyDocument Document { get; }

        public override string ToString() => Name;
    }
}
