using System;
using System.IO;

namespace TextractTools.Engine.Output
{
    /// <summary>
    /// The outer retry of output reading. The SDK retries a call that fails, but not a body that breaks off after
    /// the headers arrived (an S3 object is streamed after GetObject returns) nor, once its own attempts are spent,
    /// a page it could not get: those are fetched again here, a few times, with backoff and jitter. A page that still
    /// cannot be had fails the whole read, never a shorter document. What is worth fetching again is AwsFailures' call.
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

    }

    /// <summary>A body that ended before the length its headers announced.</summary>
    public sealed class TruncatedOutputException : IOException
    {
        public TruncatedOutputException(string message) : base(message) { }
    }
}
