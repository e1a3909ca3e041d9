using System;
using System.Globalization;

namespace TextractTools.BatchBench
{
    /// <summary>
    /// The scenario in real-world units (quotas per second, durations in seconds, as an AWS account sees them) and the
    /// time scale that shrinks it to run on one machine in minutes: every duration is divided by <see cref="Scale"/>,
    /// every rate multiplied by it. Concurrency is not scaled (100 jobs at once stay 100).
    /// </summary>
    internal sealed class BenchSettings
    {
        public int Documents { get; private set; } = 1000;
        public double Scale { get; private set; } = 100;
        public double StartTps { get; private set; } = 2;
        public double GetTps { get; private set; } = 5;
        public int ConcurrentJobs { get; private set; } = 100;
        public double JobMinSec { get; private set; } = 5;
        public double JobMaxSec { get; private set; } = 30;
        public double NaivePollSec { get; private set; } = 5;
        public double PollInitialSec { get; private set; } = 1;
        public double PollMaxSec { get; private set; } = 30;
        public int ThrottleLimit { get; private set; } = 100;
        public int Seed { get; private set; } = 1;
        public string Report { get; private set; } = "";

        /// <summary>A real-world duration as the benchmark runs it.</summary>
        public TimeSpan Scaled(double seconds) => TimeSpan.FromSeconds(seconds / Scale);

        public double ScaledRate(double perSecond) => perSecond * Scale;

        public static BenchSettings Parse(string[] args)
        {
            var s = new BenchSettings();
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value.");
                double Number() => double.Parse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture);
                switch (args[i])
                {
                    case "--documents": s.Documents = (int)Number(); break;
                    case "--scale": s.Scale = Number(); break;
                    case "--start-tps": s.StartTps = Number(); break;
                    case "--get-tps": s.GetTps = Number(); break;
                    case "--concurrent-jobs": s.ConcurrentJobs = (int)Number(); break;
                    case "--job-min-sec": s.JobMinSec = Number(); break;
                    case "--job-max-sec": s.JobMaxSec = Number(); break;
                    case "--naive-poll-sec": s.NaivePollSec = Number(); break;
                    case "--poll-initial-sec": s.PollInitialSec = Number(); break;
                    case "--poll-max-sec": s.PollMaxSec = Number(); break;
                    case "--throttle-limit": s.ThrottleLimit = (int)Number(); break;
                    case "--seed": s.Seed = (int)Number(); break;
                    case "--report": s.Report = Next(); break;
                    default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
                }
            }
            if (s.Documents < 1 || s.Scale <= 0 || s.JobMaxSec < s.JobMinSec || s.ThrottleLimit < 1)
                throw new ArgumentException("--documents and --throttle-limit must be at least 1, --scale above 0, --job-max-sec not below --job-min-sec.");
            return s;
        }
    }
}
