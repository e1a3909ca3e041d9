using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace TextractTools.Engine.Api.Client
{
    /// <summary>
    /// The pipeline step that stamps the endpoint on each request. Core's generic resolver knows nothing about our
    /// parameters, so this replaces it (as every generated client does).
    /// </summary>
    internal sealed class TextractEndpointResolver : BaseEndpointResolver
    {
        protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext)
        {
            var config = (TextractClientConfig)requestContext.ClientConfig;
            return TextractEndpointParameters.FromConfig(config, requestContext.Request.AlternateEndpoint);
        }
    }
}
