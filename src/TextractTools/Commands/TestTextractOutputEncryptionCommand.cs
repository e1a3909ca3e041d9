using System;
using TextractTools.Engine;
using System.Linq;
using System.Management.Automation;
using TextractTools.Engine.Output;
using TextractTools.Engine.Session;

namespace TextractTools.Commands
{
    /// <summary>
    /// Lists each object under an output location with its encryption and key, and flags (with a warning, and
    /// IsExpected = $false) any that is not SSE-KMS under -KmsKeyId.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "TextractOutputEncryption")]
    [OutputType(typeof(OutputObjectEncryption))]
    public sealed class TestTextractOutputEncryptionCommand : TextractCmdletBase
    {
        /// <summary>s3://bucket/prefix/ (a job's output location, or a whole output prefix).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("OutputLocation")]
        [ArgumentCompleter(typeof(Completers.S3UriCompleter))]
        public string[] S3Uri { get; set; } = Array.Empty<string>();

        /// <summary>The key the objects must be encrypted under (key id, key ARN, alias name or alias ARN). Without it, any encryption passes.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.KmsAliasCompleter))]
        public string? KmsKeyId { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var uri in S3Uri)
            {
                try
                {
                    var location = S3Location.Parse(uri, nameof(S3Uri));
                    var session = GetSession();
                    var expected = KmsKeyId is null ? null : RunAsync(ct => session.ResolveKmsKeyArnAsync(KmsKeyId, ct));
                    var results = RunAsync(ct => session.CreateOutputEncryptionAuditor().AuditAsync(location, expected, ct));
                    foreach (var r in results)
                    {
                        if (!r.IsExpected)
                            WriteWarning($"{r.Uri} is encrypted with {r.Encryption}{(r.KmsKeyId is null ? "" : " under " + r.KmsKeyId)}, not as expected{(expected is null ? "" : " (SSE-KMS under " + expected + ")")}.");
                        WriteObject(r);
                    }
                    if (results.Count == 0) WriteWarning($"No objects under {location}.");
                }
                catch (Exception e) when (!(e is PipelineStoppedException))
                {
                    if (!ReportError(e, uri)) return;
                }
            }
        }
    }
}
