using System;
using System.Collections.Generic;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util.Internal;
using TextractTools.Engine.Api.Client;

namespace TextractTools.Engine.Api
{
    /// <summary>
    /// Client configuration for Amazon Textract, shaped like the configs of the SDK's generated clients so that Core
    /// applies the usual rules: RegionEndpoint or ServiceURL, AuthenticationRegion, RetryMode / MaxErrorRetry (also from
    /// AWS_RETRY_MODE, AWS_MAX_ATTEMPTS and the shared config file), timeouts, proxy, UseFIPSEndpoint, logging.
    /// </summary>
    internal sealed class TextractClientConfig : ClientConfig
    {
        /// <summary>The service id Core uses for AWS_ENDPOINT_URL_TEXTRACT, metrics and the User-Agent.</summary>
        public const string TextractServiceId = "Textract";

        /// <summary>SigV4 signing name and endpoint prefix.</summary>
        public const string SigningName = "textract";

        // The User-Agent names the service and our client version the way the generated 4.1.0 clients do
        // ("api/Textract#..."), so service-side request logs can tell our calls apart.
        private static readonly string UserAgentString =
            InternalSDKUtils.BuildUserAgentString(TextractServiceId, typeof(TextractClientConfig).Assembly.GetName().Version?.ToString() ?? "0.0.0.0");

        public TextractClientConfig()
            // ClientConfig has no parameterless constructor in 4.1.0: the defaults-mode table decides the retry mode
            // and connect timeouts when nothing else does (CLIENT-NOTES pitfall 5).
            : base(new DefaultConfigurationProvider(TextractDefaultConfigurations.All))
        {
            ServiceId = TextractServiceId;
            AuthenticationServiceName = SigningName;
            EndpointProvider = new TextractEndpointProvider();
        }

        public override string RegionEndpointServiceName => SigningName;

        public override string ServiceVersion => "2018-06-27";

        public override string UserAgent => UserAgentString;

        /// <summary>
        /// Caps the SDK retry policy's backoff between attempts. Null keeps the SDK's own cap (20 s; throttling
        /// retries start from 1 s). Only tests lower it, to keep retry tests quick; the policy itself stays the SDK's.
        /// </summary>
        internal TimeSpan? MaxRetryBackoff { get; set; }

        /// <summary>
        /// Core asks this on every request (signing, clock-skew correction) and it is abstract in 4.1.0
        /// (CLIENT-NOTES pitfall 2). The answer comes from the same parameters and provider the pipeline uses.
        /// </summary>
        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
        {
            var endpointParameters = TextractEndpointParameters.FromConfig(this, parameters?.AlternateEndpoint);
            var endpoint = EndpointProvider.ResolveEndpoint(endpointParameters);
            return endpoint;
        }
    }

    /// <summary>The defaults-mode table, with the values the other 4.1.0 JSON clients (KMS, for instance) use.</summary>
    internal static class TextractDefaultConfigurations
    {
        public static IEnumerable<IDefaultConfiguration> All { get; } = new IDefaultConfiguration[]
        {
            Create(DefaultConfigurationMode.Standard, connectTimeoutMs: 3100),
            Create(DefaultConfigurationMode.InRegion, connectTimeoutMs: 1100),
            Create(DefaultConfigurationMode.CrossRegion, connectTimeoutMs: 3100),
            Create(DefaultConfigurationMode.Mobile, connectTimeoutMs: 30000),
            Create(DefaultConfigurationMode.Auto, connectTimeoutMs: 1100),
        };

        private static IDefaultConfiguration Create(DefaultConfigurationMode mode, int connectTimeoutMs) => new DefaultConfiguration
        {
            Name = mode,
            RetryMode = RequestRetryMode.Standard,
            S3UsEast1RegionalEndpoint = S3UsEast1RegionalEndpointValue.Regional,
            ConnectTimeout = TimeSpan.FromMilliseconds(connectTimeoutMs),
            TlsNegotiationTimeout = TimeSpan.FromMilliseconds(connectTimeoutMs),
            TimeToFirstByteTimeout = null,
            HttpRequestTimeout = null,
        };
    }
}
