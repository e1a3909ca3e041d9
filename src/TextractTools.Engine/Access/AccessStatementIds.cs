namespace TextractTools.Engine.Access
{
    /// <summary>
    /// The Sids of generated statements. They say what each statement is for, so a reader of a policy (or of a
    /// CloudTrail denial) knows which step needs it, and the preflight names the one to add.
    /// </summary>
    public static class AccessStatementIds
    {
        // The job starter's identity policy.
        public const string StartTextractJobs = "StartTextractJobs";
        public const string ReadTextractJobResults = "ReadTextractJobResults";
        public const string ReadInputDocuments = "ReadInputDocuments";
        public const string UploadInputDocuments = "UploadInputDocuments";
        public const string WriteTextractOutput = "WriteTextractOutput";
        public const string UseOutputKey = "UseOutputKey";
        public const string PassNotificationRole = "PassNotificationRole";

        // The preflight's own policy (Test-TextractAccess, -Preflight), beside the starter's.
        public const string CheckBucketRegions = "CheckBucketRegions";
        public const string RemovePreflightProbes = "RemovePreflightProbes";

        // The results reader's identity policy.
        public const string ReadTextractOutput = "ReadTextractOutput";
        public const string ListTextractOutput = "ListTextractOutput";
        public const string DecryptTextractOutput = "DecryptTextractOutput";

        // Key policy statements.
        public const string AllowStarterToUseKey = "AllowTextractStarterToUseKey";
        public const string AllowReaderToDecrypt = "AllowResultsReaderToDecrypt";

        // The notification role's own policy.
        public const string PublishJobNotifications = "PublishJobNotifications";
    }
}
