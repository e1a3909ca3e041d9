using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TextractTools.LocalEndpoint.Policy
{
    /// <summary>A caller the policy file defines: its credentials, its ARN and its identity policies.</summary>
    public sealed record PolicyPrincipal(string AccessKeyId, string SecretKey, string Arn, IReadOnlyList<PolicyDocument> Policies);

    /// <summary>
    /// The endpoint's policy file (see POLICY.md): the account, the principals by access key id, and key policies by
    /// key reference (alias name, key id or key ARN, resolved when a key is used, so keys created later are covered).
    /// </summary>
    public sealed class PolicyFile
    {
        private static readonly Regex AccountIdPattern = new("^[0-9]{12}$", RegexOptions.CultureInvariant);
        private static readonly Regex KeyReferencePattern = new("^(alias/[A-Za-z0-9/_-]+|[0-9a-fA-F-]{36}|mrk-[0-9a-f]{32}|arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/.+)$", RegexOptions.CultureInvariant);
        private static readonly Regex PrincipalArnPattern = new("^arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:.+$", RegexOptions.CultureInvariant);

        private PolicyFile(string? accountId, IReadOnlyDictionary<string, PolicyPrincipal> principals, IReadOnlyDictionary<string, PolicyDocument> keyPolicies)
        {
            AccountId = accountId;
            Principals = principals;
            KeyPolicies = keyPolicies;
        }

        /// <summary>The account of the endpoint's ARNs, when the file sets one.</summary>
        public string? AccountId { get; }

        public IReadOnlyDictionary<string, PolicyPrincipal> Principals { get; }

        public IReadOnlyDictionary<string, PolicyDocument> KeyPolicies { get; }

        /// <summary>Reads and checks the file; any problem is a <see cref="PolicyFileException"/> naming the file and the member.</summary>
        public static PolicyFile Load(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                throw new PolicyFileException($"Policy file '{path}' cannot be read: {e.Message}", e);
            }
            return Parse(text, path);
        }

        /// <param name="source">The file name (or a description) used in error messages.</param>
        public static PolicyFile Parse(string json, string source)
        {
            try
            {
                using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                return Read(document.RootElement);
            }
            catch (JsonException e)
            {
                throw new PolicyFileException($"Policy file '{source}' is not valid JSON: {e.Message}", e);
            }
            catch (FormatException e)
            {
                throw new PolicyFileException($"Policy file '{source}': {e.Message}", e);
            }
        }

        private static PolicyFile Read(JsonElement root)
        {
            PolicyDocumentReader.RequireKind(root, JsonValueKind.Object, "", "an object with AccountId, Principals and KeyPolicies");
            PolicyDocumentReader.RequireOnly(root, "The file", "AccountId", "Principals", "KeyPolicies");

            string? accountId = null;
            if (root.TryGetProperty("AccountId", out var account))
            {
                accountId = account.ValueKind == JsonValueKind.String ? account.GetString() : null;
                if (accountId is null || !AccountIdPattern.IsMatch(accountId))
                    throw PolicyDocumentReader.Error("AccountId", $"must be a string of 12 digits, not {account.GetRawText()}");
            }

            var principals = new Dictionary<string, PolicyPrincipal>(StringComparer.Ordinal);
            if (root.TryGetProperty("Principals", out var principalsJson))
            {
                PolicyDocumentReader.RequireKind(principalsJson, JsonValueKind.Object, "Principals", "an object of access key ids");
                foreach (var member in principalsJson.EnumerateObject()) principals[member.Name] = ReadPrincipal(member.Name, member.Value);
            }

            var keyPolicies = new Dictionary<string, PolicyDocument>(StringComparer.Ordinal);
            if (root.TryGetProperty("KeyPolicies", out var keysJson))
            {
                PolicyDocumentReader.RequireKind(keysJson, JsonValueKind.Object, "KeyPolicies", "an object of key references (alias/name, key id or key ARN)");
                foreach (var member in keysJson.EnumerateObject())
                {
                    if (!KeyReferencePattern.IsMatch(member.Name))
                        throw PolicyDocumentReader.Error("KeyPolicies." + member.Name, "is not a key reference (alias/name, a key id or a key ARN)");
                    keyPolicies[member.Name] = PolicyDocumentReader.Read(member.Value, $"KeyPolicies.{member.Name}", isKeyPolicy: true);
                }
            }
            return new PolicyFile(accountId, principals, keyPolicies);
        }

        private static PolicyPrincipal ReadPrincipal(string accessKeyId, JsonElement json)
        {
            var path = "Principals." + accessKeyId;
            if (accessKeyId.Length < 1 || accessKeyId.Any(char.IsWhiteSpace) || accessKeyId.Contains('/'))
                throw PolicyDocumentReader.Error(path, "is not usable as an access key id (no spaces or '/')");
            PolicyDocumentReader.RequireKind(json, JsonValueKind.Object, path, "an object with SecretKey, Arn and Policies");
            PolicyDocumentReader.RequireOnly(json, path, "SecretKey", "Arn", "Policies");
            var secret = RequiredString(json, path, "SecretKey");
            var arn = RequiredString(json, path, "Arn");
            if (!PrincipalArnPattern.IsMatch(arn))
                throw PolicyDocumentReader.Error(path + ".Arn", $"must be an IAM ARN such as arn:aws:iam::000000000000:user/name, not \"{arn}\"");
            var policies = new List<PolicyDocument>();
            if (json.TryGetProperty("Policies", out var policiesJson))
            {
                PolicyDocumentReader.RequireKind(policiesJson, JsonValueKind.Array, path + ".Policies", "a list of policy documents");
                var i = 0;
                foreach (var policy in policiesJson.EnumerateArray())
                    policies.Add(PolicyDocumentReader.Read(policy, $"{path}.Policies[{i++}]", isKeyPolicy: false));
            }
            return new PolicyPrincipal(accessKeyId, secret, arn, policies);
        }

        private static string RequiredString(JsonElement json, string path, string name)
        {
            if (!json.TryGetProperty(name, out var value)) throw PolicyDocumentReader.Error(path, $"has no {name}");
            if (value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
                throw PolicyDocumentReader.Error($"{path}.{name}", "must be a non-empty string");
            return value.GetString()!;
        }
    }
}
