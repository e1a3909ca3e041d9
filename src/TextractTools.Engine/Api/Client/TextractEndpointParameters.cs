using Amazon;
using Amazon.Runtime.Endpoints;
using Amazon.Util;

namespace TextractTools.Engine.Api.Client
{
    /// <summary>
    /// What the endpoint rules need to know: region, FIPS, dual-stack and an explicit endpoint. Kept in the SDK's
    /// property bag (Core compares these bags to reuse an endpoint already resolved for a retried request).
    /// </summary>
    internal sealed class TextractEndpointParameters : EndpointParameters
    {
        public string? Region
        {
            get => (string?)this["Region"];
            set => this["Region"] = value;
        }

        public bool UseFips
        {
            get => (bool?)this["UseFIPS"] ?? false;
            set => this["UseFIPS"] = value;
        }

        public bool UseDualStack
        {
            get => (bool?)this["UseDualStack"] ?? false;
            set => this["UseDualStack"] = value;
        }

        public string? Endpoint
        {
            get => (string?)this["Endpoint"];
            set => this["Endpoint"] = value;
        }

        /// <summary>
        /// Reads the parameters from a config. With a ServiceURL and no RegionEndpoint the region is the
        /// AuthenticationRegion (what the request will be signed for), else whatever the URL itself names.
        /// </summary>
        public static TextractEndpointParameters FromConfig(TextractClientConfig config, RegionEndpoint? alternateEndpoint)
        {
            var serviceUrl = config.ServiceURL;
            var parameters = new TextractEndpointParameters
            {
                UseFips = config.UseFIPSEndpoint,
                UseDualStack = config.UseDualstackEndpoint,
                Endpoint = string.IsNullOrEmpty(serviceUrl) ? null : serviceUrl,
            };

            if (alternateEndpoint != null)
            {
                parameters.Region = alternateEndpoint.SystemName;
            }
            else if (parameters.Endpoint != null)
            {
                // Setting ServiceURL turns RegionEndpoint probing off, so reading it here never walks the region chain.
                parameters.Region = config.RegionEndpoint?.SystemName
                    ?? NullIfEmpty(config.AuthenticationRegion)
                    ?? AWSSDKUtils.DetermineRegion(parameters.Endpoint);
            }
            else
            {
                parameters.Region = config.RegionEndpoint?.SystemName;
            }

            return parameters;
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
