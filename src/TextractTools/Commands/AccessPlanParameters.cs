using System;
using TextractTools.Engine;
using TextractTools.Engine.Access;

namespace TextractTools.Commands
{
    /// <summary>Builds an <see cref="AccessPlan"/> from the s3:// parameters New-TextractAccessPolicy,
    /// Test-TextractAccess and Start-TextractAnalysis -Preflight share. Values given blank on the command line never get
    /// here (TextractCmdletBase refuses them); a blank one from the pipeline is "not given".</summary>
    internal static class AccessPlanParameters
    {
        public static AccessPlan Build(string? inputUri, string? outputUri, string? kmsKeyId, string? roleArn, string? topicArn,
            string? starterArn = null, string? readerArn = null, string? uploadUri = null)
        {
            var plan = new AccessPlan
            {
                KmsKeyArn = Given(kmsKeyId),
                NotificationRoleArn = Given(roleArn),
                NotificationTopicArn = Given(topicArn),
                StarterPrincipalArn = Given(starterArn),
                ReaderPrincipalArn = Given(readerArn),
            };
            if (Given(inputUri) != null)
            {
                var input = S3Location.Parse(inputUri, "InputUri");
                plan.InputBucket = input.Bucket;
                plan.InputPrefix = input.Key;
            }
            if (Given(uploadUri) != null)
            {
                var upload = S3Location.Parse(uploadUri, "UploadUri");
                plan.UploadBucket = upload.Bucket;
                plan.UploadPrefix = upload.Key;
            }
            if (Given(outputUri) != null)
            {
                var output = S3Location.Parse(outputUri, "OutputUri");
                plan.OutputBucket = output.Bucket;
                plan.OutputPrefix = output.Key;
            }
            return plan;
        }

        /// <summary>The folder of a document key ("invoices/2024/a.pdf" -> "invoices/2024/"), for a plan's input prefix.</summary>
        public static string FolderOf(string key)
        {
            var slash = key.LastIndexOf('/');
            return slash < 0 ? "" : key.Substring(0, slash + 1);
        }

        private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
