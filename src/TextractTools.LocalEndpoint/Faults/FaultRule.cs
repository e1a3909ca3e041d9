using System;
using System.Collections.Generic;
using System.Globalization;

namespace TextractTools.LocalEndpoint.Faults
{
    /// <summary>
    /// What goes wrong for the calls of one operation (or of every operation a pattern matches). Shares are
    /// probabilities from 0 to 1, drawn per call from the plan's seeded random; see FAULTS.md for each kind.
    /// </summary>
    public sealed record FaultRule
    {
        /// <summary>Share of calls answered with the protocol's throttling error (nothing is done).</summary>
        public double Throttle { get; init; }

        /// <summary>Share of calls answered with the protocol's 500 error (nothing is done).</summary>
        public double ServerError { get; init; }

        /// <summary>Share of calls that are done, whose answer is cut off mid-body by aborting the connection.</summary>
        public double Drop { get; init; }

        /// <summary>Milliseconds every call waits before it is handled.</summary>
        public int DelayMs { get; init; }

        /// <summary>Calls per second the operation accepts (a token bucket); beyond it, throttling.</summary>
        public double? Tps { get; init; }

        /// <summary>Calls the TPS bucket can save up (default: one second's worth, at least 1). Benchmarks that scale
        /// time down set it to the real quota's burst, which scaling would otherwise inflate.</summary>
        public double? Burst { get; init; }

        /// <summary>For Start operations: share of their jobs that end FAILED.</summary>
        public double Fail { get; init; }

        /// <summary>For Start operations: share of their jobs that end PARTIAL_SUCCESS, their last page failed.</summary>
        public double Partial { get; init; }

        /// <summary>For Start operations: the numbered output objects appear this many ms after the job SUCCEEDED.</summary>
        public int LateOutputMs { get; init; }

        /// <summary>For Start operations: each job stays IN_PROGRESS a duration drawn evenly from [JobMinMs, JobMaxMs] instead of --job-seconds.</summary>
        public int? JobMinMs { get; init; }

        /// <summary>The upper end of the job duration range (JobMinMs alone: exactly that long).</summary>
        public int? JobMaxMs { get; init; }

        /// <summary>The names accepted in JSON and in --fault, mapped to a setter; "5xx" is ServerError's short name.</summary>
        internal static readonly IReadOnlyDictionary<string, Func<FaultRule, double, FaultRule>> Setters =
            new Dictionary<string, Func<FaultRule, double, FaultRule>>(StringComparer.OrdinalIgnoreCase)
            {
                ["throttle"] = (r, v) => r with { Throttle = v },
                ["5xx"] = (r, v) => r with { ServerError = v },
                ["serverError"] = (r, v) => r with { ServerError = v },
                ["drop"] = (r, v) => r with { Drop = v },
                ["delayMs"] = (r, v) => r with { DelayMs = checked((int)v) },
                ["tps"] = (r, v) => r with { Tps = v },
                ["burst"] = (r, v) => r with { Burst = v },
                ["fail"] = (r, v) => r with { Fail = v },
                ["partial"] = (r, v) => r with { Partial = v },
                ["lateOutputMs"] = (r, v) => r with { LateOutputMs = checked((int)v) },
                ["jobMinMs"] = (r, v) => r with { JobMinMs = checked((int)v) },
                ["jobMaxMs"] = (r, v) => r with { JobMaxMs = checked((int)v) },
            };

        /// <summary>Throws <see cref="FaultPlanException"/> naming the rule and the value that cannot work.</summary>
        internal void Validate(string pattern)
        {
            Share(pattern, "throttle", Throttle);
            Share(pattern, "5xx", ServerError);
            Share(pattern, "drop", Drop);
            Share(pattern, "fail", Fail);
            Share(pattern, "partial", Partial);
            if (Throttle + ServerError + Drop > 1.0000001)
                throw new FaultPlanException($"Faults for '{pattern}': throttle + 5xx + drop add up to more than 1.");
            if (Fail + Partial > 1.0000001)
                throw new FaultPlanException($"Faults for '{pattern}': fail + partial add up to more than 1.");
            if (DelayMs < 0 || LateOutputMs < 0)
                throw new FaultPlanException($"Faults for '{pattern}': delayMs and lateOutputMs cannot be negative.");
            if (JobMinMs < 0 || JobMaxMs < 0 || JobMaxMs < JobMinMs)
                throw new FaultPlanException($"Faults for '{pattern}': jobMinMs and jobMaxMs must be 0 or more, jobMaxMs not below jobMinMs.");
            if (Burst is { } burst && !(burst >= 1))
                throw new FaultPlanException($"Faults for '{pattern}': burst must be at least 1, not {burst.ToString(CultureInfo.InvariantCulture)}.");
            if (Tps is { } tps && !(tps > 0))
                throw new FaultPlanException($"Faults for '{pattern}': tps must be more than 0, not {tps.ToString(CultureInfo.InvariantCulture)}.");
        }

        private static void Share(string pattern, string name, double value)
        {
            if (!(value >= 0 && value <= 1))
                throw new FaultPlanException($"Faults for '{pattern}': {name} is a share from 0 to 1, not {value.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    /// <summary>A fault specification that cannot be used; the message names the rule and the problem.</summary>
    public sealed class FaultPlanException : Exception
    {
        public FaultPlanException(string message, Exception? inner = null) : base(message, inner) { }
    }
}
