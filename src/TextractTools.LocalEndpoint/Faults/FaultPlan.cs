using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace TextractTools.LocalEndpoint.Faults
{
    /// <summary>
    /// The faults of an endpoint: a rule per operation pattern ("Textract.GetDocumentAnalysis", "S3.*", "*") and the
    /// seed of the random that draws them. A call takes the rule of its most specific matching pattern: the exact
    /// name, else the pattern with the most characters before and after its '*'s. Immutable: a change is a new plan.
    /// </summary>
    public sealed class FaultPlan
    {
        /// <summary>The seed used when none is given, so that two runs of the same plan inject the same faults.</summary>
        public const int DefaultSeed = 1;

        public static FaultPlan None { get; } = new FaultPlan(new Dictionary<string, FaultRule>(), DefaultSeed);

        public FaultPlan(IReadOnlyDictionary<string, FaultRule> rules, int seed = DefaultSeed)
        {
            foreach (var (pattern, rule) in rules) rule.Validate(pattern);
            Rules = new Dictionary<string, FaultRule>(rules, StringComparer.OrdinalIgnoreCase);
            Seed = seed;
        }

        /// <summary>Rules by operation pattern ('*' matches any run of characters).</summary>
        public IReadOnlyDictionary<string, FaultRule> Rules { get; }

        public int Seed { get; }

        public bool IsEmpty => Rules.Count == 0;

        /// <summary>The rule for <paramref name="operation"/> ("S3.GetObject"), or null when no pattern matches.</summary>
        public FaultRule? RuleFor(string operation)
        {
            if (Rules.TryGetValue(operation, out var exact)) return exact;
            FaultRule? best = null;
            var bestLiteral = -1;
            foreach (var (pattern, rule) in Rules)
            {
                if (!pattern.Contains('*') || !Matches(pattern, operation)) continue;
                var literal = pattern.Count(c => c != '*');
                if (literal > bestLiteral) (best, bestLiteral) = (rule, literal);
            }
            return best;
        }

        /// <summary>This plan (and its seed) with the rules of <paramref name="other"/> added (its rule wins for the same pattern).</summary>
        public FaultPlan With(FaultPlan other)
        {
            var rules = new Dictionary<string, FaultRule>(Rules, StringComparer.OrdinalIgnoreCase);
            foreach (var (pattern, rule) in other.Rules) rules[pattern] = rule;
            return new FaultPlan(rules, Seed);
        }

        public FaultPlan WithSeed(int seed) => new(Rules, seed);

        /// <summary>
        /// Reads <c>{"seed": 7, "operations": {"Textract.GetDocumentAnalysis": {"throttle": 0.3, "5xx": 0.05}}}</c>
        /// (member names as in --fault; "seed" is optional).
        /// </summary>
        public static FaultPlan FromJson(string json)
        {
            try
            {
                using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new FaultPlanException("A fault plan is a JSON object with \"operations\" (and optionally \"seed\").");
                var seed = DefaultSeed;
                var rules = new Dictionary<string, FaultRule>(StringComparer.OrdinalIgnoreCase);
                foreach (var member in root.EnumerateObject())
                {
                    if (member.NameEquals("seed")) seed = member.Value.GetInt32();
                    else if (member.NameEquals("operations")) ReadOperations(member.Value, rules);
                    else throw new FaultPlanException($"Unknown member '{member.Name}' in the fault plan (expected \"seed\" and \"operations\").");
                }
                return new FaultPlan(rules, seed);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException)
            {
                throw new FaultPlanException("The fault plan is not valid JSON of the expected shape: " + e.Message, e);
            }
        }

        public static FaultPlan FromFile(string path)
        {
            string json;
            try { json = File.ReadAllText(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new FaultPlanException($"Cannot read the fault plan '{path}': {e.Message}", e);
            }
            try { return FromJson(json); }
            catch (FaultPlanException e) { throw new FaultPlanException($"Fault plan '{path}': {e.Message}", e); }
        }

        /// <summary>Reads one --fault value: <c>Textract.GetDocumentAnalysis:throttle=0.3,5xx=0.05,drop=0.02,delayMs=200</c>.</summary>
        public static FaultPlan FromSpec(string spec)
        {
            var colon = spec.LastIndexOf(':');
            if (colon <= 0) throw new FaultPlanException($"--fault '{spec}' must look like Operation:kind=value,... (e.g. S3.GetObject:throttle=0.3).");
            var pattern = spec.Substring(0, colon).Trim();
            var rule = new FaultRule();
            foreach (var pair in spec.Substring(colon + 1).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = pair.IndexOf('=');
                var name = equals < 0 ? pair : pair.Substring(0, equals);
                if (equals < 0 || !double.TryParse(pair.Substring(equals + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    throw new FaultPlanException($"--fault '{spec}': '{pair}' must be kind=number.");
                rule = Set(rule, name, value, pattern);
            }
            return new FaultPlan(new Dictionary<string, FaultRule> { [pattern] = rule });
        }

        /// <summary>The plan as JSON, in the shape <see cref="FromJson"/> reads.</summary>
        public string ToJson()
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteNumber("seed", Seed);
                w.WriteStartObject("operations");
                foreach (var (pattern, rule) in Rules.OrderBy(r => r.Key, StringComparer.Ordinal))
                {
                    w.WriteStartObject(pattern);
                    if (rule.Throttle > 0) w.WriteNumber("throttle", rule.Throttle);
                    if (rule.ServerError > 0) w.WriteNumber("5xx", rule.ServerError);
                    if (rule.Drop > 0) w.WriteNumber("drop", rule.Drop);
                    if (rule.DelayMs > 0) w.WriteNumber("delayMs", rule.DelayMs);
                    if (rule.Tps is { } tps) w.WriteNumber("tps", tps);
                    if (rule.Burst is { } burst) w.WriteNumber("burst", burst);
                    if (rule.Fail > 0) w.WriteNumber("fail", rule.Fail);
                    if (rule.Partial > 0) w.WriteNumber("partial", rule.Partial);
                    if (rule.LateOutputMs > 0) w.WriteNumber("lateOutputMs", rule.LateOutputMs);
                    if (rule.JobMinMs is { } min) w.WriteNumber("jobMinMs", min);
                    if (rule.JobMaxMs is { } max) w.WriteNumber("jobMaxMs", max);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static void ReadOperations(JsonElement operations, Dictionary<string, FaultRule> rules)
        {
            foreach (var operation in operations.EnumerateObject())
            {
                var rule = new FaultRule();
                foreach (var kind in operation.Value.EnumerateObject()) rule = Set(rule, kind.Name, kind.Value.GetDouble(), operation.Name);
                rules[operation.Name] = rule;
            }
        }

        private static FaultRule Set(FaultRule rule, string name, double value, string pattern)
        {
            if (!FaultRule.Setters.TryGetValue(name, out var set))
                throw new FaultPlanException($"Faults for '{pattern}': unknown kind '{name}' (known: {string.Join(", ", FaultRule.Setters.Keys)}).");
            return set(rule, value);
        }

        private static bool Matches(string pattern, string operation)
        {
            var parts = pattern.Split('*');
            if (!operation.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase)) return false;
            var at = parts[0].Length;
            for (var i = 1; i < parts.Length; i++)
            {
                var last = i == parts.Length - 1;
                if (last) return operation.Length - at >= parts[i].Length && operation.EndsWith(parts[i], StringComparison.OrdinalIgnoreCase);
                var found = operation.IndexOf(parts[i], at, StringComparison.OrdinalIgnoreCase);
                if (found < 0) return false;
                at = found + parts[i].Length;
            }
            return operation.Length == at;
        }
    }
}
