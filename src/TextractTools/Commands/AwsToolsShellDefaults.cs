using System;
using System.Management.Automation;
using TextractTools.Engine.Session;

namespace TextractTools.Commands
{
    /// <summary>
    /// Reads the session defaults that AWS.Tools keeps in shell variables (Set-AWSCredential sets
    /// $StoredAWSCredentials, Set-DefaultAWSRegion sets $StoredAWSRegion) so our cmdlets follow them as AWS.Tools'
    /// own do. The credentials object belongs to AWS.Tools' copy of AWSSDK.Core (another load context), so it is read
    /// by member name, never by type.
    /// </summary>
    internal static class AwsToolsShellDefaults
    {
        public static void Apply(SessionState state, AwsConnectionSettings settings)
        {
            var region = Unwrap(state.PSVariable.GetValue("StoredAWSRegion"));
            if (region != null) settings.DefaultRegion = region.ToString();

            var stored = Unwrap(state.PSVariable.GetValue("StoredAWSCredentials"));
            if (stored is string profileName)
            {
                settings.DefaultProfileName = profileName;
                return;
            }
            if (stored == null) return;
            try
            {
                var immutable = stored.GetType().GetMethod("GetCredentials", Type.EmptyTypes)?.Invoke(stored, null);
                if (immutable == null) return;
                var type = immutable.GetType();
                settings.DefaultAccessKey = type.GetProperty("AccessKey")?.GetValue(immutable) as string;
                settings.DefaultSecretKey = type.GetProperty("SecretKey")?.GetValue(immutable) as string;
                settings.DefaultSessionToken = type.GetProperty("Token")?.GetValue(immutable) as string;
            }
            catch (Exception)
            {
                // A shell variable we cannot read is not ours to fail on: fall through to the default chain.
            }
        }

        private static object? Unwrap(object? value) => value is PSObject pso ? pso.BaseObject : value;
    }
}
