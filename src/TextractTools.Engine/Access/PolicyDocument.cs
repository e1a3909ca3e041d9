using System;
using System.Collections.Generic;
using System.Linq;

namespace TextractTools.Engine.Access
{
    /// <summary>An IAM policy document (identity policy or key policy): a version and its statements, in order.</summary>
    public sealed class PolicyDocument
    {
        /// <summary>The only policy language version that supports policy variables and conditions as used here.</summary>
        public const string CurrentVersion = "2012-10-17";

        public PolicyDocument(IEnumerable<PolicyStatement> statements)
        {
            Statement = statements.ToList();
        }

        public string Version => CurrentVersion;

        public IReadOnlyList<PolicyStatement> Statement { get; }

        /// <summary>The statement with this Sid, or null.</summary>
        public PolicyStatement? Find(string sid) => Statement.FirstOrDefault(s => s.Sid == sid);

        /// <summary>The same document without the statement <paramref name="sid"/> (what-if tests, "remove one").</summary>
        public PolicyDocument Without(string sid) => new PolicyDocument(Statement.Where(s => s.Sid != sid));

        public string ToJson(bool indented = true) => PolicyJsonWriter.Write(this, indented);

        public override string ToString() => ToJson(indented: false);
    }

    /// <summary>One Allow or Deny statement. Lists keep the order they were built in, so the JSON is stable.</summary>
    public sealed class PolicyStatement
    {
        public PolicyStatement(string sid, string effect, IEnumerable<string> actions, IEnumerable<string> resources,
            PolicyPrincipal? principal = null, IEnumerable<PolicyCondition>? conditions = null)
        {
            if (string.IsNullOrEmpty(sid)) throw new ArgumentException("A statement needs a Sid.", nameof(sid));
            Sid = sid;
            Effect = effect;
            Action = actions.ToList();
            Resource = resources.ToList();
            Principal = principal;
            Condition = (conditions ?? Enumerable.Empty<PolicyCondition>()).ToList();
        }

        public string Sid { get; }

        /// <summary>Allow or Deny.</summary>
        public string Effect { get; }

        /// <summary>Only in key policies (resource policies); identity policies have none.</summary>
        public PolicyPrincipal? Principal { get; }

        public IReadOnlyList<string> Action { get; }
        public IReadOnlyList<string> Resource { get; }

        /// <summary>Empty when the statement is unconditional.</summary>
        public IReadOnlyList<PolicyCondition> Condition { get; }

        public static PolicyStatement Allow(string sid, IEnumerable<string> actions, IEnumerable<string> resources,
            PolicyPrincipal? principal = null, IEnumerable<PolicyCondition>? conditions = null)
            => new PolicyStatement(sid, "Allow", actions, resources, principal, conditions);

        public string ToJson(bool indented = true) => PolicyJsonWriter.Write(this, indented);

        public override string ToString() => ToJson(indented: false);
    }

    /// <summary>"Principal": {"AWS": [arn, ...]}.</summary>
    public sealed class PolicyPrincipal
    {
        public PolicyPrincipal(string type, IEnumerable<string> identifiers)
        {
            Type = type;
            Identifiers = identifiers.ToList();
        }

        /// <summary>AWS (IAM users, roles, accounts) or Service.</summary>
        public string Type { get; }

        public IReadOnlyList<string> Identifiers { get; }

        public static PolicyPrincipal Aws(string arn) => new PolicyPrincipal("AWS", new[] { arn });
    }

    /// <summary>One condition test, e.g. StringLike s3:prefix ["textract/*"].</summary>
    public sealed class PolicyCondition
    {
        public PolicyCondition(string @operator, string key, IEnumerable<string> values)
        {
            Operator = @operator;
            Key = key;
            Values = values.ToList();
        }

        public string Operator { get; }
        public string Key { get; }
        public IReadOnlyList<string> Values { get; }
    }
}
