using System;
using Amazon.Runtime;
using TextractTools.Engine.Api;

namespace TextractTools.Tests.Support
{
    /// <summary>Builds clients aimed at a stub server, with fixed fake keys and a small retry backoff cap.</summary>
    internal static class TestClients
    {
        public const string AccessKey = "AKIDTESTEXAMPLE";
        public const string SecretKey = "test-secret-never-shown";
        public const string SigningRegion = "eu-west-2";

        public static TextractClientConfig ConfigFor(StubHttpServer server) => new TextractClientConfig
        {
            ServiceURL = server.Url,
            AuthenticationRegion = SigningRegion,
            // Fixed here so AWS_MAX_ATTEMPTS on the test machine cannot change the request counts asserted.
            MaxErrorRetry = 2,
            MaxRetryBackoff = TimeSpan.FromMilliseconds(20),
        };

        public static TextractApi ApiFor(StubHttpServer server, Action<TextractClientConfig>? configure = null)
        {
            var config = ConfigFor(server);
            configure?.Invoke(config);
            return new TextractApi(new BasicAWSCredentials(AccessKey, SecretKey), config);
        }
    }
}
