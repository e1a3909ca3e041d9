using System;
using Amazon.Runtime;

namespace TextractTools.Engine.Session
{
    /// <summary>
    /// How every client of a session retries: the SDK's standard mode (capped exponential backoff with full jitter:
    /// up to 1 s, 2 s, 4 s ... capped at 20 s) with enough attempts to get through sustained throttling. Unattended
    /// batches meet Textract's low TPS quotas; at 30% throttling, the SDK's default 3 attempts fail 2.7% of calls,
    /// 10 attempts fail 1 in 170,000.
    /// </summary>
    internal static class SessionRetries
    {
        /// <summary>Retries after the first attempt (10 attempts in all), unless AWS_MAX_ATTEMPTS says otherwise.</summary>
        public const int MaxErrorRetry = 9;

        public static T Apply<T>(T config) where T : ClientConfig
        {
            // The user's own setting wins (as with the SDK's: AWS_MAX_ATTEMPTS counts attempts, the first included).
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_MAX_ATTEMPTS"))) config.MaxErrorRetry = MaxErrorRetry;
            // The SDK's retry quota (500 tokens per endpoint URL, shared by every client in the process, 5 per retry,
            // 1 back per first-time success) drains at about half a token per call under 30% throttling; once empty,
            // every throttled call fails at once. Throttling is Textract's normal answer to a batch going faster than
            // the account's quota, so the backoff above, not a circuit breaker, is what must handle it.
            config.ThrottleRetries = false;
            return config;
        }
    }
}
