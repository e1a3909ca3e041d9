using System;

namespace TextractTools.Engine.Jobs
{
    /// <summary>
    /// Capped exponential backoff with jitter for polling Get*: the Get quota is low and shared by every caller in
    /// the account, so each job is asked less and less often, and the jitter keeps many jobs from polling in step.
    /// </summary>
    public sealed class PollSchedule
    {
        private readonly Random _random;

        public PollSchedule(TimeSpan initialInterval, TimeSpan maxInterval, double multiplier = 2.0, Random? random = null)
        {
            if (initialInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(initialInterval));
            if (maxInterval < initialInterval) throw new ArgumentOutOfRangeException(nameof(maxInterval));
            InitialInterval = initialInterval;
            MaxInterval = maxInterval;
            Multiplier = multiplier;
            _random = random ?? new Random();
        }

        /// <summary>
        /// From the -PollIntervalSec and -MaxPollIntervalSec that Wait-TextractJob and Invoke-TextractBatch take: a
        /// maximum below the first interval is read as "no growth".
        /// </summary>
        public static PollSchedule FromSeconds(double initialSeconds, double maxSeconds) =>
            new PollSchedule(TimeSpan.FromSeconds(initialSeconds), TimeSpan.FromSeconds(Math.Max(initialSeconds, maxSeconds)));

        public TimeSpan InitialInterval { get; }
        public TimeSpan MaxInterval { get; }
        public double Multiplier { get; }

        /// <summary>
        /// The wait before poll number <paramref name="attempt"/> (0-based): the capped exponential value, of which the
        /// lower half is fixed and the upper half random ("equal jitter"), so waits never collapse towards zero.
        /// </summary>
        public TimeSpan DelayBefore(int attempt)
        {
            var ceiling = InitialInterval.TotalMilliseconds * Math.Pow(Multiplier, Math.Min(attempt, 30));
            ceiling = Math.Min(ceiling, MaxInterval.TotalMilliseconds);
            double jitter;
            lock (_random) jitter = _random.NextDouble();
            return TimeSpan.FromMilliseconds(ceiling / 2 + jitter * ceiling / 2);
        }
    }
}
