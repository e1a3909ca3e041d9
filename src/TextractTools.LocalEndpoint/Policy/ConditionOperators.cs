using System;
using System.Collections.Generic;
using System.Linq;

namespace TextractTools.LocalEndpoint.Policy
{
    /// <summary>
    /// The Condition operators the endpoint evaluates, with IAM's rules for single-valued keys: a positive operator
    /// needs the key present and equal to (or like) any of the values; a negated one is true when the key matches
    /// none of them, also when the key is absent; "...IfExists" is true when the key is absent; Null tests presence.
    /// </summary>
    public static class ConditionOperators
    {
        private const string IfExists = "IfExists";

        private static readonly Dictionary<string, Func<string, string, bool>> Positive = new(StringComparer.Ordinal)
        {
            ["StringEquals"] = (pattern, value) => string.Equals(pattern, value, StringComparison.Ordinal),
            ["StringEqualsIgnoreCase"] = (pattern, value) => string.Equals(pattern, value, StringComparison.OrdinalIgnoreCase),
            ["StringLike"] = (pattern, value) => WildcardPattern.IsMatch(pattern, value, ignoreCase: false),
            // ArnEquals and ArnLike behave the same in IAM: both accept wildcards.
            ["ArnEquals"] = (pattern, value) => WildcardPattern.IsMatch(pattern, value, ignoreCase: false),
            ["ArnLike"] = (pattern, value) => WildcardPattern.IsMatch(pattern, value, ignoreCase: false),
            ["Bool"] = (pattern, value) => string.Equals(pattern, value, StringComparison.OrdinalIgnoreCase),
        };

        private static readonly Dictionary<string, string> Negated = new(StringComparer.Ordinal)
        {
            ["StringNotEquals"] = "StringEquals",
            ["StringNotEqualsIgnoreCase"] = "StringEqualsIgnoreCase",
            ["StringNotLike"] = "StringLike",
            ["ArnNotEquals"] = "ArnEquals",
            ["ArnNotLike"] = "ArnLike",
        };

        public static IEnumerable<string> Names => Positive.Keys.Concat(Negated.Keys).Append("Null");

        public static bool IsSupported(string op)
        {
            var name = op.EndsWith(IfExists, StringComparison.Ordinal) && op != "Null" + IfExists ? op.Substring(0, op.Length - IfExists.Length) : op;
            return name == "Null" || Positive.ContainsKey(name) || Negated.ContainsKey(name);
        }

        public static bool Holds(PolicyCondition condition, AccessRequest request)
        {
            var op = condition.Operator;
            var present = request.TryGetKey(condition.Key, out var value);
            if (op == "Null")
            {
                // {"Null": {"s3:prefix": "true"}} holds when the key is absent.
                return condition.Values.Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase) != present);
            }
            var ifExists = op.EndsWith(IfExists, StringComparison.Ordinal);
            if (ifExists) op = op.Substring(0, op.Length - IfExists.Length);
            if (!present && ifExists) return true;
            if (Negated.TryGetValue(op, out var positive))
            {
                return !present || !condition.Values.Any(pattern => Positive[positive](pattern, value));
            }
            return present && condition.Values.Any(pattern => Positive[op](pattern, value));
        }
    }
}
