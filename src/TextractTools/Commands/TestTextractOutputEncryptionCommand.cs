using System;
using TextractTools.Engine;
using System.Linq;
using System.Management.Automation;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Output;
using TextractTools.Engine.Session;

namespace TextractTools.Commands
{
    /// <summary>
    /// Lists each object under an output location with its encryption and key, and flags (with a warning, and
    /// IsExpected = $false) any that is not SSE-KMS under -KmsKeyId. A piped job is audited where it ran (its region,
    /// endpoint and output location) and against its own key, as Wait-TextractJob and Get-TextractOutput read it.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "TextractOutputEncryption", DefaultParameterSetName = JobSet)]
    [OutputType(typeof(OutputObjectEncryption))]
    public sealed class TestTextractOutputEncryptionCommand : TextractCmdletBase
    {
        private const string S3UriSet = "S3Uri";
        private const string JobSet = "Job";

        /// <summary>s3://bucket/prefix/ (a job's output location, or a whole output prefix).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = S3UriSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("OutputLocation")]
        [ArgumentCompleter(typeof(Completers.S3UriCompleter))]
        public string[] S3Uri { get; set; } = Array.Empty<string>();

        /// <summary>Jobs (from Start-TextractAnalysis or Wait-TextractJob): their output location, region, endpoint and key.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = JobSet, ValueFromPipeline = true)]
        public TextractJob[] Job { get; set; } = Array.Empty<TextractJob>();

        /// <summary>The key the objects must be encrypted under (key id, key ARN, alias name or alias ARN). Without it, any encryption passes (a job's own key, with -Job).</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.KmsAliasCompleter))]
        public string? KmsKeyId { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == JobSet)
            {
                foreach (var job in Job.Where(j => j != null)) AuditJob(job);
                return;
            }
            foreach (var uri in S3Uri)
            {
                try
                {
                    var location = S3Location.Parse(uri, nameof(S3Uri));
                    var session = GetSession();
                    Audit(session, location, GivenKmsKeyId(nameof(KmsKeyId), KmsKeyId, session.Region));
                }
                catch (Exception e) when (!(e is PipelineStoppedException))
                {
                    if (!ReportError(e, uri)) return;
                }
            }
        }

        private void AuditJob(TextractJob job)
        {
            if (job.OutputLocation is null)
            {
                var error = new InvalidOperationException($"Job {job.JobId} has no OutputConfig: Textract keeps its output itself (encrypted under " +
                                                          $"{(job.KmsKeyId is null ? "an AWS owned key" : job.KmsKeyId)}), so there are no objects of yours to audit.");
                WriteError(ErrorRecords.Make(error, "NoOutputLocation", ErrorCategory.InvalidArgument, job,
                    "Start jobs with -OutputUri (and -KmsKeyId) to have Textract write their output to your bucket, where it can be audited."));
                return;
            }
            try
            {
                var location = S3Location.Parse(job.OutputLocation, nameof(Job));
                // The job's session, as Wait-TextractJob and Get-TextractOutput use it: -Region and -EndpointUrl still win.
                var session = GetSession(job.Region, job.EndpointUrl);
                Audit(session, location, GivenKmsKeyId(nameof(KmsKeyId), KmsKeyId ?? job.KmsKeyId, session.Region));
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ReportError(e, job);
            }
        }

        private void Audit(AwsSession session, S3Location location, string? keyId)
        {
            var expected = keyId is null ? null : RunAsync(ct => session.ResolveKmsKeyArnAsync(keyId, ct));
            var results = RunAsync(ct => session.CreateOutputEncryptionAuditor().AuditAsync(location, expected, ct));
            foreach (var r in results)
            {
                if (!r.IsExpected)
                    WriteWarning($"{r.Uri} is encrypted with {r.Encryption}{(r.KmsKeyId is null ? "" : " under " + r.KmsKeyId)}, not as expected{(expected is null ? "" : " (SSE-KMS under " + expected + ")")}.");
                WriteObject(r);
            }
            if (results.Count == 0) WriteWarning($"No objects under {location}.");
        }
    }
}
