using System;
using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Api;

namespace TextractTools.Engine.Access
{
    /// <summary>
    /// The planned Textract setup that policies are generated for and checked against: the kinds of job, where
    /// documents are read (and where local documents are uploaded), where output is written, the key that encrypts
    /// it, the optional notification channel, and who starts jobs and who reads results.
    /// </summary>
    public sealed class AccessPlan
    {
        /// <summary>Textract's own default when OutputConfig has a bucket and no prefix.</summary>
        public const string DefaultOutputPrefix = "textract_output";

        /// <summary>Where preflight probe objects go, under the output prefix (and what the starter may delete).</summary>
        public const string ProbeFolder = ".textracttools-preflight/";

        /// <summary>The job kinds when none are named: the two of Start-TextractAnalysis without -Kind.</summary>
        public static readonly IReadOnlyList<TextractJobKind> DefaultKinds = new[] { TextractJobKind.TextDetection, TextractJobKind.DocumentAnalysis };

        private IReadOnlyList<TextractJobKind> _kinds = DefaultKinds;

        /// <summary>The kinds of job the plan covers (each once, in the order of <see cref="TextractJobKind"/>); never empty.</summary>
        public IReadOnlyList<TextractJobKind> Kinds
        {
            get => _kinds;
            set => _kinds = value is null || value.Count == 0 ? DefaultKinds : value.Distinct().OrderBy(k => k).ToList();
        }

        public string InputBucket { get; set; } = "";

        /// <summary>The key prefix of the documents ("invoices/"); empty for the whole bucket.</summary>
        public string InputPrefix { get; set; } = "";

        /// <summary>Where local documents are uploaded (-UploadUri); empty when the plan uploads none.</summary>
        public string UploadBucket { get; set; } = "";

        /// <summary>The key prefix uploads go under ("inbox/"); empty for the whole bucket.</summary>
        public string UploadPrefix { get; set; } = "";

        public string OutputBucket { get; set; } = "";

        /// <summary>OutputConfig.S3Prefix as given; empty means Textract's default, textract_output.</summary>
        public string OutputPrefix { get; set; } = "";

        /// <summary>The key ARN of the KMS key for the output (KMSKeyId); null for SSE-S3 output.</summary>
        public string? KmsKeyArn { get; set; }

        public string? NotificationRoleArn { get; set; }
        public string? NotificationTopicArn { get; set; }

        /// <summary>The IAM user or role that starts jobs (named in the key policy statements).</summary>
        public string? StarterPrincipalArn { get; set; }

        /// <summary>The IAM user or role that reads the output (named in the key policy statements).</summary>
        public string? ReaderPrincipalArn { get; set; }

        /// <summary>True when local documents are uploaded before their jobs start.</summary>
        public bool HasUpload => !string.IsNullOrEmpty(UploadBucket);

        /// <summary>False for a job without OutputConfig (Textract keeps the output itself).</summary>
        public bool HasOutput => !string.IsNullOrEmpty(OutputBucket);

        /// <summary>
        /// The folder Textract writes jobs under: {OutputKeyPrefix}/{JobId}/1. Textract puts the slash itself, so
        /// "textract", "textract/" and "/textract/" are one prefix.
        /// </summary>
        public string OutputKeyPrefix
        {
            get
            {
                var trimmed = (OutputPrefix ?? "").Trim('/');
                return trimmed.Length == 0 ? DefaultOutputPrefix : trimmed;
            }
        }

        /// <summary>The partition of the key ARN (aws unless the key is in China or GovCloud).</summary>
        public string Partition => AwsArn.PartitionOf(KmsKeyArn);

        public string InputObjectsArn => AwsArn.Objects(Partition, InputBucket, (InputPrefix ?? "") + "*");
        public string UploadObjectsArn => AwsArn.Objects(Partition, UploadBucket, UploadFolder + "*");
        public string UploadProbeObjectsArn => AwsArn.Objects(Partition, UploadBucket, UploadFolder + ProbeFolder + "*");

        /// <summary>The folder uploads go under, as the uploader makes it: the prefix with one / at its end (empty for the bucket).</summary>
        public string UploadFolder => S3Location.Of(UploadBucket, UploadPrefix ?? "").FolderKey;

        /// <summary>
        /// The objects Textract reads documents from: the input prefix, and the upload prefix (uploaded documents are
        /// inputs too; the uploader's HEAD before each upload is an s3:GetObject there as well). One ARN when one
        /// prefix holds the other.
        /// </summary>
        public IReadOnlyList<string> DocumentObjectsArns
        {
            get
            {
                var arns = new List<string>();
                if (!string.IsNullOrEmpty(InputBucket)) arns.Add(InputObjectsArn);
                if (HasUpload && !(InputBucket == UploadBucket && UploadFolder.StartsWith(InputPrefix ?? "", StringComparison.Ordinal)))
                    arns.Add(UploadObjectsArn);
                return arns;
            }
        }

        /// <summary>
        /// A document key under the input prefix (or, with no input prefix, the upload folder) that nobody writes: the
        /// preflight asks Textract to start on it, so the call is authorized but no job starts.
        /// </summary>
        public S3Location MissingDocument(string runId) => string.IsNullOrEmpty(InputBucket)
            ? S3Location.Of(UploadBucket, UploadFolder + ProbeFolder + runId + ".pdf")
            : S3Location.Of(InputBucket, (InputPrefix ?? "") + ProbeFolder + runId + ".pdf");

        /// <summary>The buckets of the plan (input, upload, output), each once.</summary>
        public IReadOnlyList<string> Buckets =>
            new[] { InputBucket, UploadBucket, OutputBucket }.Where(b => !string.IsNullOrEmpty(b)).Distinct(StringComparer.Ordinal).ToList();
        public string OutputObjectsArn => AwsArn.Objects(Partition, OutputBucket, OutputKeyPrefix + "/*");
        public string ProbeObjectsArn => AwsArn.Objects(Partition, OutputBucket, OutputKeyPrefix + "/" + ProbeFolder + "*");

        public string InputLocation => S3Location.Of(InputBucket, InputPrefix ?? "").ToString();
        public string UploadLocation => S3Location.Of(UploadBucket, UploadPrefix ?? "").ToString();
        public string OutputLocation => S3Location.Of(OutputBucket, OutputKeyPrefix + "/").ToString();

        /// <summary>
        /// Rejects a plan that would produce a policy that grants nothing or the wrong thing, before any AWS call.
        /// </summary>
        /// <param name="requireKeyArn">False for the preflight, where a key alias that could not be resolved still gets checked.</param>
        /// <param name="requireInput">False for checks of the reader alone, which never touch the input.</param>
        /// <param name="requireOutput">False for the preflight of a job without OutputConfig.</param>
        public void Validate(bool requireKeyArn = true, bool requireInput = true, bool requireOutput = true)
        {
            if (requireInput && string.IsNullOrEmpty(InputBucket) && !HasUpload)
                throw new ArgumentException("-InputUri is missing: give the documents' location, such as s3://textract-input/invoices/ (or -UploadUri, where local documents are uploaded).", "InputUri");
            if (requireOutput && !HasOutput) throw new ArgumentException("-OutputUri is missing: give the output location, such as s3://textract-output/textract/.", "OutputUri");
            if (requireKeyArn && KmsKeyArn != null && !AwsArn.IsKmsKeyArn(KmsKeyArn))
                throw new ArgumentException(
                    $"-KmsKeyId '{KmsKeyArn}' is not a key ARN (arn:aws:kms:<region>:<account>:key/<key id>). IAM grants key use by key ARN, so a policy that names an alias grants nothing: " +
                    "give the key ARN, or give -EndpointUrl/-Region/credentials so the alias can be resolved with kms:DescribeKey.", "KmsKeyId");
            if (NotificationTopicArn != null && NotificationRoleArn is null)
                throw new ArgumentException("-NotificationTopicArn needs -NotificationRoleArn: Textract publishes to the topic as that role.", "NotificationRoleArn");
            if (NotificationRoleArn != null && !AwsArn.IsRoleArn(NotificationRoleArn))
                throw new ArgumentException($"-NotificationRoleArn '{NotificationRoleArn}' is not an IAM role ARN (arn:aws:iam::<account>:role/<name>).", "NotificationRoleArn");
            if (NotificationTopicArn != null && !AwsArn.IsTopicArn(NotificationTopicArn))
                throw new ArgumentException($"-NotificationTopicArn '{NotificationTopicArn}' is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>).", "NotificationTopicArn");
            if (StarterPrincipalArn != null && !AwsArn.IsPrincipalArn(StarterPrincipalArn))
                throw new ArgumentException($"-StarterPrincipalArn '{StarterPrincipalArn}' is not an IAM user, role or account ARN.", "StarterPrincipalArn");
            if (ReaderPrincipalArn != null && !AwsArn.IsPrincipalArn(ReaderPrincipalArn))
                throw new ArgumentException($"-ReaderPrincipalArn '{ReaderPrincipalArn}' is not an IAM user, role or account ARN.", "ReaderPrincipalArn");
        }
    }
}
