using System;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using Amazon.Runtime;
using TextractTools.Engine.Api;

namespace TextractTools.Engine.Output
{
    /// <summary>
    /// The outer retry of output reading. The SDK retries a call that fails, but not a body that breaks off after
    /// the headers arrived (an S3 object is streamed after GetObject returns) nor, once its own attempts are spent,
    /// a page it could not get: those are fetched again here, a few times, with backoff and jitter. A page that still
    /// cannot be had fails the whole read, never a shorter document.
    /// </summary>
    internal static class OutputReadRetry
    {
        /// <summary>Fetches of one page or object in all (each of them already retried by the SDK).</summary>
        public const int MaxAttempts = 5;

        private static readonly Random Jitter = new Random();

        /// <summary>Equal jitter over 250 ms, 500 ms, 1 s, 2 s: long enough for a dropped connection or a throttled burst to pass.</summary>
        public static TimeSpan DelayBefore(int nextAttempt)
        {
            var ceiling = 250.0 * Math.Pow(2, Math.Min(nextAttempt - 2, 4));
            double jitter;
            lock (Jitter) jitter = Jitter.NextDouble();
            return TimeSpan.FromMilliseconds(ceiling / 2 + jitter * ceiling / 2);
        }

        /// <summary>Worth fetching again: a broken or short body, a throttling or server error the SDK gave up on.</summary>
        public static bool IsTransient(Exception e, CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested) return false;
            switch (e)
            {
                case TextractServiceException textract:
                    return TextractErrors.IsRetryable(textract.ErrorCode, textract.StatusCode) || textract.ErrorCode == TextractErrors.InvalidResponse;
                case AmazonServiceException aws:
                    return (int)aws.StatusCode >= 500 || aws.ErrorCode == "SlowDown" || aws.ErrorCode == "Throttling"
                        || aws.ErrorCode == "ThrottlingException" || aws.ErrorCode == "RequestTimeout" || HasInner<IOException>(aws);
                case FileNotFoundException _:
                    return false;
                case IOException _:          // includes TruncatedOutputException and HttpIOException
                case JsonException _:        // a body that arrived short of its end
                case HttpRequestException _:
                case TimeoutException _:
                    return true;
                case OperationCanceledException _:
                    return true;             // an HTTP timeout: not the caller's token (checked above)
                case AmazonClientException client:
                    return HasInner<IOException>(client) || HasInner<HttpRequestException>(client);
                default:
                    return false;
            }
        }

        private static bool HasInner<T>(Exception e) where T : Exception
        {
            for (var inner = e.InnerException; inner != null; inner = inner.InnerException)
                if (inner is T) return true;
            return false;
        }
    }

    /// <summary>A body that ended before the length its headers announced.</summary>
    public sealed class TruncatedOutputException : IOException
    {
        public TruncatedOutputException(string message) : base(message) { }
    }
}
