using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KeyManagementService;
using Amazon.S3;
using TextractTools.Engine.Api;

namespace TextractTools.Engine.Access
{
    /// <summary>
    /// Checks, one call at a time and with the caller's own credentials, that a planned job will have the access it
    /// needs: read the document, start and read Textract jobs of the planned kinds, use the key, upload local documents,
    /// write (and read back) the output prefix,
    /// and that buckets, key and endpoint share a region. Each check gives a result with the statement to add when
    /// it fails; nothing is left behind: the probe object written under the output prefix is deleted even when a
    /// later check fails or the run is cancelled, and a failed delete is itself a reported check.
    /// </summary>
    public sealed class AccessPreflight
    {
        private readonly IAmazonS3 _s3;
        private readonly IAmazonKeyManagementService _kms;
        private readonly ITextractApi _textract;
        private readonly string _region;

        /// <param name="region">The region of the Textract endpoint the job will use (the session's region).</param>
        internal AccessPreflight(IAmazonS3 s3, IAmazonKeyManagementService kms, ITextractApi textract, string region)
        {
            _s3 = s3 ?? throw new ArgumentNullException(nameof(s3));
            _kms = kms ?? throw new ArgumentNullException(nameof(kms));
            _textract = textract ?? throw new ArgumentNullException(nameof(textract));
            _region = region ?? throw new ArgumentNullException(nameof(region));
        }

        /// <param name="plan">The setup; its KmsKeyArn may be an alias, which the key check resolves.</param>
        /// <param name="document">A document to check read access on (HeadObject); null to skip that check.</param>
        /// <param name="onResult">Called as each result is known (for progress); may be null.</param>
        public Task<IReadOnlyList<AccessCheckResult>> RunAsync(AccessPlan plan, S3Location? document, AccessCheckScope scope,
            CancellationToken cancellationToken, Action<AccessCheckResult>? onResult = null)
        {
            if (plan is null) throw new ArgumentNullException(nameof(plan));
            plan.Validate(requireKeyArn: false, requireInput: (scope & AccessCheckScope.Start) != 0, requireOutput: (scope & AccessCheckScope.Read) != 0);
            var run = new PreflightRun(new PreflightClients(_s3, _kms, _textract, _region), Copy(plan), document, scope, onResult);
            return run.ExecuteAsync(cancellationToken);
        }

        // The run resolves the key alias into its plan: the caller's plan stays as given.
        private static AccessPlan Copy(AccessPlan plan) => new AccessPlan
        {
            Kinds = plan.Kinds,
            InputBucket = plan.InputBucket,
            InputPrefix = plan.InputPrefix,
            UploadBucket = plan.UploadBucket,
            UploadPrefix = plan.UploadPrefix,
            OutputBucket = plan.OutputBucket,
            OutputPrefix = plan.OutputPrefix,
            KmsKeyArn = plan.KmsKeyArn,
            NotificationRoleArn = plan.NotificationRoleArn,
            NotificationTopicArn = plan.NotificationTopicArn,
            StarterPrincipalArn = plan.StarterPrincipalArn,
            ReaderPrincipalArn = plan.ReaderPrincipalArn,
        };
    }

    internal sealed class PreflightClients
    {
        public PreflightClients(IAmazonS3 s3, IAmazonKeyManagementService kms, ITextractApi textract, string region)
        {
            S3 = s3;
            Kms = kms;
            Textract = textract;
            Region = region;
        }

        public IAmazonS3 S3 { get; }
        public IAmazonKeyManagementService Kms { get; }
        public ITextractApi Textract { get; }
        public string Region { get; }
    }
}
