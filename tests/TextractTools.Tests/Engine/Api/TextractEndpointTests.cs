using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using TextractTools.Engine.Api;
using TextractTools.Engine.Api.Client;
using Xunit;

namespace TextractTools.Tests.Engine.Api
{
    /// <summary>Endpoint rules, checked on the config without sending anything.</summary>
    public sealed class TextractEndpointTests
    {
        [Theory]
        [InlineData("us-east-1", false, "https://textract.us-east-1.amazonaws.com")]
        [InlineData("eu-central-1", false, "https://textract.eu-central-1.amazonaws.com")]
        [InlineData("cn-north-1", false, "https://textract.cn-north-1.amazonaws.com.cn")]
        [InlineData("us-east-2", true, "https://textract-fips.us-east-2.amazonaws.com")]
        [InlineData("us-gov-west-1", true, "https://textract-fips.us-gov-west-1.amazonaws.com")]
        public void A_region_gives_the_textract_endpoint_of_its_partition(string region, bool fips, string expected)
        {
            var config = new TextractClientConfig
            {
                RegionEndpoint = RegionEndpoint.GetBySystemName(region),
                UseFIPSEndpoint = fips,
                // AWS_ENDPOINT_URL* or endpoint_url in the machine's profile would otherwise take over.
                IgnoreConfiguredEndpointUrls = true,
            };

            var endpoint = config.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(null));

            Assert.Equal(expected, endpoint.URL.TrimEnd('/'));
        }

        [Fact]
        public void ServiceURL_wins_over_region_rules()
        {
            var config = new TextractClientConfig { ServiceURL = "http://127.0.0.1:4566", AuthenticationRegion = "eu-west-1" };

            using var api = new TextractApi(new BasicAWSCredentials("AKIDX", "secret"), config);

            Assert.Equal("http://127.0.0.1:4566/", api.Endpoint.ToString());
        }

        [Fact]
        public void The_config_names_the_service_as_the_sdk_and_signer_expect()
        {
            var config = new TextractClientConfig();

            Assert.Equal("Textract", config.ServiceId);
            Assert.Equal("textract", config.AuthenticationServiceName);
            Assert.Equal("textract", config.RegionEndpointServiceName);
            Assert.Equal("2018-06-27", config.ServiceVersion);
            Assert.Contains("Textract", config.UserAgent);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("not a region")]
        public void The_provider_refuses_a_missing_or_malformed_region(string? region)
        {
            var provider = new TextractEndpointProvider();

            Assert.Throws<AmazonClientException>(() => provider.ResolveEndpoint(new TextractEndpointParameters { Region = region }));
        }
    }
}
