using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.SQS;
using TextractTools.Tests.Support;
using TextractTools.Tests.LocalEndpoint.Textract;

namespace TextractTools.Tests.Support
{
    /// <summary>Real AWSSDK.SQS clients aimed at the fixture's endpoint.</summary>
    internal static class SqsClients
    {
        public static AmazonSQSClient Create(LocalEndpointFixture endpoint, AWSCredentials? credentials = null, int maxErrorRetry = 0) =>
            Create(endpoint.BaseUri, endpoint.Region, credentials ?? endpoint.Credentials, maxErrorRetry);

        public static AmazonSQSClient Create(Uri baseUri, string region, AWSCredentials credentials, int maxErrorRetry = 0) =>
            new(credentials, new AmazonSQSConfig
            {
                ServiceURL = baseUri.ToString(),
                AuthenticationRegion = region,
                MaxErrorRetry = maxErrorRetry,
                Timeout = TimeSpan.FromSeconds(60),
            });
    }

    /// <summary>A query-protocol answer: status and the XML (result or ErrorResponse) in the service's namespace.</summary>
    internal sealed record QueryReply(int Status, XElement Xml)
    {
        public XNamespace Ns => Xml.Name.Namespace;

        public string? Value(string name) => Xml.Descendants(Ns + name).FirstOrDefault()?.Value;

        public IReadOnlyList<string> Values(string name) => Xml.Descendants(Ns + name).Select(e => e.Value).ToList();

        public string? ErrorCode => Value("Code");
    }

    /// <summary>
    /// A query-protocol client for the tests (SNS, and SQS as older SDKs speak it): the AWSSDK.SimpleNotificationService
    /// package is not in this workplace's NuGet feed and AWSSDK.SQS 4 speaks JSON only, so requests are built as those
    /// SDKs build them (form-encoded POST /, Action, Version, maps as Name.entry.N.key/value for SNS) and signed by
    /// AWSSDK.Core's own SigV4 signer for the service's signing name.
    /// </summary>
    internal sealed class QueryProtocolClient : IDisposable
    {
        private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
        private readonly Uri _endpoint;
        private readonly string _region;
        private readonly ImmutableCredentials _credentials;
        private readonly string _signingName;
        private readonly string _version;

        public QueryProtocolClient(LocalEndpointFixture endpoint, AWSCredentials? credentials = null, string signingName = "sns", string version = "2010-03-31")
            : this(endpoint.BaseUri, endpoint.Region, credentials ?? endpoint.Credentials, signingName, version)
        {
        }

        public QueryProtocolClient(Uri baseUri, string region, AWSCredentials credentials, string signingName = "sns", string version = "2010-03-31")
        {
            _endpoint = baseUri;
            _region = region;
            _credentials = credentials.GetCredentials();
            _signingName = signingName;
            _version = version;
        }

        /// <summary>SQS over the query protocol (Version 2012-11-05, signed for "sqs").</summary>
        public static QueryProtocolClient ForSqs(LocalEndpointFixture endpoint, AWSCredentials? credentials = null) =>
            new(endpoint, credentials, "sqs", "2012-11-05");

        public void Dispose() => _http.Dispose();

        public Task<QueryReply> CallAsync(string action, params (string Name, string Value)[] parameters) => CallAsync(action, parameters, CancellationToken.None);

        public async Task<QueryReply> CallAsync(string action, IEnumerable<(string Name, string Value)> parameters, CancellationToken cancellationToken)
        {
            var pairs = new[] { ("Action", action), ("Version", _version) }.Concat(parameters);
            var body = string.Join("&", pairs.Select(p => Uri.EscapeDataString(p.Item1) + "=" + Uri.EscapeDataString(p.Item2)));
            var request = new DefaultRequest(new Amazon.SQS.Model.ListQueuesRequest(), "Amazon.SimpleNotificationService")
            {
                HttpMethod = "POST",
                Endpoint = _endpoint,
                ResourcePath = "/",
                Content = Encoding.UTF8.GetBytes(body),
            };
            request.Headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
            var config = new AmazonSQSConfig { ServiceURL = _endpoint.ToString(), AuthenticationRegion = _region, AuthenticationServiceName = _signingName };
            var signature = new AWS4Signer().SignRequest(request, config, null, _credentials.AccessKey, _credentials.SecretKey);
            request.Headers["Authorization"] = signature.ForAuthorizationHeader;

            using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(request.Content) };
            foreach (var (name, value) in request.Headers)
            {
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) message.Content.Headers.TryAddWithoutValidation(name, value);
                else if (!name.Equals("Host", StringComparison.OrdinalIgnoreCase)) message.Headers.TryAddWithoutValidation(name, value);
            }
            using var response = await _http.SendAsync(message, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return new QueryReply((int)response.StatusCode, XElement.Parse(text));
        }

        public async Task<string> CreateTopicAsync(string name) => (await CallAsync("CreateTopic", ("Name", name))).Value("TopicArn")!;

        public async Task<string> SubscribeQueueAsync(string topicArn, string queueArn, bool raw = false)
        {
            var parameters = new List<(string, string)> { ("TopicArn", topicArn), ("Protocol", "sqs"), ("Endpoint", queueArn) };
            if (raw) parameters.AddRange(new[] { ("Attributes.entry.1.key", "RawMessageDelivery"), ("Attributes.entry.1.value", "true") });
            return (await CallAsync("Subscribe", parameters, CancellationToken.None)).Value("SubscriptionArn")!;
        }
    }
}
