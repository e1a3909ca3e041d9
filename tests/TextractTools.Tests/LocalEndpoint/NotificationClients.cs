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

namespace TextractTools.Tests.LocalEndpoint
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

    /// <summary>An SNS answer: status and the XML (result or ErrorResponse).</summary>
    internal sealed record SnsReply(int Status, XElement Xml)
    {
        private static readonly XNamespace Ns = "http://sns.amazonaws.com/doc/2010-03-31/";

        public string? Value(string name) => Xml.Descendants(Ns + name).FirstOrDefault()?.Value;

        public IReadOnlyList<string> Values(string name) => Xml.Descendants(Ns + name).Select(e => e.Value).ToList();

        public string? ErrorCode => Value("Code");
    }

    /// <summary>
    /// An SNS query-protocol client for the tests: the AWSSDK.SimpleNotificationService package is not in this
    /// workplace's NuGet feed, so requests are built as that SDK builds them (form-encoded POST /, Action, Version
    /// 2010-03-31, maps as Name.entry.N.key/value) and signed by AWSSDK.Core's own SigV4 signer for service "sns".
    /// </summary>
    internal sealed class SnsQueryClient : IDisposable
    {
        private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
        private readonly Uri _endpoint;
        private readonly string _region;
        private readonly ImmutableCredentials _credentials;

        public SnsQueryClient(LocalEndpointFixture endpoint, AWSCredentials? credentials = null)
            : this(endpoint.BaseUri, endpoint.Region, credentials ?? endpoint.Credentials)
        {
        }

        public SnsQueryClient(Uri baseUri, string region, AWSCredentials credentials)
        {
            _endpoint = baseUri;
            _region = region;
            _credentials = credentials.GetCredentials();
        }

        public void Dispose() => _http.Dispose();

        public Task<SnsReply> CallAsync(string action, params (string Name, string Value)[] parameters) => CallAsync(action, parameters, CancellationToken.None);

        public async Task<SnsReply> CallAsync(string action, IEnumerable<(string Name, string Value)> parameters, CancellationToken cancellationToken)
        {
            var pairs = new[] { ("Action", action), ("Version", "2010-03-31") }.Concat(parameters);
            var body = string.Join("&", pairs.Select(p => Uri.EscapeDataString(p.Item1) + "=" + Uri.EscapeDataString(p.Item2)));
            var request = new DefaultRequest(new Amazon.SQS.Model.ListQueuesRequest(), "Amazon.SimpleNotificationService")
            {
                HttpMethod = "POST",
                Endpoint = _endpoint,
                ResourcePath = "/",
                Content = Encoding.UTF8.GetBytes(body),
            };
            request.Headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
            var config = new AmazonSQSConfig { ServiceURL = _endpoint.ToString(), AuthenticationRegion = _region, AuthenticationServiceName = "sns" };
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
            return new SnsReply((int)response.StatusCode, XElement.Parse(text));
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
