using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using TextractTools.LocalEndpoint.Hosting.SigV4;

namespace TextractTools.LocalEndpoint.Hosting
{
    /// <summary>
    /// Recognises and serves AWS query-protocol requests (SNS, and SQS as older SDKs and CLIs speak it): a form-encoded
    /// POST without X-Amz-Target, told apart by the service name of its SigV4 credential scope, as AWS tells them apart.
    /// S3 requests are signed for "s3" and stay with S3 (its own form POST is multipart and goes to a bucket).
    /// </summary>
    internal static class QueryProtocol
    {
        public const string FormContentType = "application/x-www-form-urlencoded";

        /// <summary>The SigV4 service name of a request shaped like a query-protocol call, or null.</summary>
        public static string? SigningName(IncomingRequest request)
        {
            if (request.Method != "POST" || request.HasHeader("X-Amz-Target")) return null;
            var contentType = request.Header("Content-Type");
            if (contentType is null || !contentType.StartsWith(FormContentType, StringComparison.OrdinalIgnoreCase)) return null;
            return SigV4Authorization.TryRead(request, out var auth, out _) ? auth.Scope.Service : null;
        }

        public static async Task<HttpReply> RouteAsync(IncomingRequest request, SigV4Verifier verifier, IQueryService service, ILogger logger,
            CancellationToken cancellationToken)
        {
            var requestId = Guid.NewGuid().ToString();
            var signature = verifier.Verify(request, s3Rules: false);
            if (!signature.Succeeded)
            {
                var (status, code, message) = AuthenticationFailure(signature);
                return service.Xml.Error(status, code, message, requestId).WithHeader("x-amzn-RequestId", requestId);
            }
            var auth = signature.Authorization!;
            var call = new CallContext(auth.Scope.AccessKeyId, auth.Scope.Region, auth.Scope.Service, requestId);
            try
            {
                var reply = await service.HandleAsync(request, Parameters(request), call, cancellationToken).ConfigureAwait(false);
                return reply.WithHeader("x-amzn-RequestId", requestId);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                logger.LogError(e, "{Service} query request failed", service.SigningName);
                return service.Xml.Error(500, "InternalError", "The local endpoint failed to process the request.", requestId)
                    .WithHeader("x-amzn-RequestId", requestId);
            }
        }

        /// <summary>How the query-protocol services answer a request whose signature did not verify.</summary>
        public static (int Status, string Code, string Message) AuthenticationFailure(SigV4Result result) => result.Failure switch
        {
            SigV4Failure.UnknownAccessKey => (403, "InvalidClientTokenId", "The security token included in the request is invalid."),
            SigV4Failure.SignatureMismatch => (403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."),
            SigV4Failure.MissingAuthentication => (403, "MissingAuthenticationToken", "Request is missing Authentication Token"),
            SigV4Failure.Expired => (403, "ExpiredToken", "The security token included in the request is expired"),
            _ => (400, "IncompleteSignature", result.Message),
        };

        /// <summary>The URL's query pairs followed by the form body's, decoded ('+' is a space in both).</summary>
        public static IReadOnlyList<KeyValuePair<string, string>> Parameters(IncomingRequest request) =>
            request.Query.Concat(UriEncoding.ParseQuery(Encoding.UTF8.GetString(request.Body))).ToList();

        /// <summary>The value of the first parameter of that name, or null.</summary>
        public static string? Value(IReadOnlyList<KeyValuePair<string, string>> parameters, string name)
        {
            foreach (var (key, value) in parameters) if (key == name) return value;
            return null;
        }
    }
}
