using System;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// The account's quota of jobs IN_PROGRESS at once (<see cref="Hosting.EndpointOptions.MaxConcurrentJobs"/>):
    /// a Start beyond it is refused with LimitExceededException until a running job finishes. Counting and
    /// registering happen under one lock, so two Starts racing for the last slot cannot both get it.
    /// </summary>
    internal sealed class ConcurrentJobLimit
    {
        private readonly Func<int?> _max;
        private readonly object _gate = new();

        /// <param name="max">Read at every Start, so the limit of a running endpoint can be changed (tests do).</param>
        public ConcurrentJobLimit(Func<int?> max) => _max = max;

        /// <summary>Runs <paramref name="register"/> when fewer than the limit are running, else throws LimitExceededException.</summary>
        public TextractJob Admit(Func<int> runningJobs, Func<TextractJob> register)
        {
            if (_max() is not { } max) return register();
            lock (_gate)
            {
                if (runningJobs() >= max) throw TextractException.LimitExceeded(max);
                return register();
            }
        }
    }
}
