using System;
using System.Diagnostics;

namespace TextractTools.LocalEndpoint.Faults
{
    /// <summary>
    /// A TPS quota as services enforce it: <c>tps</c> tokens a second, at most <c>burst</c> saved up (by default one
    /// second's worth), one token per accepted call. A refused call takes no token (a throttled retry does not push
    /// the quota back).
    /// </summary>
    internal sealed class TokenBucket
    {
        private readonly double _perSecond;
        private readonly double _capacity;
        private readonly object _gate = new();
        private double _tokens;
        private long _updatedAt;

        public TokenBucket(double perSecond, double? burst = null)
        {
            _perSecond = perSecond;
            _capacity = Math.Max(1, burst ?? perSecond);
            _tokens = _capacity;
            _updatedAt = Stopwatch.GetTimestamp();
        }

        public bool TryTake()
        {
            lock (_gate)
            {
                var now = Stopwatch.GetTimestamp();
                _tokens = Math.Min(_capacity, _tokens + Stopwatch.GetElapsedTime(_updatedAt, now).TotalSeconds * _perSecond);
                _updatedAt = now;
                if (_tokens < 1) return false;
                _tokens -= 1;
                return true;
            }
        }
    }
}
