using System;
using TextractTools.Engine;
using S3Location = TextractTools.Engine.S3Location;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using TextractTools.Engine.Api;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Samples;
using TextractTools.Tests.Support;
using Xunit;
using TextractTools.Tests.LocalEndpoint.Textract;

namespace TextractTools.Tests.Support
{
    /// <summary>Builds policy documents as objects, serialized into the policy file as written by hand.</summary>
    internal static class PolicyJson
    {
        public static object Statement(string sid, string effect, string[] actions, string[] resources, object? condition = null) =>
            condition is null
                ? new { Sid = sid, Effect = effect, Action = actions, Resource = resources }
                : new { Sid = sid, Effect = effect, Action = actions, Resource = resources, Condition = condition };

        public static object Allow(string sid, string[] actions, params string[] resources) => Statement(sid, "Allow", actions, resources);

        public static object Document(params object[] statements) => new { Version = "2012-10-17", Statement = statements };

        public static object Principal(string secret, string arn, params object[] statements) =>
            new { SecretKey = secret, Arn = arn, Policies = new[] { Document(statements) } };
    }

    /// <summary>
    /// A local endpoint started with a policy file that defines the principals of a Textract set-up: a job starter
    /// (with the least-privilege statements of a Start with OutputConfig and KMSKeyId), one starter per missing
    /// statement, the widely copied mistake, and results readers with and without kms:Decrypt. Buckets policy-in,
    /// policy-out and the key alias/policy-job exist from the start; the sample PDF is in policy-in under docs/,
    /// SSE-KMS under the key. Setup goes through the administrator credentials, which no policy restricts.
    /// </summary>
    public sealed class PolicyEndpointFixture : IAsyncLifetime
    {
        public const string InputBucket = "policy-in";
        public const string OutputBucket = "policy-out";
        public const string InputKey = "docs/sample.pdf";
        public const string OutputPrefix = "textract";
        public const string KeyAlias = "alias/policy-job";
        public const string Account = "000000000000";

        /// <summary>The starter's statements by Sid, each a step of the Start: the principals below lack one each.</summary>
        public static readonly string[] StarterSids = { "StartAndReadJobs", "ReadInput", "WriteOutput", "UseJobKey" };

        private readonly LocalEndpointFixture _endpoint = new();
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "textracttools-policy-" + Guid.NewGuid().ToString("N"));

        public EndpointServer Server => _endpoint.Server;

        public LocalEndpointFixture Endpoint => _endpoint;

        public string KeyArn { get; private set; } = "";

        public string PolicyFilePath => Path.Combine(_folder, "policy.json");

        public static string UserArn(string name) => $"arn:aws:iam::{Account}:user/{name}";

        public static string AccessKeyOf(string name) => "AKID" + name.ToUpperInvariant().Replace("-", "");

        public static BasicAWSCredentials CredentialsOf(string name) => new(AccessKeyOf(name), name + "-secret");

        public AmazonS3Client S3As(string name) => _endpoint.CreateS3(CredentialsOf(name), maxErrorRetry: 0);

        public Amazon.KeyManagementService.AmazonKeyManagementServiceClient KmsAs(string name) => _endpoint.CreateKms(CredentialsOf(name), maxErrorRetry: 0);

        public TextractApi TextractAs(string name) => new(CredentialsOf(name), new TextractClientConfig
        {
            ServiceURL = _endpoint.BaseUri.ToString(),
            AuthenticationRegion = _endpoint.Region,
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromSeconds(30),
        });

        /// <summary>A Start with OutputConfig and KMSKeyId on the sample document, as the module makes it.</summary>
        public StartJobRequest StartRequest(string? clientRequestToken = null) => new(
            S3Location.Of(InputBucket, InputKey),
            new JobOptions { Features = new[] { "TABLES", "FORMS" }, Output = S3Location.Of(OutputBucket, OutputPrefix + "/"), KmsKeyId = KeyAlias }.Normalized(),
            clientRequestToken);

        /// <summary>Polls until the job leaves IN_PROGRESS (jobs take no time here); bounded.</summary>
        public static async Task<JobResultPage> WaitAsync(TextractApi textract, string jobId)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                var page = await textract.GetJobPageAsync(TextractJobKind.DocumentAnalysis, new GetJobPageRequest(jobId, maxResults: 1), CancellationToken.None);
                if (page.JobStatus != "IN_PROGRESS") return page;
                await Task.Delay(50);
            }
            throw new TimeoutException($"Job {jobId} did not finish.");
        }

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(_folder);
            var options = _endpoint.Options;
            options.JobDuration = TimeSpan.Zero;
            options.SeedBuckets.Add(InputBucket);
            options.SeedBuckets.Add(OutputBucket);
            options.SeedKeyAliases.Add(KeyAlias);
            KeyArn = EndpointServer.SeededKeyArn(options, KeyAlias);
            File.WriteAllText(PolicyFilePath, JsonSerializer.Serialize(PolicyFileContent(KeyArn), new JsonSerializerOptions { WriteIndented = true }));
            options.PolicyFile = PolicyFilePath;
            await _endpoint.InitializeAsync();

            using var admin = _endpoint.CreateS3(maxErrorRetry: 0);
            await admin.PutObjectAsync(new PutObjectRequest
            {
                BucketName = InputBucket,
                Key = InputKey,
                InputStream = new MemoryStream(ProjectSample.CreatePdf()),
                ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS,
                ServerSideEncryptionKeyManagementServiceKeyId = KeyArn,
            });
        }

        public async Task DisposeAsync()
        {
            await _endpoint.DisposeAsync();
            try { Directory.Delete(_folder, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }

        /// <summary>The starter's least-privilege statements for a Start with OutputConfig and KMSKeyId.</summary>
        public static Dictionary<string, object> StarterStatements(string keyArn) => new()
        {
            ["StartAndReadJobs"] = PolicyJson.Allow("StartAndReadJobs", new[] { "textract:StartDocumentAnalysis", "textract:GetDocumentAnalysis" }, "*"),
            ["ReadInput"] = PolicyJson.Allow("ReadInput", new[] { "s3:GetObject" }, $"arn:aws:s3:::{InputBucket}/docs/*"),
            ["WriteOutput"] = PolicyJson.Allow("WriteOutput", new[] { "s3:PutObject" }, $"arn:aws:s3:::{OutputBucket}/{OutputPrefix}/*"),
            ["UseJobKey"] = PolicyJson.Allow("UseJobKey", new[] { "kms:GenerateDataKey", "kms:Encrypt", "kms:ReEncrypt*", "kms:Decrypt", "kms:DescribeKey" }, keyArn),
        };

        private static object PolicyFileContent(string keyArn)
        {
            var starter = StarterStatements(keyArn);
            var principals = new Dictionary<string, object>
            {
                [AccessKeyOf("starter")] = PolicyJson.Principal("starter-secret", UserArn("starter"), starter.Values.ToArray()),
                // The write-output statement as widely copied: s3:GetObject on the input bucket instead of s3:PutObject on the output.
                [AccessKeyOf("mistaken")] = PolicyJson.Principal("mistaken-secret", UserArn("mistaken"),
                    starter["StartAndReadJobs"], starter["ReadInput"], starter["UseJobKey"],
                    PolicyJson.Allow("WriteOutput", new[] { "s3:GetObject" }, $"arn:aws:s3:::{InputBucket}/*")),
                [AccessKeyOf("reader")] = PolicyJson.Principal("reader-secret", UserArn("reader"), ReaderStatements(keyArn, withDecrypt: true)),
                [AccessKeyOf("reader-nokms")] = PolicyJson.Principal("reader-nokms-secret", UserArn("reader-nokms"), ReaderStatements(keyArn, withDecrypt: false)),
            };
            foreach (var sid in StarterSids)
            {
                var name = "without-" + sid.ToLowerInvariant();
                principals[AccessKeyOf(name)] = PolicyJson.Principal(name + "-secret", UserArn(name),
                    starter.Where(s => s.Key != sid).Select(s => s.Value).ToArray());
            }
            return new
            {
                AccountId = Account,
                Principals = principals,
                KeyPolicies = new Dictionary<string, object>
                {
                    // The AWS default written out, plus the reader named directly for DescribeKey (a key policy grant).
                    [KeyAlias] = PolicyJson.Document(
                        new { Sid = "Enable IAM User Permissions", Effect = "Allow", Principal = new { AWS = $"arn:aws:iam::{Account}:root" }, Action = "kms:*", Resource = "*" },
                        new { Sid = "ReaderDescribesTheKey", Effect = "Allow", Principal = new { AWS = UserArn("reader") }, Action = "kms:DescribeKey", Resource = "*" }),
                },
            };
        }

        private static object[] ReaderStatements(string keyArn, bool withDecrypt)
        {
            var statements = new List<object>
            {
                PolicyJson.Allow("ReadOutput", new[] { "s3:GetObject" }, $"arn:aws:s3:::{OutputBucket}/{OutputPrefix}/*"),
                PolicyJson.Statement("ListOutput", "Allow", new[] { "s3:ListBucket" }, new[] { $"arn:aws:s3:::{OutputBucket}" },
                    new { StringLike = new Dictionary<string, string[]> { ["s3:prefix"] = new[] { OutputPrefix + "/*" } } }),
            };
            if (withDecrypt) statements.Add(PolicyJson.Allow("DecryptOutput", new[] { "kms:Decrypt" }, keyArn));
            return statements.ToArray();
        }
    }
}
