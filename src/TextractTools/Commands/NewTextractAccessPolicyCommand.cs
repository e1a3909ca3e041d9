using System;
using System.Linq;
using System.Management.Automation;
using TextractTools.Engine.Access;
using TextractTools.Engine.Output;
using TextractTools.Engine.Session;

namespace TextractTools.Commands
{
    /// <summary>
    /// Generates the least-privilege policies for a planned Textract setup: the job starter's identity policy (for the
    /// kinds of job planned, and the uploads of local documents with -UploadUri), the preflight's optional one, the
    /// results reader's, the statements for the KMS key's policy and (with a topic) the notification role's policy.
    /// Makes no AWS call unless -KmsKeyId is an alias to resolve.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "TextractAccessPolicy")]
    [OutputType(typeof(GeneratedAccessPolicy))]
    public sealed class NewTextractAccessPolicyCommand : AccessPlanCmdletBase
    {
        /// <summary>s3://bucket/prefix/ of the documents in S3 (with -UploadUri alone, the uploaded documents are the input).</summary>
        [Parameter(Position = 0)]
        public string? InputUri { get; set; }

        /// <summary>s3://bucket/prefix/ Textract writes the output under (OutputConfig).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        public string OutputUri { get; set; } = "";

        /// <summary>The key ARN; an alias or key id is resolved with DescribeKey when connection parameters are given.</summary>
        [Parameter(Position = 2)]
        public string? KmsKeyId { get; set; }

        [Parameter]
        public string? StarterPrincipalArn { get; set; }

        [Parameter]
        public string? ReaderPrincipalArn { get; set; }

        protected override void EndProcessing()
        {
            try
            {
                // The key by its shape first (and, given -Region, its region): an alias is resolved with a call below.
                GivenKmsKeyId(nameof(KmsKeyId), KmsKeyId, Region);
                var plan = NewPlan(InputUri, OutputUri, KmsKeyId, StarterPrincipalArn, ReaderPrincipalArn);
                if (plan.KmsKeyArn != null && !AwsArn.IsKmsKeyArn(plan.KmsKeyArn)) plan.KmsKeyArn = ResolveKeyArn(plan.KmsKeyArn);
                plan.Validate();
                if (plan.KmsKeyArn != null && plan.StarterPrincipalArn is null && plan.ReaderPrincipalArn is null)
                    WriteVerbose("No -StarterPrincipalArn or -ReaderPrincipalArn: no key policy statements. A key whose policy lets IAM policies grant access (the default key policy) needs none.");
                foreach (var policy in AccessPolicyGenerator.Generate(plan)) WriteObject(policy);
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ReportError(e, KmsKeyId ?? OutputUri);
            }
        }

        /// <summary>
        /// IAM grants key use by key ARN only, so an alias must become its key's ARN. That takes a DescribeKey call,
        /// made only when the user gave a way to reach AWS; otherwise a policy generator should stay offline.
        /// </summary>
        private string ResolveKeyArn(string reference)
        {
            var canConnect = AwsConnectionParameters.Names.Any(MyInvocation.BoundParameters.ContainsKey)
                             || SessionState.PSVariable.GetValue("StoredAWSCredentials") != null;
            if (!canConnect)
                throw new ArgumentException(
                    $"-KmsKeyId '{reference}' is not a key ARN, and policies must name the key ARN (arn:aws:kms:<region>:<account>:key/<key id>): IAM does not grant key use through an alias. " +
                    "Give the key ARN (for example (Get-KMSKey -KeyId " + reference + ").Arn), or add -Region/-ProfileName/-EndpointUrl so it can be resolved with kms:DescribeKey.", "KmsKeyId");
            var session = GetSession();
            var arn = RunAsync(ct => session.ResolveKmsKeyArnAsync(reference, ct));
            WriteVerbose($"-KmsKeyId {reference} is {arn}");
            return arn;
        }
    }
}
