using System;
using System.Management.Automation;
using System.Reflection;

namespace TextractTools.Commands
{
    /// <summary>
    /// What -Debug means for our cmdlets: show the debug messages (where credentials, region and endpoint came from)
    /// and the verbose ones (each AWS call), and ask nothing.
    /// </summary>
    /// <remarks>
    /// PowerShell 6 made -Debug set the debug preference to Continue instead of Inquire, but only that one: for a
    /// compiled cmdlet, its command runtime (MshCommandRuntime) still answers Inquire for the verbose and warning
    /// preferences whenever -Debug is given ("if (Debug) return ActionPreference.Inquire;" in VerbosePreference and
    /// WarningPreference, PowerShell 7.6). So each verbose line and each warning asked "Continue with this operation?",
    /// and a non-interactive host (pwsh -NonInteractive, a scheduled task) failed on the question. The runtime's own
    /// -Verbose and -WarningAction settings take precedence over that rule; this sets them, as if the user had typed
    /// -Verbose and -WarningAction $WarningPreference, unless the user gave either. They are internal members, reached
    /// by name; where a PowerShell version lacks them nothing is changed (the old behaviour, never an error).
    /// </remarks>
    internal static class DebugSwitch
    {
        private const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;

        public static void Apply(PSCmdlet cmdlet)
        {
            var bound = cmdlet.MyInvocation.BoundParameters;
            if (!IsOn(bound, "Debug")) return;
            var runtime = cmdlet.CommandRuntime;
            if (runtime is null) return;
            if (!bound.ContainsKey("Verbose")) TrySet(runtime, "Verbose", true);
            if (!bound.ContainsKey("WarningAction"))
            {
                var preference = cmdlet.SessionState.PSVariable.GetValue("WarningPreference") is ActionPreference p && p != ActionPreference.Inquire
                    ? p
                    : ActionPreference.Continue;
                TrySet(runtime, "WarningPreference", preference);
            }
        }

        /// <summary>Whether verbose messages are shown: -Verbose, -Debug (see above), or $VerbosePreference.</summary>
        public static bool VerboseWanted(PSCmdlet cmdlet)
        {
            var bound = cmdlet.MyInvocation.BoundParameters;
            if (bound.ContainsKey("Verbose")) return IsOn(bound, "Verbose");
            if (IsOn(bound, "Debug")) return true;
            return cmdlet.SessionState.PSVariable.GetValue("VerbosePreference") is ActionPreference p && p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore;
        }

        private static bool IsOn(System.Collections.Generic.IDictionary<string, object> bound, string name) =>
            bound.TryGetValue(name, out var value) && value is SwitchParameter s && s.IsPresent;

        private static void TrySet(object runtime, string property, object value)
        {
            try
            {
                var member = runtime.GetType().GetProperty(property, Internal);
                if (member?.SetMethod != null && member.PropertyType == value.GetType()) member.SetValue(runtime, value);
            }
            catch (Exception e) when (e is TargetInvocationException || e is MemberAccessException || e is ArgumentException)
            {
                // Another PowerShell's runtime: its own -Debug behaviour stays.
            }
        }
    }
}
