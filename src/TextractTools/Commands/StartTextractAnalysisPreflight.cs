using System;
using TextractTools.Engine;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TextractTools.Engine.Access;
using TextractTools.Engine.Api;
using TextractTools.Engine.Session;

namespace TextractTools.Commands
{
    /// <summary>
    /// Start-TextractAnalysis -Preflight: Test-TextractAccess's job-starter checks before the first start of each
    /// distinct setup (input folder, output location, key, notification channel) in this invocation, and no start
    /// at all for a setup that fails them.
    /// </summary>
    public sealed partial class StartTextractAnalysisCommand
    {
        private readonly Dictionary<string, AccessPreflightException?> _preflightOutcomes = new Dictionary<string, AccessPreflightException?>(StringComparer.Ordinal);

        /// <summary>Runs the access checks of Test-TextractAccess (-Scope Start) first and refuses to start when any fails.</summary>
        [Parameter]
        public SwitchParameter Preflight { get; set; }

        /// <summary>
        /// False (after writing an error record listing the failed checks and their fixes) when the setup fails the
        /// preflight. Local documents are checked once, before the first upload (<paramref name="document"/> null): the
        /// plan is then the upload location, the kind, the output, the key and the notification channel.
        /// </summary>
        private bool PassesPreflight(S3Location? document)
        {
            var local = _uploadLocation != null;
            var plan = new AccessPlan
            {
                Kinds = new[] { _options.ResolvedKind },
                InputBucket = local ? "" : document!.Bucket,
                InputPrefix = local ? "" : AccessPlanParameters.FolderOf(document!.Key),
                UploadBucket = _uploadLocation?.Bucket ?? "",
                UploadPrefix = _uploadLocation?.Key ?? "",
                OutputBucket = _options.Output?.Bucket ?? "",
                OutputPrefix = _options.OutputPrefix ?? "",
                KmsKeyArn = _options.KmsKeyId,
                NotificationRoleArn = _options.NotificationRoleArn,
                NotificationTopicArn = _options.NotificationTopicArn,
            };
            var setup = string.Join("|", plan.Kinds[0], plan.InputBucket, plan.InputPrefix, plan.UploadBucket, plan.UploadPrefix, plan.OutputBucket, plan.OutputPrefix,
                plan.KmsKeyArn, plan.NotificationRoleArn, plan.NotificationTopicArn);
            var target = document?.Describe() ?? plan.UploadLocation;
            if (!_preflightOutcomes.TryGetValue(setup, out var failure))
            {
                var session = GetSession();
                var preflight = session.CreateAccessPreflight();
                var results = RunAsync(ct => preflight.RunAsync(plan, local ? null : document, AccessCheckScope.Start, ct,
                    r => Bridge.Post(() => WriteVerbose($"Preflight {r.Check}: {r.Status}. {r.Detail}"))));
                failure = results.Any(r => r.Status == AccessCheckStatus.Failed)
                    ? new AccessPreflightException(local ? "to upload to " + plan.UploadLocation + " and start Textract" : "to start Textract on " + document, results)
                    : null;
                _preflightOutcomes[setup] = failure;
            }
            if (failure is null) return true;
            WriteError(ErrorRecords.Make(failure, "PreflightFailed",
                failure.IsCredentialsProblem ? ErrorCategory.AuthenticationError : failure.IsPermissionProblem ? ErrorCategory.PermissionDenied : ErrorCategory.InvalidOperation, target,
                failure.IsCredentialsProblem
                    ? "AWS refused the credentials themselves: fix them (the message says how); no policy statement can help. $Error[0].Exception.Results has the results."
                    : "Add each Fix statement to the policy named with it (New-TextractAccessPolicy generates them all), or correct what the check reports; " +
                      "Test-TextractAccess shows every check. $Error[0].Exception.Results has the results."));
            return false;
        }
    }
}
