using System;
using TextractTools.Engine;
using S3Location = TextractTools.Engine.S3Location;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KeyManagementService.Model;
using Amazon.S3.Model;
using TextractTools.Engine.Access;
using TextractTools.Engine.Api;
using TextractTools.Engine.Session;
using TextractTools.Tests.Support;
using Xunit;

namespace TextractTools.Tests.Engine.Access
{
    /// <summary>The preflight against the local endpoint without a policy file, where every call is allowed:
    /// the checks it makes, what it finds wrong that is not a permission, and that it leaves nothing behind.</summary>
    public sealed class AccessPreflightTests : IClassFixture<LocalEndpointFixture>
    {
        private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
        private readonly LocalEndpointFixture _endpoint;

        public AccessPreflightTests(LocalEndpointFixture endpoint) { _endpoint = endpoint; }

        private AwsSession Session(string? accessKey = null, string? secretKey = null) => _endpoint.CreateSession(accessKey: accessKey, secretKey: secretKey);

        /// <summary>Buckets and a key of the test's own, and a document in the input bucket.</summary>
        private async Task<(AccessPlan Plan, S3Location Document, string KeyArn)> SetUpAsync(string name)
        {
            using var s3 = _endpoint.CreateS3();
            using var kms = _endpoint.CreateKms();
            await s3.PutBucketAsync(name + "-in");
            await s3.PutBucketAsync(name + "-out");
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = name + "-in", Key = "docs/a.pdf", ContentBody = "%PDF-1.4" });
            var key = (await kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata;
            await kms.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/" + name, TargetKeyId = key.KeyId });
            var plan = new AccessPlan
            {
                InputBucket = name + "-in",
                InputPrefix = "docs/",
                OutputBucket = name + "-out",
                OutputPrefix = "textract",
                KmsKeyArn = "alias/" + name,
            };
            return (plan, S3Location.Of(name + "-in", "docs/a.pdf"), key.Arn);
        }

        private async Task<IReadOnlyList<AccessCheckResult>> RunAsync(AccessPlan plan, S3Location? document, AccessCheckScope scope, string? region = null,
            AwsSession? as_ = null)
        {
            using var session = as_ ?? Session();
            using var bound = new CancellationTokenSource(Bound);
            return await new AccessPreflight(session.S3, session.Kms, session.Textract, region ?? session.Region).RunAsync(plan, document, scope, bound.Token);
        }

        private async Task<IReadOnlyList<string>> KeysAsync(string bucket)
        {
            using var s3 = _endpoint.CreateS3();
            return (await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects?.Select(o => o.Key).ToList() ?? new List<string>();
        }

        [Fact]
        public async Task A_working_setup_passes_every_check_in_order_and_leaves_nothing_behind()
        {
            var (plan, document, keyArn) = await SetUpAsync("pf-ok");

            var results = await RunAsync(plan, document, AccessCheckScope.All);

            Assert.Equal(new[]
            {
                "KeyDescribable", "InputReadable", "TextractStart", "TextractGet", "KeyGeneratesDataKeys", "KeyDecrypts",
                "OutputWritable", "OutputReadable", "OutputListable", "SameRegion", "ProbeRemoved",
            }, results.Select(r => r.Check));
            Assert.All(results, r => Assert.True(r.Passed, r.Check + ": " + r.Detail));
            Assert.All(results, r => Assert.Null(r.Fix));
            Assert.Contains(keyArn, results.Single(r => r.Check == "KeyDescribable").Detail);
            Assert.Contains(keyArn, results.Single(r => r.Check == "OutputReadable").Detail);
            Assert.StartsWith("s3://pf-ok-out/textract/.textracttools-preflight/", results.Single(r => r.Check == "OutputWritable").Target);
            Assert.Empty(await KeysAsync("pf-ok-out"));
            Assert.Equal(new[] { "docs/a.pdf" }, await KeysAsync("pf-ok-in"));
            Assert.Equal("alias/pf-ok", plan.KmsKeyArn); // the caller's plan is not changed by the resolution
        }

        [Fact]
        public async Task The_starters_checks_do_not_read_and_the_readers_do_not_write()
        {
            var (plan, document, _) = await SetUpAsync("pf-scope");

            var start = await RunAsync(plan, document, AccessCheckScope.Start);
            var read = await RunAsync(plan, null, AccessCheckScope.Read);

            Assert.DoesNotContain(start, r => r.Check is "OutputReadable" or "OutputListable");
            Assert.All(start, r => Assert.True(r.Passed, r.Check + ": " + r.Detail));
            Assert.Equal(new[] { "KeyDescribable", "OutputReadable", "OutputListable" }, read.Select(r => r.Check));
            // A reader cannot write a probe: with nothing under the prefix yet, there is nothing to read.
            Assert.Equal(AccessCheckStatus.Skipped, read.Single(r => r.Check == "OutputReadable").Status);
            Assert.Empty(await KeysAsync("pf-scope-out"));
        }

        [Fact]
        public async Task A_reader_reads_back_an_object_a_job_wrote()
        {
            var (plan, _, keyArn) = await SetUpAsync("pf-read");
            using var s3 = _endpoint.CreateS3();
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = "pf-read-out", Key = "textract/job-1/1", ContentBody = "{}",
                ServerSideEncryptionMethod = Amazon.S3.ServerSideEncryptionMethod.AWSKMS, ServerSideEncryptionKeyManagementServiceKeyId = keyArn,
            });

            var read = await RunAsync(plan, null, AccessCheckScope.Read);

            var readable = read.Single(r => r.Check == "OutputReadable");
            Assert.True(readable.Passed, readable.Detail);
            Assert.Equal("s3://pf-read-out/textract/job-1/1", readable.Target);
        }

        [Fact]
        public async Task Output_under_another_key_fails_the_read_back()
        {
            var (plan, _, _) = await SetUpAsync("pf-other");
            using var s3 = _endpoint.CreateS3();
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "pf-other-out", Key = "textract/job-1/1", ContentBody = "{}", ServerSideEncryptionMethod = Amazon.S3.ServerSideEncryptionMethod.AES256 });

            var readable = (await RunAsync(plan, null, AccessCheckScope.Read)).Single(r => r.Check == "OutputReadable");

            Assert.Equal(AccessCheckStatus.Failed, readable.Status);
            Assert.Contains("AES256", readable.Detail);
            Assert.Null(readable.Fix);
        }

        [Fact]
        public async Task A_missing_document_fails_without_a_policy_fix()
        {
            var (plan, _, _) = await SetUpAsync("pf-missing");

            var results = await RunAsync(plan, S3Location.Of("pf-missing-in", "docs/none.pdf"), AccessCheckScope.Start);

            var input = results.Single(r => r.Check == "InputReadable");
            Assert.Equal(AccessCheckStatus.Failed, input.Status);
            Assert.Contains("does not exist", input.Detail);
            // In AWS's words or ours, never the SDK's stand-in for a HEAD answer without a body.
            Assert.DoesNotContain("Error making request", input.Detail);
            Assert.Null(input.Fix);
            Assert.Single(results, r => r.Status == AccessCheckStatus.Failed);
        }

        [Fact]
        public async Task Buckets_in_another_region_than_Textract_fail_SameRegion()
        {
            var (plan, document, _) = await SetUpAsync("pf-region");

            var results = await RunAsync(plan, document, AccessCheckScope.Start, region: "eu-west-1");

            var region = results.Single(r => r.Check == "SameRegion");
            Assert.Equal(AccessCheckStatus.Failed, region.Status);
            Assert.Contains("bucket pf-region-in is in us-east-1", region.Detail);
            Assert.Contains("the key is in us-east-1", region.Detail);
            Assert.Null(region.Fix);
            Assert.True(results.Single(r => r.Check == "ProbeRemoved").Passed);
        }

        [Fact]
        public async Task A_disabled_key_fails_the_key_check()
        {
            var (plan, document, keyArn) = await SetUpAsync("pf-disabled");
            using var kms = _endpoint.CreateKms();
            await kms.DisableKeyAsync(new DisableKeyRequest { KeyId = keyArn });

            var key = (await RunAsync(plan, document, AccessCheckScope.Start)).Single(r => r.Check == "KeyDescribable");

            Assert.Equal(AccessCheckStatus.Failed, key.Status);
            Assert.Contains("Disabled", key.Detail);
            Assert.Null(key.Fix);
        }

        [Fact]
        public async Task Without_a_key_the_probe_is_SSE_S3_and_no_key_is_checked()
        {
            var (plan, document, _) = await SetUpAsync("pf-nokey");
            plan.KmsKeyArn = null;

            var results = await RunAsync(plan, document, AccessCheckScope.All);

            Assert.DoesNotContain(results, r => r.Check.StartsWith("Key", StringComparison.Ordinal));
            Assert.Contains("SSE-S3", results.Single(r => r.Check == "OutputWritable").Detail);
            Assert.All(results, r => Assert.True(r.Passed, r.Check + ": " + r.Detail));
        }

        [Fact]
        public async Task The_probe_is_removed_when_the_run_is_cancelled_midway()
        {
            var (plan, document, _) = await SetUpAsync("pf-cancel");
            using var session = Session();
            using var cancel = new CancellationTokenSource(Bound);
            var seen = new List<AccessCheckResult>();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new AccessPreflight(session.S3, session.Kms, session.Textract, session.Region).RunAsync(plan, document, AccessCheckScope.All, cancel.Token,
                    r => { seen.Add(r); if (r.Check == "OutputWritable") cancel.Cancel(); }));

            Assert.True(seen.Single(r => r.Check == "OutputWritable").Passed);
            Assert.True(seen.Single(r => r.Check == "ProbeRemoved").Passed);
            Assert.Empty(await KeysAsync("pf-cancel-out"));
        }

        [Fact]
        public async Task Uploads_are_checked_with_a_probe_encrypted_as_uploads_are_and_removed()
        {
            var (plan, _, keyArn) = await SetUpAsync("pf-upload");
            plan.InputBucket = "";
            plan.InputPrefix = "";
            plan.UploadBucket = "pf-upload-in";
            plan.UploadPrefix = "inbox";

            var results = await RunAsync(plan, null, AccessCheckScope.Start);

            var upload = results.Single(r => r.Check == "UploadWritable");
            Assert.True(upload.Passed, upload.Detail);
            Assert.StartsWith("s3://pf-upload-in/inbox/.textracttools-preflight/", upload.Target);
            Assert.Contains("SSE-KMS under " + keyArn, upload.Detail);
            // Textract is asked about a document under the upload folder; both probes are gone.
            Assert.StartsWith("textract:", results.Single(r => r.Check == "TextractStart").Target);
            Assert.Equal(2, results.Count(r => r.Check == "ProbeRemoved" && r.Passed));
            Assert.All(results.Where(r => r.Check != "InputReadable"), r => Assert.True(r.Passed, r.Check + ": " + r.Detail));
            Assert.Equal(new[] { "docs/a.pdf" }, await KeysAsync("pf-upload-in"));
            Assert.Empty(await KeysAsync("pf-upload-out"));
        }

        [Fact]
        public async Task Textract_is_asked_about_the_operations_of_the_planned_kinds_only()
        {
            var (plan, document, _) = await SetUpAsync("pf-kinds");
            plan.Kinds = new[] { TextractJobKind.LendingAnalysis, TextractJobKind.ExpenseAnalysis };

            var results = await RunAsync(plan, document, AccessCheckScope.Start);

            var start = results.Single(r => r.Check == "TextractStart");
            Assert.True(start.Passed, start.Detail);
            Assert.Equal("textract:StartExpenseAnalysis, textract:StartLendingAnalysis", start.Target);
            var get = results.Single(r => r.Check == "TextractGet");
            Assert.True(get.Passed, get.Detail);
            // The lending summary operation is asked about too, as the expense and lending Gets are.
            Assert.Equal("textract:GetExpenseAnalysis, textract:GetLendingAnalysis, textract:GetLendingAnalysisSummary", get.Target);
            Assert.Contains("All 3 Get operations were authorized", get.Detail);
        }

        [Theory]
        [InlineData("AKIDNOBODYKNOWS", null)]      // an access key the endpoint does not know
        [InlineData(null, "not-the-secret")]       // the right key, a wrong secret: a bad signature
        public async Task Credentials_AWS_refuses_are_said_to_be_that_with_no_statement_to_add(string? accessKey, string? secretKey)
        {
            var (plan, document, _) = await SetUpAsync("pf-creds-" + (accessKey is null ? "sig" : "key"));

            var results = await RunAsync(plan, document, AccessCheckScope.Start, as_: Session(accessKey, secretKey));

            var first = results[0];
            Assert.Equal(AccessCheckStatus.Failed, first.Status);
            Assert.True(first.CredentialsRefused, first.Detail);
            Assert.Null(first.Fix);
            Assert.Contains("refused the credentials", first.Detail);
            Assert.Contains("No policy statement", first.Detail);
            // One result says so; the other checks are not run to repeat it, and none proposes a statement.
            Assert.Equal(new[] { "KeyDescribable", "Credentials" }, results.Select(r => r.Check));
            Assert.Equal(AccessCheckStatus.Skipped, results[1].Status);
            Assert.All(results, r => Assert.Null(r.Fix));
            Assert.True(new AccessPreflightException("to test", results).IsCredentialsProblem);
        }
    }
}
