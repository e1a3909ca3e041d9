using System;
using TextractTools.Engine;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TextractTools.Engine.Access;
using TextractTools.Engine.Api;
using TextractTools.Engine.Session;
using TextractTools.Engine.Validation;

namespace TextractTools.Commands
{
    /// <summary>
    /// The preflight of a planned Textract job (of the kinds given with -Kind), run with the caller's own credentials:
    /// one result per check, with the statement to add for each failure, and a warning that sums up the failures.
    /// Credentials AWS refuses are said to be that, with no statement to add.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "TextractAccess", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AccessCheckResult))]
    public sealed class TestTextractAccessCommand : AccessPlanCmdletBase
    {
        /// <summary>s3://bucket/key of a document the job will read (its folder is the input prefix unless -InputUri says otherwise).</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Document")]
        public string? S3Uri { get; set; }

        /// <summary>s3://bucket/prefix/ of the documents.</summary>
        [Parameter]
        public string? InputUri { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        public string OutputUri { get; set; } = "";

        /// <summary>Key ARN, key id, alias name or alias ARN (aliases are resolved by the DescribeKey check).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? KmsKeyId { get; set; }

        /// <summary>Start (the job starter's checks), Read (the results reader's) or All.</summary>
        [Parameter]
        public AccessCheckScope Scope
        {
            get => (AccessCheckScope)_scope;
            set => _scope = (int)value;
        }

        // An int, not the engine's enum: see GetTextractOutputCommand.MergedCells.
        private int _scope = (int)AccessCheckScope.Start;

        protected override void ProcessRecord()
        {
            var target = S3Uri ?? InputUri ?? OutputUri;
            try
            {
                var (plan, document) = BuildPlan();
                // The probe object is a write, however brief: -WhatIf shows it and stops.
                if ((Scope & AccessCheckScope.Start) != 0 &&
                    !ShouldProcess(plan.OutputLocation, "Write and delete a probe object, and call S3, KMS and Textract to check access"))
                    return;
                var session = GetSession();
                var preflight = session.CreateAccessPreflight();
                var results = RunAsync(ct => preflight.RunAsync(plan, document, Scope, ct,
                    r => Bridge.Post(() => WriteObject(r))));
                WriteSummary(results);
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ReportError(e, target);
            }
        }

        private (AccessPlan Plan, S3Location? Document) BuildPlan()
        {
            S3Location? document = null;
            var inputUri = InputUri;
            if (!string.IsNullOrWhiteSpace(S3Uri))
            {
                var parsed = S3Location.Parse(S3Uri, nameof(S3Uri));
                if (parsed.IsFolder)
                    throw new ArgumentException($"-S3Uri '{S3Uri}' names a bucket or folder, not a document: give a document, or the folder as -InputUri.", nameof(S3Uri));
                document = parsed;
                inputUri ??= S3Location.Of(parsed.Bucket, AccessPlanParameters.FolderOf(parsed.Key)).ToString();
            }
            if ((Scope & AccessCheckScope.Start) != 0 && string.IsNullOrWhiteSpace(inputUri) && string.IsNullOrWhiteSpace(UploadUri))
                throw new ParameterValueException("MissingInput", ParameterProblem.InvalidValue, nameof(S3Uri),
                    "Give -S3Uri (a document), -InputUri (the documents' prefix) or -UploadUri (where local documents are uploaded): the job starter's checks read the input.");
            // The key by its shape and region before any call; whether it exists is the first check's to find out.
            GivenKmsKeyId(nameof(KmsKeyId), KmsKeyId, RegionForValidation());
            var plan = NewPlan(inputUri, OutputUri, KmsKeyId);
            plan.Validate(requireKeyArn: false, requireInput: (Scope & AccessCheckScope.Start) != 0);
            return (plan, document);
        }

        private void WriteSummary(IReadOnlyList<AccessCheckResult> results)
        {
            var failed = results.Where(r => r.Status == AccessCheckStatus.Failed).ToList();
            if (failed.Count == 0)
            {
                WriteVerbose($"All {results.Count(r => r.Passed)} checks passed" +
                             (results.Any(r => r.Status == AccessCheckStatus.Skipped) ? " (some were skipped: see their Detail)." : "."));
                return;
            }
            var refused = failed.FirstOrDefault(r => r.CredentialsRefused);
            if (refused != null)
            {
                // Not a permission: naming statements to add would send the user the wrong way.
                WriteWarning($"AWS refused the credentials themselves, so no permission could be checked: {refused.Detail}");
                return;
            }
            WriteWarning($"{failed.Count} of {results.Count} access checks failed: " +
                         string.Join("; ", failed.Select(r => r.Check + (r.Fix is null ? "" : " (add " + r.Fix.Sid + " to the " + r.FixIn + ")"))) +
                         ". Each result's Fix (FixJson) is the statement to add; Detail says what was denied.");
        }
    }
}
