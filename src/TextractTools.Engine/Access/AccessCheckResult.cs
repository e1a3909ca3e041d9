using System;

namespace TextractTools.Engine.Access
{
    public enum AccessCheckStatus
    {
        Passed,
        Failed,

        /// <summary>Not run: nothing to run it on, or a check it depends on failed (the Detail says which).</summary>
        Skipped,
    }

    /// <summary>Whose checks to run: the job starter's, the results reader's, or both (one identity doing it all).</summary>
    [Flags]
    public enum AccessCheckScope
    {
        Start = 1,
        Read = 2,
        All = Start | Read,
    }

    /// <summary>The names of the preflight's checks, in the order they run.</summary>
    public static class AccessCheckNames
    {
        public const string InputReadable = "InputReadable";
        public const string TextractStart = "TextractStart";
        public const string TextractGet = "TextractGet";
        public const string KeyDescribable = "KeyDescribable";
        public const string KeyGeneratesDataKeys = "KeyGeneratesDataKeys";
        public const string KeyDecrypts = "KeyDecrypts";
        public const string UploadWritable = "UploadWritable";
        public const string OutputWritable = "OutputWritable";
        public const string OutputReadable = "OutputReadable";
        public const string OutputListable = "OutputListable";
        public const string SameRegion = "SameRegion";
        public const string ProbeRemoved = "ProbeRemoved";

        /// <summary>Not a check of its own: the checks left out once AWS refused the credentials themselves.</summary>
        public const string Credentials = "Credentials";
    }

    /// <summary>One check of the preflight: what was tried on what, how it went, and what to add when it failed.</summary>
    public sealed class AccessCheckResult
    {
        public AccessCheckResult(string check, AccessCheckStatus status, string target, string detail,
            PolicyStatement? fix = null, AccessPolicyKind? fixIn = null, bool credentialsRefused = false)
        {
            CredentialsRefused = credentialsRefused;
            Check = check;
            Status = status;
            Target = target;
            Detail = detail;
            Fix = fix;
            FixIn = fixIn;
        }

        public string Check { get; }

        public AccessCheckStatus Status { get; }

        public bool Passed => Status == AccessCheckStatus.Passed;

        /// <summary>The object, key, bucket or API the check tried.</summary>
        public string Target { get; }

        public string Detail { get; }

        /// <summary>The missing statement, exactly as New-TextractAccessPolicy generates it; null when the failure is not a missing permission.</summary>
        public PolicyStatement? Fix { get; }

        /// <summary>The policy <see cref="Fix"/> belongs in.</summary>
        public AccessPolicyKind? FixIn { get; }

        public string? FixJson => Fix?.ToJson();

        /// <summary>True when AWS refused the credentials themselves (an unknown access key, a bad signature, an expired token): no statement can help.</summary>
        public bool CredentialsRefused { get; }

        public override string ToString() => Check + ": " + Status + (Fix is null ? "" : " (add " + Fix.Sid + ")");
    }
}
