using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using TextractTools.LocalEndpoint.Hosting.SigV4;
using TextractTools.LocalEndpoint.S3;

namespace TextractTools.LocalEndpoint.Hosting
{
    /// <summary>
    /// The single entry of every request: buffer it, verify its SigV4 signature, then hand it to the JSON service
    /// named by X-Amz-Target, to the query-protocol service named by the signature's scope, or else to S3.
    /// Authentication failures are answered in the protocol of the service that was addressed, with the codes the real
    /// services use.
    /// </summary>
    internal sealed class RequestRouter
    {
        private const string JsonContentType = "application/x-amz-json-1.1";

        private readonly SigV4Verifier _verifier;
        private readonly S3Service _s3;
        private readonly Func<string, IJsonService?> _jsonServiceFor;
        private readonly ILogger _logger;
        private readonly Func<string, IQueryService?> _queryServiceFor;

        private readonly Faults.FaultInjector _faults;

        public RequestRouter(SigV4Verifier verifier, S3Service s3, Func<string, IJsonService?> jsonServiceFor, ILogger logger,
            Func<string, IQueryService?>? queryServiceFor = null, Faults.FaultInjector? faults = null)
        {
            _faults = faults ?? new Faults.FaultInjector();
            _queryServiceFor = queryServiceFor ?? (_ => null);
            _verifier = verifier;
            _s3 = s3;
            _jsonServiceFor = jsonServiceFor;
            _logger = logger;
        }

        public async Task HandleAsync(HttpContext context)
        {
            var request = await ReadAsync(context).ConfigureAwait(false);
            HttpReply reply;
            Faults.FaultDecision fault;
            try
            {
                // The fault layer (FAULTS.md) may answer instead (admin route, throttling, 5xx) or cut the answer off.
                if (Textract.JobAdminRoute.Matches(request))
                {
                    await WriteAsync(context, Textract.JobAdminRoute.Handle(_jsonServiceFor("Textract") as Textract.TextractService, request,
                        context.Connection.RemoteIpAddress), false).ConfigureAwait(false);
                    return;
                }
                fault = await _faults.BeforeDispatchAsync(request, context.Connection.RemoteIpAddress, context.RequestAborted).ConfigureAwait(false);
                reply = fault.Reply ?? await RouteAsync(request, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            if (fault.CutOffAnswer)
            {
                await Faults.FaultInjector.WriteCutOffAsync(context, reply, request.Method == "HEAD", r => WriteAsync(context, r, false)).ConfigureAwait(false);
                return;
            }
            await WriteAsync(context, reply, request.Method == "HEAD").ConfigureAwait(false);
        }

        public Task<HttpReply> RouteAsync(IncomingRequest request, CancellationToken cancellationToken)
        {
            var target = request.Header("X-Amz-Target");
            // The query protocol (SNS; SQS from older clients): no X-Amz-Target, a form body, and the service in the
            // signature's scope ("sns", "sqs"). S3 is signed for "s3" and has no query service, so it stays with S3.
            if (target is null && QueryProtocol.SigningName(request) is { } signingName && _queryServiceFor(signingName) is { } queryService)
                return QueryProtocol.RouteAsync(request, _verifier, queryService, _logger, cancellationToken);
            return target is null ? Task.FromResult(RouteS3(request)) : RouteJsonAsync(request, target, cancellationToken);
        }

        private HttpReply RouteS3(IncomingRequest request)
        {
            var requestId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
            var signature = _verifier.Verify(request, s3Rules: true);
            if (!signature.Succeeded)
            {
                return S3Xml.Error(S3AuthError(signature), requestId, request.Method == "HEAD")
                    .WithHeader("x-amz-request-id", requestId).WithHeader("x-amz-id-2", S3Xml.HostId(requestId));
            }
            try
            {
                return _s3.Handle(request, signature, requestId);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "S3 request {Method} {Path} failed", request.Method, request.RawPath);
                return S3Xml.Error(new S3Error(500, "InternalError", "We encountered an internal error. Please try again."), requestId, request.Method == "HEAD")
                    .WithHeader("x-amz-request-id", requestId);
            }
        }

        private async Task<HttpReply> RouteJsonAsync(IncomingRequest request, string target, CancellationToken cancellationToken)
        {
            var requestId = Guid.NewGuid().ToString();
            JsonServiceResponse response;
            var signature = _verifier.Verify(request, s3Rules: false);
            var dot = target.IndexOf('.');
            var service = dot > 0 ? _jsonServiceFor(target.Substring(0, dot)) : null;
            if (!signature.Succeeded)
            {
                response = service?.RouterError(JsonAuthError(signature)) ?? JsonAuthError(signature);
            }
            else if (service is null)
            {
                response = JsonServiceResponse.Error(400, "UnknownOperationException", $"No service on this endpoint answers X-Amz-Target '{target}'.");
            }
            else
            {
                var auth = signature.Authorization!;
                var call = new CallContext(auth.Scope.AccessKeyId, auth.Scope.Region, auth.Scope.Service, requestId);
                try
                {
                    response = await service.HandleAsync(target.Substring(dot + 1), request.Body, call, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.LogError(e, "{Target} failed", target);
                    response = service.RouterError(JsonServiceResponse.Error(500, "InternalFailure", "The request processing has failed because of an unknown error."));
                }
            }
            // JSON 1.0 services (SQS) are answered in 1.0, JSON 1.1 services (KMS, Textract) in 1.1.
            var contentType = request.Header("Content-Type") is { } sent && sent.StartsWith("application/x-amz-json-", StringComparison.OrdinalIgnoreCase)
                ? sent : JsonContentType;
            var reply = new HttpReply(response.StatusCode)
                .WithText(response.Json, contentType)
                .WithHeader("x-amzn-RequestId", requestId);
            foreach (var (name, value) in response.Headers) reply.WithHeader(name, value);
            return reply;
        }

        private static S3Error S3AuthError(SigV4Result result)
        {
            var akid = result.Authorization?.Scope.AccessKeyId ?? "";
            return result.Failure switch
            {
                SigV4Failure.MissingAuthentication => new S3Error(403, "AccessDenied", "Access Denied"),
                SigV4Failure.Expired => new S3Error(403, "AccessDenied", "Request has expired"),
                SigV4Failure.UnknownAccessKey => new S3Error(403, "InvalidAccessKeyId", result.Message) { Details = new[] { ("AWSAccessKeyId", akid) } },
                SigV4Failure.SignatureMismatch => new S3Error(403, "SignatureDoesNotMatch", result.Message)
                {
                    Details = new[]
                    {
                        ("AWSAccessKeyId", akid),
                        ("StringToSign", result.StringToSign ?? ""),
                        ("SignatureProvided", result.Authorization?.Signature ?? ""),
                        ("CanonicalRequest", result.CanonicalRequest ?? ""),
                    },
                },
                SigV4Failure.MissingPayloadHash => S3Error.InvalidRequest(result.Message),
                _ => new S3Error(400, "AuthorizationHeaderMalformed", result.Message),
            };
        }

        private static JsonServiceResponse JsonAuthError(SigV4Result result) => result.Failure switch
        {
            SigV4Failure.MissingAuthentication => JsonServiceResponse.Error(400, "MissingAuthenticationTokenException", "Request is missing Authentication Token"),
            SigV4Failure.UnknownAccessKey => JsonServiceResponse.Error(400, "UnrecognizedClientException", "The security token included in the request is invalid."),
            SigV4Failure.SignatureMismatch => JsonServiceResponse.Error(400, "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."),
            _ => JsonServiceResponse.Error(400, "IncompleteSignatureException", result.Message),
        };

        private static async Task<IncomingRequest> ReadAsync(HttpContext context)
        {
            var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
            if (string.IsNullOrEmpty(rawTarget)) rawTarget = context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
            else if (!rawTarget.StartsWith('/') && Uri.TryCreate(rawTarget, UriKind.Absolute, out var absolute)) rawTarget = absolute.PathAndQuery;

            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
            var headers = context.Request.Headers.Select(h => new System.Collections.Generic.KeyValuePair<string, string[]>(
                h.Key, h.Value.Select(v => v ?? "").ToArray()));
            return new IncomingRequest(context.Request.Method, rawTarget, headers, body.ToArray());
        }

        private static async Task WriteAsync(HttpContext context, HttpReply reply, bool head)
        {
            var response = context.Response;
            response.StatusCode = reply.StatusCode;
            foreach (var (name, value) in reply.Headers) response.Headers.Append(name, value);
            if (reply.ContentType is not null) response.ContentType = reply.ContentType;
            // 204 and 304 answers have no body and must not announce one.
            if (reply.StatusCode == 204 || reply.StatusCode == 304) return;
            response.ContentLength = reply.ContentLength ?? reply.Body.Length;
            if (!head && reply.Body.Length > 0) await response.Body.WriteAsync(reply.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
