using System;
using System.Collections;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using TextractTools.Engine.Session;

namespace TextractTools.Commands.Completers
{
    /// <summary>
    /// Where and as whom a completer asks for names: the command's own -EndpointUrl, -Region, -ProfileName (and
    /// keys) as typed so far, else $PSDefaultParameterValues for the command, else the shell's AWS defaults and the
    /// SDK's chain, exactly as the command itself would resolve them. Also the cache key for that combination.
    /// </summary>
    internal sealed class CompletionConnection
    {
        private CompletionConnection(AwsConnectionSettings settings, string cacheKey)
        {
            Settings = settings;
            CacheKey = cacheKey;
        }

        public AwsConnectionSettings Settings { get; }

        /// <summary>Endpoint, region and identity (the secret only as a short hash); never a secret itself.</summary>
        public string CacheKey { get; }

        /// <summary>Must run on the pipeline thread (reads shell variables), as completers do.</summary>
        public static CompletionConnection From(string commandName, IDictionary? fakeBoundParameters)
        {
            var state = CurrentSessionState();
            var defaults = Unwrap(state?.PSVariable.GetValue("PSDefaultParameterValues")) as IDictionary;
            string? Value(string name)
            {
                var aliases = AwsConnectionParameters.AliasesOf(name);
                return BoundString(fakeBoundParameters, name, aliases) ?? DefaultString(defaults, commandName, name, aliases);
            }

            var settings = AwsConnectionParameters.ToSettings(Value,
                Bound(fakeBoundParameters, AwsConnectionParameters.Credential) as PSCredential);
            if (state != null) AwsToolsShellDefaults.Apply(state, settings);
            return new CompletionConnection(settings, KeyOf(settings));
        }

        /// <summary>
        /// The session state of the prompt. A completer runs on the pipeline thread while TabExpansion2 runs, where
        /// Runspace.SessionStateProxy refuses ("a pipeline is already running"); a script block invoked here runs in
        /// that same pipeline and can hand it over.
        /// </summary>
        private static SessionState? CurrentSessionState()
        {
            try
            {
                var result = ScriptBlock.Create("$ExecutionContext.SessionState").Invoke();
                return result.Count > 0 ? Unwrap(result[0]) as SessionState : null;
            }
            catch (Exception)
            {
                return null;
            }
        }

        private static object? Unwrap(object? value) => value is PSObject pso ? pso.BaseObject : value;

        private static string KeyOf(AwsConnectionSettings s)
        {
            // The environment feeds the SDK's default chain, so it is part of "which identity".
            return string.Join("|",
                s.EndpointUrl, s.Region ?? s.DefaultRegion, s.ProfileName ?? s.DefaultProfileName, s.ProfileLocation,
                s.AccessKey ?? s.DefaultAccessKey, Hash(s.SecretKey ?? s.DefaultSecretKey),
                Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"), Environment.GetEnvironmentVariable("AWS_PROFILE"),
                Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"));
        }

        private static string Hash(string? secret)
        {
            if (string.IsNullOrEmpty(secret)) return "";
            using (var sha = SHA256.Create())
            {
                var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(secret));
                return BitConverter.ToString(digest, 0, 6);
            }
        }

        private static object? Bound(IDictionary? parameters, string name, params string[] aliases)
        {
            if (parameters is null) return null;
            foreach (var key in parameters.Keys)
            {
                var keyName = key?.ToString();
                if (keyName is null) continue;
                if (!string.Equals(keyName, name, StringComparison.OrdinalIgnoreCase)
                    && Array.FindIndex(aliases, a => string.Equals(a, keyName, StringComparison.OrdinalIgnoreCase)) < 0) continue;
                var value = parameters[key!];
                return value is PSObject pso ? pso.BaseObject : value;
            }

            return null;
        }

        private static string? BoundString(IDictionary? parameters, string name, string[] aliases)
            => Given(Bound(parameters, name, aliases) as string);

        /// <summary>"Start-Textract*:EndpointUrl" style entries; script block values are skipped (not evaluated at a prompt).</summary>
        private static string? DefaultString(IDictionary? defaults, string commandName, string name, string[] aliases)
        {
            if (defaults is null) return null;
            foreach (DictionaryEntry entry in defaults)
            {
                var key = entry.Key?.ToString();
                var colon = key?.IndexOf(':') ?? -1;
                if (key is null || colon <= 0) continue;
                var parameter = key.Substring(colon + 1).Trim();
                if (!string.Equals(parameter, name, StringComparison.OrdinalIgnoreCase)
                    && Array.FindIndex(aliases, a => string.Equals(a, parameter, StringComparison.OrdinalIgnoreCase)) < 0) continue;
                var pattern = new WildcardPattern(key.Substring(0, colon).Trim(), WildcardOptions.IgnoreCase);
                if (!pattern.IsMatch(commandName)) continue;
                var value = entry.Value is PSObject pso ? pso.BaseObject : entry.Value;
                if (value is string text && Given(text) != null) return text;
            }

            return null;
        }

        private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
