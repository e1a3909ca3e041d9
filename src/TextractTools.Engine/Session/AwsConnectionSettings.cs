namespace TextractTools.Engine.Session
{
    /// <summary>
    /// Everything a command knows about where and as whom to call AWS, in AWS.Tools' terms: the common parameters
    /// (-AccessKey, -SecretKey, -SessionToken, -ProfileName, -ProfileLocation, -Region, -EndpointUrl) and the shell's
    /// session defaults ($StoredAWSCredentials, extracted by the cmdlet layer, and $StoredAWSRegion).
    /// Null or blank means "not given". <see cref="AwsSession.Resolve"/> applies the precedence.
    /// </summary>
    public sealed class AwsConnectionSettings
    {
        public string? AccessKey { get; set; }
        public string? SecretKey { get; set; }
        public string? SessionToken { get; set; }
        public string? ProfileName { get; set; }

        /// <summary>A shared credentials file to read profiles from instead of the default locations.</summary>
        public string? ProfileLocation { get; set; }

        public string? Region { get; set; }

        /// <summary>
        /// The region of the job a command works on (a piped TextractJob was started there): used when -Region is not
        /// given, before the shell's and the SDK's defaults, and named as the job's, not as -Region.
        /// </summary>
        public string? JobRegion { get; set; }

        /// <summary>An http(s) URL that replaces every service endpoint (for instance the local endpoint).</summary>
        public string? EndpointUrl { get; set; }

        /// <summary>Credentials behind $StoredAWSCredentials when they are keys.</summary>
        public string? DefaultAccessKey { get; set; }
        public string? DefaultSecretKey { get; set; }
        public string? DefaultSessionToken { get; set; }

        /// <summary>The profile behind $StoredAWSCredentials when it names one.</summary>
        public string? DefaultProfileName { get; set; }

        /// <summary>$StoredAWSRegion.</summary>
        public string? DefaultRegion { get; set; }

        /// <summary>Names what was given, never a secret.</summary>
        public override string ToString()
        {
            return "AccessKey=" + Given(AccessKey) + ", SecretKey=" + Given(SecretKey) + ", SessionToken=" + Given(SessionToken)
                + ", ProfileName=" + (ProfileName ?? "(none)") + ", Region=" + (Region ?? "(none)") + ", JobRegion=" + (JobRegion ?? "(none)")
                + ", EndpointUrl=" + (EndpointUrl ?? "(none)");
        }

        private static string Given(string? value) => string.IsNullOrWhiteSpace(value) ? "(none)" : "(given)";
    }
}
