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

        /// <summary>False (after writing an error record listing the failed checks and their fixes) when the setup fails the preflight.</summary>
        private bool PassesPreflight(StartJobRequest request, S3Location document)
        {
            var plan = new AccessPlan
            {
                InputBucket = document.Bucket,
                InputPrefix = AccessPlanParameters.FolderOf(document.Key),
                OutputBucket = request.Options.Output?.Bucket ?? "",
                OutputPrefix = request.Options.OutputPrefix ?? "",
                KmsKeyArn = request.Options.KmsKeyId,
                NotificationRoleArn = request.Options.NotificationRoleArn,
                NotificationTopicArn = request.Options.NotificationTopicArn,
            };
            var setup = string.Join("|", plan.InputBucket, plan.InputPrefix, plan.OutputBucket, plan.OutputPrefix, plan.KmsKeyArn, plan.NotificationRoleArn, plan.NotificationTopicArn);
            if (!_preflightOutcomes.TryGetValue(setup, out var failure))
            {
                var session = GetSession();
                var preflight = session.CreateAccessPreflight();
                var results = RunAsync(ct => preflight.RunAsync(plan, document, AccessCheckScope.Start, ct,
                    r => Bridge.Post(() => WriteVerbose($"Preflight {r.Check}: {r.Status}. {r.Detail}"))));
                failure = results.Any(r => r.Status == AccessCheckStatus.Failed)
                    ? new AccessPreflightException("to start Textract on " + document, results)
                    : null;
                _preflightOutcomes[setup] = failure;
            }
            if (failure is null) return true;
            WriteError(ErrorRecords.Make(failure, "PreflightFailed",
                failure.IsPermissionProblem ? ErrorCategory.PermissionDenied : ErrorCategory.InvalidOperation, document.Describe(),
                "Add each Fix statement to the policy named with it (New-TextractAccessPolicy generates them all), or correct what the check reports; " +
                "Test-TextractAccess shows every check. $Error[0].Exception.Results has the results."));
            return false;
        }
    }
}
