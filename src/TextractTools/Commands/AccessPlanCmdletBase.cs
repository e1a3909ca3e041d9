using System.Management.Automation;
using TextractTools.Engine.Access;

namespace TextractTools.Commands
{
    /// <summary>
    /// What New-TextractAccessPolicy and Test-TextractAccess share: the notification channel of the planned jobs and
    /// the building of the <see cref="AccessPlan"/>. The locations and the key stay declared on each cmdlet: they take
    /// them differently (positions, pipeline binding, mandatory or not), which PowerShell cannot inherit and vary.
    /// </summary>
    public abstract class AccessPlanCmdletBase : TextractCmdletBase
    {
        /// <summary>The role Textract assumes to publish job notifications (iam:PassRole is planned and checked).</summary>
        [Parameter]
        public string? NotificationRoleArn { get; set; }

        /// <summary>The SNS topic the planned jobs notify.</summary>
        [Parameter]
        public string? NotificationTopicArn { get; set; }

        /// <summary>The plan for these locations and this key, with this command's notification channel.</summary>
        internal AccessPlan NewPlan(string? inputUri, string? outputUri, string? kmsKeyId, string? starterArn = null, string? readerArn = null) =>
            AccessPlanParameters.Build(inputUri, outputUri, kmsKeyId, NotificationRoleArn, NotificationTopicArn, starterArn, readerArn);
    }
}
