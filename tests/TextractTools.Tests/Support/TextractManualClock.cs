using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace TextractTools.Tests.Support
{
    /// <summary>
    /// A TimeProvider whose time moves only when a test says so. Its timers fire synchronously inside
    /// <see cref="Advance"/>, so a test sees everything a timer did as soon as Advance returns.
    /// </summary>
    internal sealed class TextractManualClock : TimeProvider
    {
        private readonly object _gate = new();
        private readonly List<ManualTimer> _timers = new();
        private DateTimeOffset _now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow()
        {
            lock (_gate) return _now;
        }

        public int ScheduledTimers
        {
            get { lock (_gate) return _timers.Count(t => t.DueAt is not null); }
        }

        public void Advance(TimeSpan by)
        {
            lock (_gate) _now += by;
            while (true)
            {
                ManualTimer? due;
                lock (_gate) due = _timers.Where(t => t.DueAt <= _now).OrderBy(t => t.DueAt).FirstOrDefault();
                if (due is null) return;
                due.Fire();
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(this, callback, state);
            lock (_gate) _timers.Add(timer);
            timer.Change(dueTime, period);
            return timer;
        }

        private sealed class ManualTimer : ITimer
        {
            private readonly TextractManualClock _clock;
            private readonly TimerCallback _callback;
            private readonly object? _state;
            private TimeSpan _period = Timeout.InfiniteTimeSpan;

            public ManualTimer(TextractManualClock clock, TimerCallback callback, object? state)
            {
                _clock = clock;
                _callback = callback;
                _state = state;
            }

            public DateTimeOffset? DueAt { get; private set; }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                lock (_clock._gate)
                {
                    DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _clock._now + dueTime;
                    _period = period;
                }
                return true;
            }

            public void Fire()
            {
                lock (_clock._gate)
                    DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : DueAt + _period;
                _callback(_state); // may call Change, which re-arms the timer
            }

            public void Dispose()
            {
                lock (_clock._gate)
                {
                    DueAt = null;
                    _clock._timers.Remove(this);
                }
            }

            public System.Threading.Tasks.ValueTask DisposeAsync()
            {
                Dispose();
                return default;
            }
        }
    }
}
