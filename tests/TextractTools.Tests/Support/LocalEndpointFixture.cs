using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.S3;
using TextractTools.Engine.Session;
using TextractTools.LocalEndpoint.Hosting;
using Xunit;

namespace TextractTools.Tests.Support
{
    /// <summary>
    /// One local endpoint per test class (use with IClassFixture&lt;LocalEndpointFixture&gt;), with real AWS SDK
    /// clients pointed at it. Test classes share nothing else: give buckets and aliases names unique to the test.
    /// </summary>
    public sealed class LocalEndpointFixture : IAsyncLifetime
    {
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);

        private EndpointServer? _server;

        public EndpointOptions Options { get; } = new();

        public EndpointServer Server => _server ?? throw new InvalidOperationException("The endpoint is not started.");

        public Uri BaseUri => Server.BaseUri;

        public string Region => Options.Region;

        /// <summary>The credentials the endpoint accepts (the first pair of <see cref="EndpointOptions.Credentials"/>).</summary>
        public BasicAWSCredentials Credentials
        {
            get
            {
                var pair = Options.Credentials.First();
                return new BasicAWSCredentials(pair.Key, pair.Value);
            }
        }

        /// <param name="credentials">Other credentials than <see cref="Credentials"/> (e.g. a wrong secret).</param>
        /// <param name="maxErrorRetry">0 in tests that assert errors, so failures come back at once.</param>
        public AmazonS3Client CreateS3(AWSCredentials? credentials = null, int maxErrorRetry = 2)
        {
            var config = new AmazonS3Config
            {
                ServiceURL = BaseUri.ToString(),
                ForcePathStyle = true,
                AuthenticationRegion = Region,
                MaxErrorRetry = maxErrorRetry,
                Timeout = ClientTimeout,
            };
            return new AmazonS3Client(credentials ?? Credentials, config);
        }

        public AmazonKeyManagementServiceClient CreateKms(AWSCredentials? credentials = null, int maxErrorRetry = 2)
        {
            var config = new AmazonKeyManagementServiceConfig
            {
                ServiceURL = BaseUri.ToString(),
                AuthenticationRegion = Region,
                MaxErrorRetry = maxErrorRetry,
                Timeout = ClientTimeout,
            };
            return new AmazonKeyManagementServiceClient(credentials ?? Credentials, config);
        }

        /// <summary>
        /// A session (what the cmdlets use) on this endpoint, with its credentials or others (a wrong secret, a key the
        /// endpoint does not know). The caller disposes it.
        /// </summary>
        public AwsSession CreateSession(string? accessKey = null, string? secretKey = null)
        {
            var keys = Credentials.GetCredentials();
            return TestSessions.For(BaseUri.ToString(), accessKey ?? keys.AccessKey, secretKey ?? keys.SecretKey, Region);
        }

        public async Task InitializeAsync()
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            _server = await EndpointServer.StartAsync(Options, timeout.Token);
        }

        public async Task DisposeAsync()
        {
            if (_server is not null) await _server.DisposeAsync();
        }
    }
}
