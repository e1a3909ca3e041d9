using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace TextractTools.Engine.Access
{
    /// <summary>A preflight with failed checks: the message lists each failure and its fix; <see cref="Results"/> has them all.</summary>
    public sealed class AccessPreflightException : Exception
    {
        public AccessPreflightException(string what, IReadOnlyList<AccessCheckResult> results)
            : base(Compose(what, results))
        {
            Results = results;
        }

        public IReadOnlyList<AccessCheckResult> Results { get; }

        public IReadOnlyList<AccessCheckResult> Failed => Results.Where(r => r.Status == AccessCheckStatus.Failed).ToList();

        /// <summary>True when AWS refused the credentials themselves (no statement can fix that; the message says what can).</summary>
        public bool IsCredentialsProblem => Failed.Any(r => r.CredentialsRefused);

        /// <summary>True when every failure has a statement to add (the setup lacks permissions, nothing else).</summary>
        public bool IsPermissionProblem => Failed.Count > 0 && Failed.All(r => r.Fix != null);

        private static string Compose(string what, IReadOnlyList<AccessCheckResult> results)
        {
            var failed = results.Where(r => r.Status == AccessCheckStatus.Failed).ToList();
            var text = new StringBuilder();
            text.Append("The preflight refused ").Append(what).Append(": ").Append(failed.Count).Append(" of ").Append(results.Count).Append(" checks failed.");
            foreach (var r in failed)
            {
                text.AppendLine().Append("- ").Append(r.Check).Append(" (").Append(r.Target).Append("): ").Append(r.Detail);
                if (r.Fix != null) text.AppendLine().Append("  Fix, for the ").Append(r.FixIn).Append(": ").Append(r.Fix.ToJson(indented: false));
            }
            return text.ToString();
        }
    }
}
