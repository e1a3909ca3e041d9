using System;
using System.Text.RegularExpressions;

namespace TextractTools.Engine.Validation
{
    /// <summary>
    /// Checks the shape of a KMS key reference before any call: a key id (a UUID, or mrk- and 32 hex digits for a
    /// multi-Region key), an alias name (alias/name), or the ARN of a key or alias of KMS, in the job's region, of a
    /// 12-digit account. Whether the key exists and may be used is only KMS's to say.
    /// </summary>
    public static class KmsKeyReference
    {
        private static readonly Regex KeyId = new Regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant);
        private static readonly Regex MultiRegionKeyId = new Regex("^mrk-[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant);

        // KMS alias names: alias/ and 1 to 250 of letters, digits, / _ and - (CreateAlias's AliasName, 1-256 in all).
        private static readonly Regex AliasNameRest = new Regex("^[a-zA-Z0-9/_-]{1,250}$", RegexOptions.CultureInvariant);
        private static readonly Regex Partition = new Regex("^aws(-[a-z]+)*$", RegexOptions.CultureInvariant);
        private static readonly Regex RegionName = new Regex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant);
        private static readonly Regex Account = new Regex("^[0-9]{12}$", RegexOptions.CultureInvariant);

        private const string Forms = "a key id (1234abcd-12ab-34cd-56ef-1234567890ab, or mrk-... for a multi-Region key), an alias (alias/name), " +
                                     "a key ARN (arn:aws:kms:region:123456789012:key/id) or an alias ARN (arn:aws:kms:region:123456789012:alias/name)";

        /// <summary>True for a key id, key ARN, alias name or alias ARN of the right shape.</summary>
        public static bool IsWellFormed(string? value) => Problem(value, null) is null;

        /// <summary>
        /// Throws <see cref="ParameterValueException"/> naming <paramref name="parameterName"/> when <paramref name="value"/>
        /// is not a usable key reference: empty, another shape, or an ARN of another service, region or a malformed account.
        /// <paramref name="region"/> is the job's region (null when it is not known yet: the ARN's region is then not compared).
        /// </summary>
        public static void Validate(string? value, string parameterName, string? region)
        {
            if (value is null || value.Trim().Length == 0)
                throw new ParameterValueException("Empty" + parameterName, ParameterProblem.InvalidValue, parameterName,
                    $"-{parameterName} is empty (an unset variable?): give {Forms}, or leave -{parameterName} out.");
            var problem = Problem(value, region);
            if (problem != null) throw ParameterValueException.Invalid(parameterName, $"-{parameterName} '{value}' {problem}");
        }

        /// <summary>The key ARN's or alias ARN's region, or null for references without one.</summary>
        public static string? RegionOf(string? value)
        {
            var parts = value is null || !value.StartsWith("arn:", StringComparison.Ordinal) ? null : value.Split(new[] { ':' }, 6);
            return parts is { Length: 6 } && parts[2] == "kms" && parts[3].Length > 0 ? parts[3] : null;
        }

        private static string? Problem(string? value, string? region)
        {
            if (value is null || value.Trim().Length == 0) return "is empty.";
            if (value != value.Trim()) return "has white space around it: give the key reference alone.";
            if (value.Length > 2048) return "is longer than the 2,048 characters of a KMS key reference.";
            if (value.StartsWith("arn:", StringComparison.Ordinal)) return ArnProblem(value, region);
            if (value.StartsWith("alias/", StringComparison.Ordinal))
            {
                var name = value.Substring("alias/".Length);
                if (name.Length == 0) return "names no alias: add the alias name after alias/ (for example alias/textract).";
                return AliasNameRest.IsMatch(name) ? null : "is not an alias name: after alias/ come 1 to 250 letters, digits, /, _ and - only.";
            }
            if (KeyId.IsMatch(value) || MultiRegionKeyId.IsMatch(value)) return null;
            if (value.StartsWith("mrk-", StringComparison.Ordinal)) return "is not a multi-Region key id: mrk- is followed by 32 hexadecimal digits.";
            if (value.StartsWith("key/", StringComparison.Ordinal))
                return $"is not a key id but the end of a key ARN: give the key id alone ({value.Substring(4)}) or the whole ARN (arn:aws:kms:region:account:{value}).";
            if (AliasNameRest.IsMatch(value) && !LooksLikeKeyId(value))
                return $"is neither a key id nor an alias: did you mean alias/{value}? (KMS aliases are written with the alias/ prefix.)";
            return "is not " + Forms + ".";
        }

        private static string? ArnProblem(string value, string? region)
        {
            var parts = value.Split(new[] { ':' }, 6);
            if (parts.Length < 6) return "is not a complete ARN: a KMS ARN is arn:partition:kms:region:account:key/id or ...:alias/name.";
            string partition = parts[1], service = parts[2], arnRegion = parts[3], account = parts[4], resource = parts[5];
            if (!Partition.IsMatch(partition)) return $"has the partition '{partition}'; KMS ARNs begin arn:aws: (or arn:aws-cn:, arn:aws-us-gov:).";
            if (service != "kms") return $"is an ARN of {(service.Length == 0 ? "no service" : service)}, not of a KMS key: give the key's ARN (arn:{partition}:kms:...).";
            if (!RegionName.IsMatch(arnRegion)) return $"has '{arnRegion}' where the key's region belongs (for example us-east-1).";
            if (!Account.IsMatch(account)) return $"has '{account}' where the 12-digit account id belongs.";
            if (resource.StartsWith("key/", StringComparison.Ordinal))
            {
                var id = resource.Substring("key/".Length);
                if (!KeyId.IsMatch(id) && !MultiRegionKeyId.IsMatch(id)) return $"names the key '{id}', which is not a key id (a UUID, or mrk- and 32 hexadecimal digits).";
            }
            else if (resource.StartsWith("alias/", StringComparison.Ordinal))
            {
                if (!AliasNameRest.IsMatch(resource.Substring("alias/".Length))) return "names no valid alias after alias/.";
            }
            else
            {
                return $"ends in '{resource}': a KMS ARN ends in key/<key id> or alias/<name>.";
            }
            if (region != null && !string.Equals(arnRegion, region, StringComparison.Ordinal))
                return $"is a key in {arnRegion}, but the job runs in {region}: Textract and S3 use keys of their own region only. " +
                       $"Use a key in {region} (a replica of a multi-Region key has an ARN there), or run in {arnRegion} with -Region {arnRegion}.";
            return null;
        }

        // Something with the look of a UUID gone wrong (hex digits and dashes only) is a mistyped key id, not an alias.
        private static bool LooksLikeKeyId(string value)
        {
            if (value.IndexOf('-') < 0) return false;
            foreach (var c in value)
                if (!(c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
            return true;
        }
    }
}
