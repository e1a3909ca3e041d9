using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.SQS;
using TextractTools.Tests.Support;
using TextractTools.Tests.LocalEndpoint.Textract;

namespace TextractTools.Tests.Support
{
    /// <summary>
    /// A Textract JSON 1.1 client for operations the module's own client does not have yet (expense, lending):
    /// POST / with X-Amz-Target "Textract.&lt;Operation&gt;" and Content-Type application/x-amz-json-1.1, signed by
    /// AWSSDK.Core's own SigV4 signer for service "textract" (the AWSSDK.Textract package is not in this workplace's
    /// NuGet feed). Answers are returned as they come: status and parsed body.
    /// </summary>
    internal sealed class TextractJsonClient : IDisposable
    {
        private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
        private readonly Uri _endpoint;
        private readonly string _region;
        private readonly ImmutableCredentials _credentials;

        public TextractJsonClient(LocalEndpointFixture endpoint, AWSCredentials? credentials = null)
        {
            _endpoint = endpoint.BaseUri;
            _region = endpoint.Region;
            _credentials = (credentials ?? endpoint.Credentials).GetCredentials();
        }

        public void Dispose() => _http.Dispose();

        public async Task<TextractReply> CallAsync(string operation, object body)
        {
            var content = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body));
            // Any AmazonWebServiceRequest will do as the signer's carrier; only headers, path and content are signed.
            var request = new DefaultRequest(new Amazon.SQS.Model.ListQueuesRequest(), "Amazon.Textract")
            {
                HttpMethod = "POST",
                Endpoint = _endpoint,
                ResourcePath = "/",
                Content = content,
            };
            request.Headers["Content-Type"] = "application/x-amz-json-1.1";
            request.Headers["X-Amz-Target"] = "Textract." + operation;
            var config = new AmazonSQSConfig { ServiceURL = _endpoint.ToString(), AuthenticationRegion = _region, AuthenticationServiceName = "textract" };
            var signature = new AWS4Signer().SignRequest(request, config, null, _credentials.AccessKey, _credentials.SecretKey);
            request.Headers["Authorization"] = signature.ForAuthorizationHeader;

            using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(content) };
            foreach (var (name, value) in request.Headers)
            {
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) message.Content.Headers.TryAddWithoutValidation(name, value);
                else if (!name.Equals("Host", StringComparison.OrdinalIgnoreCase)) message.Headers.TryAddWithoutValidation(name, value);
            }
            using var response = await _http.SendAsync(message, CancellationToken.None);
            var text = await response.Content.ReadAsStringAsync();
            using var document = JsonDocument.Parse(text);
            return new TextractReply((int)response.StatusCode, document.RootElement.Clone());
        }
    }
}
