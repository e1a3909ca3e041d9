using System;
using System.Linq;
using System.Management.Automation;
using TextractTools.Engine.Access;
using TextractTools.Engine.Api;

namespace TextractTools.Commands
{
    /// <summary>
    /// What New-TextractAccessPolicy and Test-TextractAccess share: the kinds of job planned, where local documents are
    /// uploaded, the notification channel of the planned jobs and the building of the <see cref="AccessPlan"/>. The
    /// input and output locations and the key stay declared on each cmdlet: they take them differently (positions,
    /// pipeline binding, mandatory or not), which PowerShell cannot inherit and vary.
    /// </summary>
    public abstract class AccessPlanCmdletBase : TextractCmdletBase
    {
        /// <summary>The kinds of job planned: their Start and Get actions are granted (and checked), no others.</summary>
        [Parameter]
        public TextractJobKind[] Kind
        {
            get => _kinds.Select(k => (TextractJobKind)k).ToArray();
            set => _kinds = (value ?? Array.Empty<TextractJobKind>()).Select(k => (int)k).ToArray();
        }

        // Ints, not the engine's enum: see GetTextractOutputCommand.MergedCells (a field typed by the engine would load it
        // when PowerShell lists the module's public types).
        private int[] _kinds = AccessPlan.DefaultKinds.Select(k => (int)k).ToArray();

        /// <summary>s3://bucket/prefix/ where local documents are uploaded before their jobs start (Start-TextractAnalysis -UploadUri).</summary>
        [Parameter]
        public string? UploadUri { get; set; }

        /// <summary>The role Textract assumes to publish job notifications (iam:PassRole is planned and checked).</summary>
        [Parameter]
        public string? NotificationRoleArn { get; set; }

        /// <summary>The SNS topic the planned jobs notify.</summary>
        [Parameter]
        public string? NotificationTopicArn { get; set; }

        /// <summary>The plan for these locations and this key, with this command's kinds, uploads and notification channel.</summary>
        internal AccessPlan NewPlan(string? inputUri, string? outputUri, string? kmsKeyId, string? starterArn = null, string? readerArn = null)
        {
            var plan = AccessPlanParameters.Build(inputUri, outputUri, kmsKeyId, NotificationRoleArn, NotificationTopicArn, starterArn, readerArn, UploadUri);
            plan.Kinds = Kind;
            return plan;
        }
    }
}
