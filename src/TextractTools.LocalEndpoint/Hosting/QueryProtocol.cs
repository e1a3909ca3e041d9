using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.Extensions.Logging;
using TextractTools.LocalEndpoint.Hosting.SigV4;

namespace TextractTools.LocalEndpoint.Hosting
{
    /// <summary>
    /// Recognises and serves AWS query-protocol requests (SNS): a form-encoded POST to "/" without X-Amz-Target,
    /// signed for a service that answers over this protocol. Anything else stays with S3, whose requests never
    /// look like this (S3's form POST is multipart and goes to a bucket).
    /// </summary>
    internal static class QueryProtocol
    {
        public const string FormContentType = "application/x-www-form-urlencoded";

        /// <summary>The SigV4 service name of a request shaped like a query-protocol call, or null.</summary>
        public static string? SigningName(IncomingRequest request)
        {
            if (request.Method != "POST" || request.RawPath != "/") return null;
            var contentType = request.Header("Content-Type");
            if (contentType is null || !contentType.StartsWith(FormContentType, StringComparison.OrdinalIgnoreCase)) return null;
            return SigV4Authorization.TryRead(request, out var auth, out _) ? auth.Scope.Service : null;
        }

        public static HttpReply Route(IncomingRequest request, SigV4Verifier verifier, IQueryService service, ILogger logger)
        {
            var requestId = Guid.NewGuid().ToString();
            var signature = verifier.Verify(request, s3Rules: false);
            if (!signature.Succeeded) return service.AuthenticationError(signature, requestId).WithHeader("x-amzn-RequestId", requestId);
            var auth = signature.Authorization!;
            var call = new CallContext(auth.Scope.AccessKeyId, auth.Scope.Region, auth.Scope.Service, requestId);
            try
            {
                return service.Handle(Parameters(request), call).WithHeader("x-amzn-RequestId", requestId);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                logger.LogError(e, "{Service} query request failed", service.SigningName);
                return service.InternalError(requestId).WithHeader("x-amzn-RequestId", requestId);
            }
        }

        /// <summary>The URL's query pairs followed by the form body's, decoded ('+' is a space in both).</summary>
        public static IReadOnlyList<KeyValuePair<string, string>> Parameters(IncomingRequest request) =>
            request.Query.Concat(UriEncoding.ParseQuery(Encoding.UTF8.GetString(request.Body))).ToList();
    }
}
