using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using TextractTools.Engine.Access;
using TextractTools.Engine.Session;
using TextractTools.LocalEndpoint.Hosting;

namespace TextractTools.Tests.Support
{
    /// <summary>
    /// A local endpoint started with a policy file made from generated policies: a job starter and a results
    /// reader with the identity policies given, and the key policy given (none: the default key policy, where the
    /// identity policies decide). The endpoint's own credentials stay an unrestricted administrator, for set-up.
    /// </summary>
    internal sealed class PolicyEndpoint : IAsyncDisposable
    {
        public const string StarterKey = "AKIDTESTSTARTER";
        public const string ReaderKey = "AKIDTESTREADER";
        public const string StarterArn = "arn:aws:iam::000000000000:user/textract-starter";
        public const string ReaderArn = "arn:aws:iam::000000000000:user/results-reader";
        public const string Alias = "alias/access-tests";
        public const string InputBucket = "access-input";
        public const string OutputBucket = "access-output";

        private readonly EndpointServer _server;
        private readonly string _policyFile;
        private readonly List<AwsSession> _sessions = new();

        private PolicyEndpoint(EndpointServer server, string policyFile, EndpointOptions options)
        {
            _server = server;
            _policyFile = policyFile;
            Options = options;
        }

        public EndpointOptions Options { get; }

        public string Url => _server.BaseUri.ToString();

        /// <summary>The plan every test uses; the key ARN is the one the endpoint gives the alias it creates at start.</summary>
        public static AccessPlan Plan()
        {
            var options = NewOptions();
            return new AccessPlan
            {
                InputBucket = InputBucket,
                InputPrefix = "docs/",
                // Local documents are uploaded beside the others: the upload statement and its check are part of every test.
                UploadBucket = InputBucket,
                UploadPrefix = "uploads/",
                OutputBucket = OutputBucket,
                OutputPrefix = "textract/",
                KmsKeyArn = EndpointServer.SeededKeyArn(options, Alias),
                StarterPrincipalArn = StarterArn,
                ReaderPrincipalArn = ReaderArn,
            };
        }

        public static Task<PolicyEndpoint> StartAsync(PolicyDocument starter, PolicyDocument reader, PolicyDocument? keyPolicy = null) =>
            StartAsync(starter.ToJson(), reader.ToJson(), keyPolicy?.ToJson());

        public static async Task<PolicyEndpoint> StartAsync(string starterJson, string readerJson, string? keyPolicyJson)
        {
            var file = new JsonObject
            {
                ["AccountId"] = "000000000000",
                ["Principals"] = new JsonObject
                {
                    [StarterKey] = Principal("starter-secret", StarterArn, starterJson),
                    [ReaderKey] = Principal("reader-secret", ReaderArn, readerJson),
                },
            };
            if (keyPolicyJson != null) file["KeyPolicies"] = new JsonObject { [Alias] = JsonNode.Parse(keyPolicyJson) };
            var path = Path.Combine(Path.GetTempPath(), "textracttools-policy-" + Guid.NewGuid().ToString("N") + ".json");
            await File.WriteAllTextAsync(path, file.ToJsonString());
            var options = NewOptions();
            options.PolicyFile = path;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var server = await EndpointServer.StartAsync(options, timeout.Token);
            return new PolicyEndpoint(server, path, options);
        }

        private static JsonObject Principal(string secret, string arn, string policyJson) => new()
        {
            ["SecretKey"] = secret,
            ["Arn"] = arn,
            ["Policies"] = new JsonArray(JsonNode.Parse(policyJson)),
        };

        private static EndpointOptions NewOptions()
        {
            var options = new EndpointOptions();
            options.SeedBuckets.Add(InputBucket);
            options.SeedBuckets.Add(OutputBucket);
            options.SeedKeyAliases.Add(Alias);
            return options;
        }

        public AwsSession Starter() => Session(StarterKey, "starter-secret");

        public AwsSession Reader() => Session(ReaderKey, "reader-secret");

        public AwsSession Admin()
        {
            var pair = Options.Credentials.First();
            return Session(pair.Key, pair.Value);
        }

        private AwsSession Session(string accessKey, string secretKey)
        {
            var session = TestSessions.For(Url, accessKey, secretKey, Options.Region);
            _sessions.Add(session);
            return session;
        }

        public static AccessPreflight Preflight(AwsSession session) => new(session.S3, session.Kms, session.Textract, session.Region);

        /// <summary>Puts a document (any bytes; the preflight never starts a job on it) as the administrator.</summary>
        public async Task<string> PutAsAdminAsync(string bucket, string key, bool underKey)
        {
            var request = new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "%PDF-1.4 test document" };
            if (underKey)
            {
                request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS;
                request.ServerSideEncryptionKeyManagementServiceKeyId = Alias;
            }
            await Admin().S3.PutObjectAsync(request);
            return key;
        }

        /// <summary>Every key in the bucket, as the administrator sees it.</summary>
        public async Task<IReadOnlyList<string>> KeysAsync(string bucket)
        {
            var response = await Admin().S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
            return (response.S3Objects ?? new List<S3Object>()).Select(o => o.Key).ToList();
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var session in _sessions) session.Dispose();
            await _server.DisposeAsync();
            try { File.Delete(_policyFile); } catch (IOException) { }
        }
    }
}
