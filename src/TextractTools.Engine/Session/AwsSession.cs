using System;
using Amazon;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using TextractTools.Engine.Api;

namespace TextractTools.Engine.Session
{
    /// <summary>
    /// One resolution of credentials, region and endpoint, and the service clients built on it. Every AWS call of a
    /// command goes through one session, so all of them use the same identity, region and endpoint. Clients are
    /// created on first use and disposed with the session.
    /// </summary>
    public sealed class AwsSession : IDisposable
    {
        private readonly AWSCredentials credentials;
        private readonly Lazy<TextractApi> textract;
        private readonly Lazy<AmazonS3Client> s3;
        private readonly Lazy<AmazonKeyManagementServiceClient> kms;
        private readonly Lazy<AmazonSQSClient> sqs;
        private volatile bool disposed;

        private AwsSession(ResolvedCredentials resolvedCredentials, ResolvedRegion resolvedRegion, string? endpointUrl)
        {
            credentials = resolvedCredentials.Credentials;
            CredentialSource = resolvedCredentials.Source;
            Region = resolvedRegion.Name;
            RegionSource = resolvedRegion.Source;
            EndpointUrl = endpointUrl;
            textract = new Lazy<TextractApi>(() => Observed(new TextractApi(credentials, CreateTextractConfig()), "Textract"));
            s3 = new Lazy<AmazonS3Client>(() => Observed(new AmazonS3Client(credentials, CreateS3Config()), "S3"));
            kms = new Lazy<AmazonKeyManagementServiceClient>(() => Observed(new AmazonKeyManagementServiceClient(credentials, CreateKmsConfig()), "KMS"));
            sqs = new Lazy<AmazonSQSClient>(() => Observed(new AmazonSQSClient(credentials, CreateSqsConfig()), "SQS"));
        }

        /// <summary>
        /// Told of every finished AWS call of this session's clients (service, operation, status, duration, retries),
        /// e.g. to write it to the verbose stream. Called on the SDK's worker threads: it must be thread-safe and quick.
        /// </summary>
        public Action<AwsCall>? CallObserver { get; set; }

        /// <summary>Reports the calls of a client of this session to <see cref="CallObserver"/>.</summary>
        internal T Observed<T>(T client, string service) where T : AmazonServiceClient
            => new AwsCallTimer(service, () => CallObserver).Attach(client);

        private TextractApi Observed(TextractApi api, string service)
        {
            Observed(api.ServiceClient, service);
            return api;
        }

        /// <summary>
        /// Applies AWS.Tools' precedence to <paramref name="settings"/> (see <see cref="AwsConnectionSettings"/>).
        /// </summary>
        /// <exception cref="ArgumentException">Contradictory or malformed settings, an unknown profile, or no region.</exception>
        /// <exception cref="InvalidOperationException">Nothing was given and the SDK's default chain found no credentials.</exception>
        public static AwsSession Resolve(AwsConnectionSettings settings)
        {
            if (settings is null)
            {
                throw new ArgumentNullException(nameof(settings));
            }

            SessionSettingsValidator.Validate(settings);
            var resolvedCredentials = SessionCredentialsResolver.Resolve(settings);
            var resolvedRegion = SessionRegionResolver.Resolve(settings, resolvedCredentials);
            return new AwsSession(resolvedCredentials, resolvedRegion, SessionSettingsValidator.Given(settings.EndpointUrl));
        }

        /// <summary>The region every client calls (and signs for, also with an <see cref="EndpointUrl"/>).</summary>
        public string Region { get; }

        /// <summary>Where <see cref="Region"/> came from, e.g. "parameter -Region" or "profile 'dev'".</summary>
        public string RegionSource { get; }

        /// <summary>The endpoint that replaces every service endpoint, or null for the AWS endpoints.</summary>
        public string? EndpointUrl { get; }

        /// <summary>Where the credentials came from, e.g. "profile 'dev' (/home/me/.aws/credentials)"; never a secret.</summary>
        public string CredentialSource { get; }

        public ITextractApi Textract => Get(textract);

        /// <summary>The credentials every client of this session signs with (resolved once, in <see cref="Resolve"/>).</summary>
        internal AWSCredentials Credentials => credentials;

        internal IAmazonS3 S3 => Get(s3);

        internal IAmazonKeyManagementService Kms => Get(kms);

        /// <summary>For waiting on the job notifications delivered to an SQS queue.</summary>
        internal IAmazonSQS Sqs => Get(sqs);

        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            DisposeIfCreated(textract);
            DisposeIfCreated(s3);
            DisposeIfCreated(kms);
            DisposeIfCreated(sqs);
        }

        public override string ToString()
            => "credentials from " + CredentialSource + "; region " + Region + " from " + RegionSource
               + (EndpointUrl is null ? "" : "; endpoint " + EndpointUrl);

        internal TextractClientConfig CreateTextractConfig() => ApplyEndpoint(new TextractClientConfig());

        internal AmazonS3Config CreateS3Config()
        {
            var config = ApplyEndpoint(new AmazonS3Config());
            // A custom endpoint (the local endpoint, MinIO, a VPC endpoint by IP) rarely has per-bucket DNS names.
            config.ForcePathStyle = EndpointUrl != null;
            return config;
        }

        internal AmazonKeyManagementServiceConfig CreateKmsConfig() => ApplyEndpoint(new AmazonKeyManagementServiceConfig());

        internal AmazonSQSConfig CreateSqsConfig() => ApplyEndpoint(new AmazonSQSConfig());

        private T ApplyEndpoint<T>(T config) where T : ClientConfig
        {
            SessionRetries.Apply(config);
            if (EndpointUrl != null)
            {
                // ServiceURL and RegionEndpoint are exclusive in the SDK: with an endpoint, the region is what
                // requests are signed for.
                config.ServiceURL = EndpointUrl;
                config.AuthenticationRegion = Region;
            }
            else
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
            }

            return config;
        }

        private T Get<T>(Lazy<T> client)
        {
            if (disposed)
            {
                throw new ObjectDisposedException(nameof(AwsSession));
            }

            return client.Value;
        }

        private static void DisposeIfCreated<T>(Lazy<T> client) where T : IDisposable
        {
            if (client.IsValueCreated)
            {
                client.Value.Dispose();
            }
        }
    }
}
