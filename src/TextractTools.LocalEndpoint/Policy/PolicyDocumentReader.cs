using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace TextractTools.LocalEndpoint.Policy
{
    /// <summary>
    /// Reads one policy document from JSON, strictly: a misspelt member or an unsupported operator is an error that
    /// names its place (e.g. "Statement[2].Condition.StringLke"), because a policy that silently allows or denies
    /// something other than what its author meant would make every test built on it lie.
    /// </summary>
    public static class PolicyDocumentReader
    {
        public static readonly IReadOnlyCollection<string> SupportedVersions = new[] { "2012-10-17", "2008-10-17" };

        private static readonly string[] StatementMembers =
            { "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition" };

        /// <param name="path">Where the document is in the file, prefixed to error messages.</param>
        /// <param name="isKeyPolicy">Key policies must name principals; identity policies must not.</param>
        public static PolicyDocument Read(JsonElement json, string path, bool isKeyPolicy)
        {
            RequireKind(json, JsonValueKind.Object, path, "a policy document (an object with Version and Statement)");
            RequireOnly(json, path, "Version", "Id", "Statement");
            var version = "2008-10-17";
            if (json.TryGetProperty("Version", out var v))
            {
                version = v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
                if (!SupportedVersions.Contains(version))
                    throw Error(path + ".Version", $"must be \"2012-10-17\" (or \"2008-10-17\"), not {v.GetRawText()}");
            }
            if (!json.TryGetProperty("Statement", out var statementJson)) throw Error(path, "has no Statement");
            var statements = new List<PolicyStatement>();
            if (statementJson.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var s in statementJson.EnumerateArray()) statements.Add(ReadStatement(s, $"{path}.Statement[{i++}]", isKeyPolicy));
            }
            else
            {
                statements.Add(ReadStatement(statementJson, path + ".Statement", isKeyPolicy));
            }
            return new PolicyDocument(version, statements);
        }

        private static PolicyStatement ReadStatement(JsonElement json, string path, bool isKeyPolicy)
        {
            RequireKind(json, JsonValueKind.Object, path, "a statement object");
            RequireOnly(json, path, StatementMembers);

            string? sid = json.TryGetProperty("Sid", out var sidJson) ? ScalarText(sidJson, path + ".Sid") : null;
            if (!json.TryGetProperty("Effect", out var effectJson)) throw Error(path, "has no Effect");
            var effect = effectJson.ValueKind == JsonValueKind.String ? effectJson.GetString() : null;
            if (effect != "Allow" && effect != "Deny")
                throw Error(path + ".Effect", $"must be \"Allow\" or \"Deny\", not {effectJson.GetRawText()}");

            var (actions, notActions) = ReadPair(json, path, "Action", "NotAction");
            foreach (var action in (actions ?? notActions)!)
            {
                if (action != "*" && !IsServiceAction(action))
                    throw Error(path + (actions is null ? ".NotAction" : ".Action"), $"has \"{action}\", which is not \"*\" or \"service:Action\" (e.g. \"s3:GetObject\")");
            }
            var (resources, notResources) = ReadPair(json, path, "Resource", "NotResource");
            foreach (var resource in (resources ?? notResources)!)
            {
                if (resource != "*" && !resource.StartsWith("arn:", StringComparison.Ordinal))
                    throw Error(path + (resources is null ? ".NotResource" : ".Resource"), $"has \"{resource}\", which is not \"*\" or an ARN (arn:aws:...)");
            }

            var principals = json.TryGetProperty("Principal", out var p) ? ReadPrincipals(p, path + ".Principal") : null;
            var notPrincipals = json.TryGetProperty("NotPrincipal", out var np) ? ReadPrincipals(np, path + ".NotPrincipal") : null;
            if (isKeyPolicy && principals is null && notPrincipals is null) throw Error(path, "is in a key policy and needs a Principal");
            if (!isKeyPolicy && (principals is not null || notPrincipals is not null))
                throw Error(path, "is in an identity policy, which must not have a Principal (the principal is the user it is attached to)");

            var conditions = json.TryGetProperty("Condition", out var c) ? ReadConditions(c, path + ".Condition") : Array.Empty<PolicyCondition>();
            return new PolicyStatement(sid, effect == "Allow" ? PolicyEffect.Allow : PolicyEffect.Deny,
                actions, notActions, resources, notResources, principals, notPrincipals, conditions);
        }

        private static bool IsServiceAction(string action)
        {
            var colon = action.IndexOf(':');
            return colon > 0 && colon < action.Length - 1 && action.IndexOf(':', colon + 1) < 0;
        }

        /// <summary>Action/NotAction and Resource/NotResource: exactly one of the two, a string or a non-empty array of strings.</summary>
        private static (IReadOnlyList<string>?, IReadOnlyList<string>?) ReadPair(JsonElement json, string path, string name, string notName)
        {
            var has = json.TryGetProperty(name, out var value);
            var hasNot = json.TryGetProperty(notName, out var notValue);
            if (has == hasNot) throw Error(path, $"needs exactly one of {name} and {notName}");
            return has ? (Strings(value, $"{path}.{name}"), null) : (null, Strings(notValue, $"{path}.{notName}"));
        }

        private static PolicyPrincipals ReadPrincipals(JsonElement json, string path)
        {
            if (json.ValueKind == JsonValueKind.String)
            {
                if (json.GetString() != "*") throw Error(path, "must be \"*\" or an object such as {\"AWS\": \"arn:aws:iam::111122223333:root\"}");
                return new PolicyPrincipals(new[] { "*" }, Array.Empty<string>());
            }
            RequireKind(json, JsonValueKind.Object, path, "\"*\" or an object such as {\"AWS\": \"arn:aws:iam::111122223333:root\"}");
            RequireOnly(json, path, "AWS", "Service", "Federated", "CanonicalUser");
            var aws = json.TryGetProperty("AWS", out var a) ? Strings(a, path + ".AWS") : Array.Empty<string>();
            var others = json.EnumerateObject().Where(m => m.Name != "AWS").SelectMany(m => Strings(m.Value, $"{path}.{m.Name}")).ToList();
            return new PolicyPrincipals(aws, others);
        }

        private static IReadOnlyList<PolicyCondition> ReadConditions(JsonElement json, string path)
        {
            RequireKind(json, JsonValueKind.Object, path, "an object of operators, e.g. {\"StringLike\": {\"s3:prefix\": \"out/*\"}}");
            var conditions = new List<PolicyCondition>();
            foreach (var op in json.EnumerateObject())
            {
                var opPath = $"{path}.{op.Name}";
                if (!ConditionOperators.IsSupported(op.Name))
                    throw Error(opPath, $"is not a supported condition operator (supported: {string.Join(", ", ConditionOperators.Names)}, each also with IfExists)");
                RequireKind(op.Value, JsonValueKind.Object, opPath, "an object of condition keys and values");
                foreach (var key in op.Value.EnumerateObject())
                {
                    conditions.Add(new PolicyCondition(op.Name, key.Name, Strings(key.Value, $"{opPath}.{key.Name}", allowScalars: true)));
                }
            }
            return conditions;
        }

        private static IReadOnlyList<string> Strings(JsonElement json, string path, bool allowScalars = false)
        {
            if (json.ValueKind == JsonValueKind.Array)
            {
                var list = json.EnumerateArray().Select((e, i) => Scalar(e, $"{path}[{i}]", allowScalars)).ToList();
                if (list.Count == 0) throw Error(path, "is an empty list");
                return list;
            }
            return new[] { Scalar(json, path, allowScalars) };
        }

        private static string Scalar(JsonElement json, string path, bool allowScalars) => json.ValueKind switch
        {
            JsonValueKind.String => json.GetString()!,
            // Condition values such as {"Bool": {"aws:SecureTransport": true}} may be written unquoted.
            JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number when allowScalars => json.GetRawText(),
            _ => throw Error(path, $"must be a string or a list of strings, not {json.GetRawText()}"),
        };

        private static string ScalarText(JsonElement json, string path) =>
            json.ValueKind == JsonValueKind.String ? json.GetString()! : throw Error(path, "must be a string");

        internal static void RequireKind(JsonElement json, JsonValueKind kind, string path, string what)
        {
            if (json.ValueKind != kind) throw Error(path, $"must be {what}, not {json.ValueKind.ToString().ToLowerInvariant()}");
        }

        internal static void RequireOnly(JsonElement json, string path, params string[] allowed)
        {
            foreach (var member in json.EnumerateObject())
            {
                if (!allowed.Contains(member.Name, StringComparer.Ordinal))
                    throw Error($"{path}.{member.Name}", $"is not a known member (expected one of: {string.Join(", ", allowed)})");
            }
        }

        /// <summary>An error about one member; the file name is added by <see cref="PolicyFile"/>.</summary>
        internal static FormatException Error(string path, string problem) =>
            new((path.Length == 0 ? "The document" : path) + " " + problem + ".");
    }
}
