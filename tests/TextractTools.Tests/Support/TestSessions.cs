using TextractTools.Engine.Session;

namespace TextractTools.Tests.Support
{
    /// <summary>
    /// The one way tests make an <see cref="AwsSession"/> (the composition root the cmdlets use) for an endpoint:
    /// <see cref="LocalEndpointFixture.CreateSession"/> for the fixture's endpoint, this for any other.
    /// </summary>
    internal static class TestSessions
    {
        public static AwsSession For(string endpointUrl, string accessKey, string secretKey, string region = "us-east-1") =>
            AwsSession.Resolve(new AwsConnectionSettings { AccessKey = accessKey, SecretKey = secretKey, Region = region, EndpointUrl = endpointUrl });
    }
}
