using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using TextractTools.Engine.Api;
using TextractTools.Engine.Output;

namespace TextractTools.Engine.Access
{
    /// <summary>One run of the preflight: the checks in order, the state they share (the resolved key, the
    /// ciphertext to decrypt, the probe object) and the clean-up that always runs.</summary>
    internal sealed class PreflightRun
    {
        private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(30);
        private static readonly byte[] ProbeContent = Encoding.UTF8.GetBytes("TextractTools preflight probe (Test-TextractAccess). Safe to delete.\n");

        private readonly PreflightClients _aws;
        private readonly AccessPlan _plan;
        private readonly S3Location? _document;
        private readonly AccessCheckScope _scope;
        private readonly Action<AccessCheckResult>? _onResult;
        private readonly PreflightFixes _fixes;
        private readonly List<AccessCheckResult> _results = new List<AccessCheckResult>();
        private readonly string _runId = Guid.NewGuid().ToString("N");

        private MemoryStream? _ciphertext;

        // The probe objects written (under the output prefix, and the upload prefix), removed at the end whatever happens.
        private readonly List<Probe> _probes = new List<Probe>();
        private Probe? _outputProbe;

        public PreflightRun(PreflightClients aws, AccessPlan plan, S3Location? document, AccessCheckScope scope, Action<AccessCheckResult>? onResult)
        {
            _aws = aws;
            _plan = plan;
            _document = document;
            _scope = scope;
            _onResult = onResult;
            _fixes = new PreflightFixes(plan);
        }

        private bool Starting => (_scope & AccessCheckScope.Start) != 0;
        private bool Reading => (_scope & AccessCheckScope.Read) != 0;
        private bool HasKey => _plan.KmsKeyArn != null;

        public async Task<IReadOnlyList<AccessCheckResult>> ExecuteAsync(CancellationToken cancellationToken)
        {
            var steps = new List<Func<CancellationToken, Task>>();
            // The key first: it resolves an alias to the key ARN that the other checks and their fixes name.
            if (HasKey) steps.Add(CheckDescribeKeyAsync);
            if (Starting)
            {
                steps.Add(CheckInputAsync);
                steps.Add(CheckTextractStartAsync);
                steps.Add(CheckTextractGetAsync);
            }
            if (Starting && HasKey)
            {
                steps.Add(CheckGenerateDataKeyAsync);
                steps.Add(CheckDecryptAsync);
            }
            if (Starting && _plan.HasUpload) steps.Add(CheckUploadAsync);
            if (Starting && _plan.HasOutput) steps.Add(CheckWriteAsync);
            if (Reading)
            {
                steps.Add(CheckReadAsync);
                steps.Add(CheckListAsync);
            }
            if (Starting) steps.Add(CheckRegionsAsync);
            try
            {
                foreach (var step in steps)
                {
                    // Credentials AWS does not accept fail every call alike: one result says so, the rest would only repeat it.
                    if (_fixes.CredentialsRefused != null)
                    {
                        Skip(AccessCheckNames.Credentials, "the remaining checks",
                            "Not run: AWS refused the credentials themselves (" + _fixes.CredentialsRefused + "), so no permission can be judged. Fix the credentials and run the checks again.");
                        break;
                    }
                    await step(cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                // Also after a failure or Ctrl+C: no probe may outlive the run (with a clean-up deadline of its own,
                // since the caller's token may be the reason we are here).
                foreach (var probe in _probes.Where(p => p.MayExist)) await RemoveProbeAsync(probe).ConfigureAwait(false);
            }
            return _results;
        }

        private void Add(AccessCheckResult result)
        {
            _results.Add(result);
            _onResult?.Invoke(result);
        }

        private void Pass(string check, string target, string detail) => Add(new AccessCheckResult(check, AccessCheckStatus.Passed, target, detail));

        private void Skip(string check, string target, string detail) => Add(new AccessCheckResult(check, AccessCheckStatus.Skipped, target, detail));

        private static bool IsServiceError(Exception e) => e is AmazonServiceException || e is TextractServiceException;

        // --- The document -------------------------------------------------------------------------------------

        private async Task CheckInputAsync(CancellationToken ct)
        {
            if (_document is null)
            {
                if (string.IsNullOrEmpty(_plan.InputBucket))
                    Skip(AccessCheckNames.InputReadable, _plan.UploadLocation,
                        "Local documents, not uploaded yet: UploadWritable checks the upload, and TextractStart Textract's read under the upload prefix.");
                else
                    Skip(AccessCheckNames.InputReadable, _plan.InputLocation, "No document given: pass -S3Uri with a document under the input prefix to check s3:GetObject on it.");
                return;
            }
            var target = _document.ToString();
            try
            {
                var head = await _aws.S3.GetObjectMetadataAsync(new GetObjectMetadataRequest
                {
                    BucketName = _document.Bucket,
                    Key = _document.Key,
                    VersionId = _document.Version,
                }, ct).ConfigureAwait(false);
                var encryption = head.ServerSideEncryptionMethod?.Value;
                var detail = $"HeadObject succeeded ({head.ContentLength} bytes, {(string.IsNullOrEmpty(encryption) ? "not encrypted" : encryption)}).";
                var inputKey = head.ServerSideEncryptionKeyManagementServiceKeyId;
                if (!string.IsNullOrEmpty(inputKey) && !(HasKey && KmsKeyMatcher.Matches(_plan.KmsKeyArn!, inputKey)))
                    detail += $" The document is SSE-KMS under {inputKey}: the caller also needs kms:Decrypt on that key for Textract to read it.";
                Pass(AccessCheckNames.InputReadable, target, detail);
            }
            catch (Exception e) when (IsServiceError(e))
            {
                var error = AccessDenial.IsDenied(e) && AccessDenial.ActionOf(e) is null ? await ExplainHeadDenialAsync(e, ct).ConfigureAwait(false) : e;
                if (error is null)
                {
                    Pass(AccessCheckNames.InputReadable, target, "GetObject succeeded (HeadObject was refused, but Textract reads with GetObject).");
                    return;
                }
                if (AccessDenial.IsDenied(error) && AccessDenial.ActionOf(error) == "s3:ListBucket")
                {
                    // S3 answers 403 for a missing key to callers who may not list the bucket, naming s3:ListBucket.
                    Add(new AccessCheckResult(AccessCheckNames.InputReadable, AccessCheckStatus.Failed, target,
                        "The document does not exist (S3 says so with a 403 naming s3:ListBucket to callers who may not list the bucket): check -S3Uri. " + AccessDenial.Describe(error)));
                    return;
                }
                var hint = error is AmazonServiceException { StatusCode: System.Net.HttpStatusCode.NotFound }
                    ? "The document does not exist (or its bucket does not): check -S3Uri."
                    : null;
                Add(_fixes.Failure(AccessCheckNames.InputReadable, target, error, AccessStatementIds.ReadInputDocuments, AccessPolicyKind.StarterIdentityPolicy, hint));
            }
        }

        /// <summary>
        /// A HEAD answer has no body, so a refused HeadObject does not say which action was refused (s3:GetObject, or
        /// kms:Decrypt for an SSE-KMS document). A one-byte GetObject, which needs the same permissions, does.
        /// Returns the more telling error, or null when the read succeeds.
        /// </summary>
        private async Task<Exception?> ExplainHeadDenialAsync(Exception headError, CancellationToken ct)
        {
            try
            {
                using var response = await _aws.S3.GetObjectAsync(new GetObjectRequest
                {
                    BucketName = _document!.Bucket,
                    Key = _document.Key,
                    VersionId = _document.Version,
                    ByteRange = new ByteRange(0, 0),
                }, ct).ConfigureAwait(false);
                return null;
            }
            catch (Exception e) when (IsServiceError(e))
            {
                // A GET answer has a body: its code and message (the action refused, or credentials AWS does not
                // accept) say more than the HEAD's bare 403.
                return e;
            }
        }

        // --- Textract: asked about a document that does not exist, so no job can start ----------------------------

        /// <summary>The job kinds whose operations are checked, in the order they are asked about: the plan's.</summary>
        private IReadOnlyList<TextractJobKind> CheckedKinds => _plan.Kinds;

        private async Task CheckTextractStartAsync(CancellationToken ct)
        {
            // A key under the input prefix that no one has written: Textract authorizes the call (and, with the
            // caller's permissions, the read of the document) before it finds the object missing, so
            // InvalidS3ObjectException means "allowed" and no job, no charge.
            var missing = _plan.MissingDocument(_runId);
            var kinds = CheckedKinds;
            var target = string.Join(", ", kinds.Select(k => TextractJobKindInfo.Of(k).StartAction));
            var withNotification = _plan.NotificationRoleArn != null && _plan.NotificationTopicArn != null;
            try
            {
                foreach (var kind in kinds)
                {
                    var options = new JobOptions
                    {
                        Kind = kind,
                        Features = TextractJobKindInfo.Of(kind).TakesFeatures ? new[] { "TABLES" } : Array.Empty<string>(),
                        NotificationRoleArn = withNotification ? _plan.NotificationRoleArn : null,
                        NotificationTopicArn = withNotification ? _plan.NotificationTopicArn : null,
                    };
                    try
                    {
                        var jobId = await _aws.Textract.StartJobAsync(new StartJobRequest(missing, options.Normalized(), null), ct).ConfigureAwait(false);
                        // Only if someone wrote that very key: the call was allowed all the same.
                        Add(new AccessCheckResult(AccessCheckNames.TextractStart, AccessCheckStatus.Passed, target,
                            $"Textract started job {jobId} on {missing}, which was expected not to exist."));
                        return;
                    }
                    catch (InvalidS3ObjectException)
                    {
                        // Allowed: the expected answer.
                    }
                }
                Pass(AccessCheckNames.TextractStart, target,
                    (kinds.Count == 1 ? "The Start operation was" : kinds.Count == 2 ? "Both Start operations were" : $"All {kinds.Count} Start operations were") + " authorized (asked about a document that does not exist, so no job started)" +
                    (withNotification ? ", with the notification channel." : _plan.NotificationRoleArn != null ? "; iam:PassRole is not checked without -NotificationTopicArn." : "."));
            }
            catch (Exception e) when (IsServiceError(e))
            {
                Add(_fixes.Failure(AccessCheckNames.TextractStart, target, e, AccessStatementIds.StartTextractJobs, AccessPolicyKind.StarterIdentityPolicy));
            }
        }

        private async Task CheckTextractGetAsync(CancellationToken ct)
        {
            // A job id no one has: InvalidJobIdException means the Get operations were authorized.
            var request = new GetJobPageRequest("textracttools-preflight-" + _runId, maxResults: 1);
            var kinds = CheckedKinds;
            var operations = kinds.SelectMany(k => new[] { TextractJobKindInfo.Of(k).GetOperation, TextractJobKindInfo.Of(k).SummaryOperation })
                .Where(o => o != null).ToList();
            var target = string.Join(", ", operations.Select(o => "textract:" + o));
            try
            {
                foreach (var kind in kinds)
                {
                    await ExpectUnknownJobAsync(() => _aws.Textract.GetJobPageAsync(kind, request, ct)).ConfigureAwait(false);
                    if (TextractJobKindInfo.Of(kind).SummaryOperation != null)
                        await ExpectUnknownJobAsync(() => _aws.Textract.GetJobSummaryAsync(kind, request.JobId, ct)).ConfigureAwait(false);
                }
                Pass(AccessCheckNames.TextractGet, target,
                    (operations.Count == 1 ? "The Get operation was" : operations.Count == 2 ? "Both Get operations were" : $"All {operations.Count} Get operations were") +
                    " authorized (asked about a job id that does not exist).");
            }
            catch (Exception e) when (IsServiceError(e))
            {
                Add(_fixes.Failure(AccessCheckNames.TextractGet, target, e, AccessStatementIds.ReadTextractJobResults, AccessPolicyKind.StarterIdentityPolicy));
            }
        }

        /// <summary>InvalidJobIdException is the answer of an authorized call about a job no one has.</summary>
        private static async Task ExpectUnknownJobAsync(Func<Task> call)
        {
            try
            {
                await call().ConfigureAwait(false);
            }
            catch (InvalidJobIdException)
            {
                // Allowed: the expected answer.
            }
        }

        // --- The key ----------------------------------------------------------------------------------------------

        private AccessPolicyKind KeyPolicyKind => Starting ? AccessPolicyKind.StarterIdentityPolicy : AccessPolicyKind.ReaderIdentityPolicy;
        private string KeyFixSid => Starting ? AccessStatementIds.UseOutputKey : AccessStatementIds.DecryptTextractOutput;

        private async Task CheckDescribeKeyAsync(CancellationToken ct)
        {
            var given = _plan.KmsKeyArn!;
            try
            {
                var metadata = (await _aws.Kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = given }, ct).ConfigureAwait(false)).KeyMetadata;
                // Aliases resolve here, so later fixes name the key ARN, which is what IAM matches.
                _plan.KmsKeyArn = metadata.Arn;
                var state = metadata.KeyState?.Value ?? (metadata.Enabled == true ? "Enabled" : "Disabled");
                if (state != "Enabled")
                {
                    Add(new AccessCheckResult(AccessCheckNames.KeyDescribable, AccessCheckStatus.Failed, given,
                        $"The key {metadata.Arn} is {state}: Textract cannot encrypt under it. Enable it (Enable-KMSKey) or use another key."));
                    return;
                }
                Pass(AccessCheckNames.KeyDescribable, given, $"DescribeKey succeeded: {metadata.Arn}, {state}.");
            }
            catch (Exception e) when (IsServiceError(e))
            {
                // A caller refused DescribeKey cannot resolve an alias, but KMS names the key ARN in the refusal:
                // the fixes then name the key as IAM matches it.
                if (!AwsArn.IsKmsKeyArn(_plan.KmsKeyArn) && AwsArn.IsKmsKeyArn(AccessDenial.ResourceOf(e))) _plan.KmsKeyArn = AccessDenial.ResourceOf(e);
                var hint = e is NotFoundException ? "The key or alias does not exist in this region: check -KmsKeyId and -Region." : null;
                Add(_fixes.Failure(AccessCheckNames.KeyDescribable, given, e, KeyFixSid, KeyPolicyKind, hint));
            }
        }

        private async Task CheckGenerateDataKeyAsync(CancellationToken ct)
        {
            var key = _plan.KmsKeyArn!;
            try
            {
                var response = await _aws.Kms.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = key, KeySpec = DataKeySpec.AES_256 }, ct).ConfigureAwait(false);
                _ciphertext = response.CiphertextBlob;
                Pass(AccessCheckNames.KeyGeneratesDataKeys, key, "GenerateDataKey succeeded (what S3 and Textract call to encrypt each output object).");
            }
            catch (Exception e) when (IsServiceError(e))
            {
                Add(_fixes.Failure(AccessCheckNames.KeyGeneratesDataKeys, key, e, AccessStatementIds.UseOutputKey, AccessPolicyKind.StarterIdentityPolicy));
            }
        }

        private async Task CheckDecryptAsync(CancellationToken ct)
        {
            var key = _plan.KmsKeyArn!;
            if (_ciphertext is null)
            {
                Skip(AccessCheckNames.KeyDecrypts, key, "Nothing to decrypt: GenerateDataKey failed.");
                return;
            }
            try
            {
                await _aws.Kms.DecryptAsync(new DecryptRequest { KeyId = key, CiphertextBlob = new MemoryStream(_ciphertext.ToArray()) }, ct).ConfigureAwait(false);
                Pass(AccessCheckNames.KeyDecrypts, key, "Decrypt succeeded (what S3 calls when Textract reads a document uploaded under the key, and for multipart uploads).");
            }
            catch (Exception e) when (IsServiceError(e))
            {
                Add(_fixes.Failure(AccessCheckNames.KeyDecrypts, key, e, AccessStatementIds.UseOutputKey, AccessPolicyKind.StarterIdentityPolicy));
            }
        }

        // --- The output prefix ------------------------------------------------------------------------------------

        private async Task CheckWriteAsync(CancellationToken ct)
        {
            _outputProbe = await WriteProbeAsync(AccessCheckNames.OutputWritable, _plan.OutputBucket, _plan.OutputKeyPrefix + "/" + AccessPlan.ProbeFolder + _runId,
                AccessStatementIds.WriteTextractOutput, "as Textract writes output", ct).ConfigureAwait(false);
        }

        /// <summary>The upload of a local document: a probe object under the upload prefix, encrypted as uploads are.</summary>
        private async Task CheckUploadAsync(CancellationToken ct)
        {
            await WriteProbeAsync(AccessCheckNames.UploadWritable, _plan.UploadBucket, _plan.UploadFolder + AccessPlan.ProbeFolder + _runId,
                AccessStatementIds.UploadInputDocuments, "as local documents are uploaded", ct).ConfigureAwait(false);
        }

        /// <summary>Writes a probe object (SSE-KMS under the key, else SSE-S3); the run removes it at its end.</summary>
        private async Task<Probe?> WriteProbeAsync(string check, string bucket, string key, string fixSid, string how, CancellationToken ct)
        {
            var probe = new Probe(bucket, key);
            var request = new PutObjectRequest
            {
                BucketName = bucket,
                Key = key,
                InputStream = new MemoryStream(ProbeContent),
                ContentType = "text/plain",
            };
            if (HasKey)
            {
                request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS;
                request.ServerSideEncryptionKeyManagementServiceKeyId = _plan.KmsKeyArn;
            }
            else
            {
                request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256;
            }
            try
            {
                // From here until the answer, the object may exist: clean up even if the call throws midway.
                probe.MayExist = true;
                _probes.Add(probe);
                var response = await _aws.S3.PutObjectAsync(request, ct).ConfigureAwait(false);
                probe.VersionId = string.IsNullOrEmpty(response.VersionId) ? null : response.VersionId;
                var under = HasKey ? " with SSE-KMS under " + _plan.KmsKeyArn : " with SSE-S3";
                Pass(check, probe.Uri, "Wrote the probe object" + under + ", " + how + ".");
                return probe;
            }
            catch (Exception e) when (IsServiceError(e))
            {
                // The service answered: the object was not written, so there is nothing to remove.
                probe.MayExist = false;
                Add(_fixes.Failure(check, probe.Uri, e, fixSid, AccessPolicyKind.StarterIdentityPolicy));
                return null;
            }
        }

        private async Task CheckReadAsync(CancellationToken ct)
        {
            string? key = _outputProbe is { MayExist: true } ? _outputProbe.Key : null;
            if (key is null && !Starting) key = await FindOutputObjectAsync(ct).ConfigureAwait(false);
            var location = S3Location.Of(_plan.OutputBucket, key ?? _plan.OutputKeyPrefix + "/").ToString();
            if (key is null)
            {
                Skip(AccessCheckNames.OutputReadable, location, Starting
                    ? "Nothing to read back: the probe object could not be written."
                    : "No object under the output prefix to read yet: run again after a job wrote output there, or with -Scope All as an identity that may write.");
                return;
            }
            try
            {
                using var response = await _aws.S3.GetObjectAsync(new GetObjectRequest { BucketName = _plan.OutputBucket, Key = key }, ct).ConfigureAwait(false);
                using (var sink = new MemoryStream())
                    await response.ResponseStream.CopyToAsync(sink, 81920, ct).ConfigureAwait(false);
                var encryption = response.ServerSideEncryptionMethod?.Value;
                var objectKey = response.ServerSideEncryptionKeyManagementServiceKeyId;
                if (HasKey && !(encryption == "aws:kms" && KmsKeyMatcher.Matches(_plan.KmsKeyArn!, objectKey)))
                {
                    Add(new AccessCheckResult(AccessCheckNames.OutputReadable, AccessCheckStatus.Failed, location,
                        $"Read the object, but it is {(string.IsNullOrEmpty(encryption) ? "not encrypted" : encryption)}{(string.IsNullOrEmpty(objectKey) ? "" : " under " + objectKey)}, not SSE-KMS under {_plan.KmsKeyArn}."));
                    return;
                }
                Pass(AccessCheckNames.OutputReadable, location, "GetObject succeeded" + (HasKey ? " and S3 decrypted it under " + _plan.KmsKeyArn + "." : "."));
            }
            catch (Exception e) when (IsServiceError(e))
            {
                Add(_fixes.Failure(AccessCheckNames.OutputReadable, location, e, AccessStatementIds.ReadTextractOutput, AccessPolicyKind.ReaderIdentityPolicy));
            }
        }

        /// <summary>For a reader, who cannot write a probe: some non-empty object a job wrote, if listing is allowed.</summary>
        private async Task<string?> FindOutputObjectAsync(CancellationToken ct)
        {
            try
            {
                var response = await _aws.S3.ListObjectsV2Async(new ListObjectsV2Request
                {
                    BucketName = _plan.OutputBucket,
                    Prefix = _plan.OutputKeyPrefix + "/",
                    MaxKeys = 100,
                }, ct).ConfigureAwait(false);
                return (response.S3Objects ?? new List<S3Object>()).FirstOrDefault(o => (o.Size ?? 0) > 0)?.Key;
            }
            catch (Exception e) when (IsServiceError(e))
            {
                return null; // OutputListable reports it.
            }
        }

        private async Task CheckListAsync(CancellationToken ct)
        {
            var prefix = _plan.OutputKeyPrefix + "/";
            var target = S3Location.Of(_plan.OutputBucket, prefix).ToString();
            try
            {
                await _aws.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _plan.OutputBucket, Prefix = prefix, MaxKeys = 1 }, ct).ConfigureAwait(false);
                Pass(AccessCheckNames.OutputListable, target, "ListObjectsV2 with prefix " + prefix + " succeeded.");
            }
            catch (Exception e) when (IsServiceError(e))
            {
                Add(_fixes.Failure(AccessCheckNames.OutputListable, target, e, AccessStatementIds.ListTextractOutput, AccessPolicyKind.ReaderIdentityPolicy));
            }
        }

        // --- Regions ----------------------------------------------------------------------------------------------

        private async Task CheckRegionsAsync(CancellationToken ct)
        {
            var buckets = _plan.Buckets;
            var target = string.Join(", ", buckets) + (HasKey ? ", " + _plan.KmsKeyArn : "") + " (Textract in " + _aws.Region + ")";
            var elsewhere = new List<string>();
            foreach (var bucket in buckets)
            {
                try
                {
                    var response = await _aws.S3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, ct).ConfigureAwait(false);
                    var region = RegionOfLocation(response.Location?.Value);
                    if (!string.Equals(region, _aws.Region, StringComparison.OrdinalIgnoreCase)) elsewhere.Add($"bucket {bucket} is in {region}");
                }
                catch (Exception e) when (IsServiceError(e))
                {
                    Add(_fixes.Failure(AccessCheckNames.SameRegion, target, e, AccessStatementIds.CheckBucketRegions, AccessPolicyKind.PreflightIdentityPolicy));
                    return;
                }
            }
            var keyRegion = AwsArn.RegionOfKey(_plan.KmsKeyArn);
            if (keyRegion != null && !string.Equals(keyRegion, _aws.Region, StringComparison.OrdinalIgnoreCase)) elsewhere.Add($"the key is in {keyRegion}");
            if (elsewhere.Count > 0)
            {
                Add(new AccessCheckResult(AccessCheckNames.SameRegion, AccessCheckStatus.Failed, target,
                    $"Textract here is in {_aws.Region}, but {string.Join(" and ", elsewhere)}. Textract reads documents, writes output and uses keys in its own region only: " +
                    "run the job in that region (-Region) or use buckets and a key in " + _aws.Region + "."));
                return;
            }
            Pass(AccessCheckNames.SameRegion, target, "The buckets" + (keyRegion != null ? " and the key" : "") + " are in " + _aws.Region + ", the region of the Textract endpoint.");
        }

        /// <summary>GetBucketLocation's answer: empty means us-east-1 and EU means eu-west-1, for historical reasons.</summary>
        internal static string RegionOfLocation(string? location) => string.IsNullOrEmpty(location) ? "us-east-1" : location == "EU" ? "eu-west-1" : location!;

        // --- Clean-up ---------------------------------------------------------------------------------------------

        private async Task RemoveProbeAsync(Probe probe)
        {
            using var deadline = new CancellationTokenSource(CleanupTimeout);
            try
            {
                // In a versioned bucket, deleting without the version id would leave the probe behind as a noncurrent version.
                await _aws.S3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = probe.Bucket, Key = probe.Key, VersionId = probe.VersionId }, deadline.Token).ConfigureAwait(false);
                Pass(AccessCheckNames.ProbeRemoved, probe.Uri, "Deleted the probe object: nothing is left behind.");
            }
            catch (Exception e) when (IsServiceError(e) || e is OperationCanceledException)
            {
                var left = $"The probe object {probe.Uri}{(probe.VersionId is null ? "" : " (version " + probe.VersionId + ")")} is LEFT BEHIND: delete it (Remove-S3Object).";
                var failure = _fixes.Failure(AccessCheckNames.ProbeRemoved, probe.Uri, e, AccessStatementIds.RemovePreflightProbes, AccessPolicyKind.PreflightIdentityPolicy);
                Add(new AccessCheckResult(failure.Check, failure.Status, failure.Target, left + " " + failure.Detail, failure.Fix, failure.FixIn));
            }
        }

        /// <summary>A probe object the run wrote (or may have written: the answer to its PutObject never came).</summary>
        private sealed class Probe
        {
            public Probe(string bucket, string key)
            {
                Bucket = bucket;
                Key = key;
            }

            public string Bucket { get; }
            public string Key { get; }
            public string? VersionId { get; set; }
            public bool MayExist { get; set; }
            public string Uri => S3Location.Of(Bucket, Key).ToString();
        }
    }
}
