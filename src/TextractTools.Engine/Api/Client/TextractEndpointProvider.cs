using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal.Endpoints.StandardLibrary;

namespace TextractTools.Engine.Api.Client
{
    /// <summary>
    /// Textract's endpoint rules (CLIENT-NOTES pitfall 3): an explicit endpoint wins; otherwise
    /// https://textract[-fips].{region}.{partition DNS suffix} (amazonaws.com, amazonaws.com.cn for China, ...).
    /// The partition table is Core's, so new partitions arrive with SDK updates.
    /// </summary>
    internal sealed class TextractEndpointProvider : IEndpointProvider
    {
        public Endpoint ResolveEndpoint(EndpointParameters parameters)
        {
            var textractParameters = parameters as TextractEndpointParameters
                ?? throw new AmazonClientException("Textract endpoint resolution needs TextractEndpointParameters.");

            if (!string.IsNullOrEmpty(textractParameters.Endpoint))
            {
                return new Endpoint(textractParameters.Endpoint);
            }

            var region = textractParameters.Region;
            if (string.IsNullOrEmpty(region))
            {
                throw new AmazonClientException("No AWS region is configured for Textract: set RegionEndpoint or ServiceURL.");
            }

            if (!Fn.IsValidHostLabel(region, allowSubDomains: false))
            {
                throw new AmazonClientException("'" + region + "' is not a valid AWS region name.");
            }

            var partition = Fn.Partition(region);
            var host = textractParameters.UseFips ? "textract-fips" : "textract";
            var dnsSuffix = textractParameters.UseDualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix;
            return new Endpoint("https://" + host + "." + region + "." + dnsSuffix);
        }
    }
}
