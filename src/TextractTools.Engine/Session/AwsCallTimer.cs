using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Amazon.Runtime;

namespace TextractTools.Engine.Session
{
    /// <summary>
    /// Times every call of one service client through the SDK's public client events and reports each finished call
    /// as an <see cref="AwsCall"/>. BeforeRequestEvent fires once per call (before the retry loop), AfterResponseEvent
    /// on the answer that ends it, ExceptionEvent once when the call finally fails; the retry count comes from the
    /// amz-sdk-request header ("attempt=N; max=M") that the SDK stamps on each attempt.
    /// The events run on whatever thread the SDK is on: the observer must be thread-safe.
    /// </summary>
    internal sealed class AwsCallTimer
    {
        private const string AttemptHeader = "amz-sdk-request";

        // Keyed by the request object: the events of one call share it, and a finished call's entry goes with it.
        private readonly ConditionalWeakTable<AmazonWebServiceRequest, Stopwatch> started = new ConditionalWeakTable<AmazonWebServiceRequest, Stopwatch>();
        private readonly string service;
        private readonly Func<Action<AwsCall>?> observer;

        /// <param name="service">The name to report, e.g. "S3".</param>
        /// <param name="observer">Read at each event, so an observer set after the client was made still sees its calls.</param>
        public AwsCallTimer(string service, Func<Action<AwsCall>?> observer)
        {
            this.service = service;
            this.observer = observer;
        }

        public T Attach<T>(T client) where T : AmazonServiceClient
        {
            client.BeforeRequestEvent += OnBeforeRequest;
            client.AfterResponseEvent += OnAfterResponse;
            client.ExceptionEvent += OnException;
            return client;
        }

        private void OnBeforeRequest(object sender, RequestEventArgs e)
        {
            if (e is WebServiceRequestEventArgs args && args.Request != null && observer() != null)
            {
                // Restarts the watch when the same request object is sent again (the SDK's paginators do that).
                started.GetValue(args.Request, _ => new Stopwatch()).Restart();
            }
        }

        private void OnAfterResponse(object sender, ResponseEventArgs e)
        {
            if (!(e is WebServiceResponseEventArgs args) || args.Request is null) return;
            var status = args.Response is null ? 0 : (int)args.Response.HttpStatusCode;
            Report(args.Request, status, null, args.RequestHeaders);
        }

        private void OnException(object sender, ExceptionEventArgs e)
        {
            if (!(e is WebServiceExceptionEventArgs args) || args.Request is null) return;
            var (status, code) = Describe(args.Exception);
            Report(args.Request, status, code, args.Headers);
        }

        private void Report(AmazonWebServiceRequest request, int statusCode, string? errorCode, IDictionary<string, string>? requestHeaders)
        {
            var report = observer();
            if (report is null || !started.TryGetValue(request, out var watch)) return;
            started.Remove(request);
            try
            {
                report(new AwsCall(service, OperationOf(request), statusCode, errorCode, watch.Elapsed, RetriesOf(requestHeaders)));
            }
            catch (Exception)
            {
                // An observer's failure must never fail the AWS call it watches.
            }
        }

        internal static string OperationOf(AmazonWebServiceRequest request)
        {
            // Our Textract requests are one type per shape, not per operation: they carry the operation's name.
            if (request is Api.Wire.TextractOperationRequest textract) return textract.OperationName;
            var name = request.GetType().Name;
            return name.EndsWith("Request", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Request".Length) : name;
        }

        /// <summary>"attempt=3; max=4" means two retries; no header means the first attempt.</summary>
        internal static int RetriesOf(IDictionary<string, string>? headers)
        {
            if (headers is null) return 0;
            foreach (var header in headers)
            {
                if (!string.Equals(header.Key, AttemptHeader, StringComparison.OrdinalIgnoreCase)) continue;
                foreach (var part in header.Value.Split(';'))
                {
                    var pair = part.Trim();
                    if (pair.StartsWith("attempt=", StringComparison.OrdinalIgnoreCase)
                        && int.TryParse(pair.Substring("attempt=".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var attempt))
                    {
                        return Math.Max(0, attempt - 1);
                    }
                }
            }

            return 0;
        }

        private static (int Status, string Code) Describe(Exception? exception)
        {
            switch (exception)
            {
                case AmazonServiceException service:
                    return ((int)service.StatusCode, string.IsNullOrEmpty(service.ErrorCode) ? service.GetType().Name : service.ErrorCode);
                case OperationCanceledException _:
                    return (0, "cancelled");
                case null:
                    return (0, "failed");
                default:
                    return (0, exception.GetType().Name);
            }
        }
    }
}
