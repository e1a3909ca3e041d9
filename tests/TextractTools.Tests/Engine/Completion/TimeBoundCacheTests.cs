using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Completion;
using Xunit;

namespace TextractTools.Tests.Engine.Completion
{
    /// <summary>
    /// The cache behind tab completion of remote names: a caller never waits past its limit, a slow fetch fills the
    /// cache in the background, and lists are reused until they age. The clock is a manual one, so age is exact.
    /// </summary>
    public sealed class TimeBoundCacheTests
    {
        private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(3);
        private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(20);
        private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);

        private DateTime now = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        private int fetches;

        private TimeBoundCache NewCache() => new TimeBoundCache(Ttl, RetryAfterFailure, () => now);

        private Func<Task<IReadOnlyList<string>>> Returns(params string[] names) => () =>
        {
            Interlocked.Increment(ref fetches);
            return Task.FromResult<IReadOnlyList<string>>(names);
        };

        [Fact]
        public void A_quick_fetch_answers_the_first_call_and_is_reused_until_it_ages()
        {
            var cache = NewCache();

            Assert.Equal(new[] { "a", "b" }, cache.Get("k", Returns("a", "b"), Long));
            Assert.Equal(new[] { "a", "b" }, cache.Get("k", Returns("other"), Long));
            Assert.Equal(1, fetches);

            now += Ttl + TimeSpan.FromSeconds(1);
            Assert.Equal(new[] { "c" }, cache.Get("k", Returns("c"), Long));
            Assert.Equal(2, fetches);
        }

        [Fact]
        public async Task A_slow_fetch_gives_nothing_now_and_fills_the_cache_in_the_background()
        {
            var cache = NewCache();
            var slow = new TaskCompletionSource<IReadOnlyList<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = 0;
            using var begun = new SemaphoreSlim(0);
            Func<Task<IReadOnlyList<string>>> fetch = () =>
            {
                Interlocked.Increment(ref started);
                begun.Release();
                return slow.Task;
            };

            Assert.Empty(cache.Get("k", fetch, Short));
            Assert.True(await begun.WaitAsync(TimeSpan.FromSeconds(30)), "the fetch never started");
            // While it runs, other calls neither wait for it past their limit nor start a second fetch.
            Assert.Empty(cache.Get("k", fetch, Short));

            slow.SetResult(new[] { "late-bucket" });
            Assert.Equal(new[] { "late-bucket" }, await WaitForAsync(() => cache.Get("k", Returns("never-used"), Short)));
            Assert.Equal(1, Volatile.Read(ref started));
            Assert.Equal(0, fetches);
        }

        [Fact]
        public void A_stale_list_is_served_while_its_refresh_is_slow()
        {
            var cache = NewCache();
            cache.Get("k", Returns("old"), Long);
            now += Ttl + TimeSpan.FromSeconds(1);
            var never = new TaskCompletionSource<IReadOnlyList<string>>();

            Assert.Equal(new[] { "old" }, cache.Get("k", () => never.Task, Short));
        }

        [Fact]
        public void A_failed_fetch_gives_what_was_known_and_is_retried_only_after_a_pause()
        {
            var cache = NewCache();
            Func<Task<IReadOnlyList<string>>> failing = () =>
            {
                Interlocked.Increment(ref fetches);
                return Task.FromException<IReadOnlyList<string>>(new InvalidOperationException("endpoint down"));
            };

            Assert.Empty(cache.Get("k", failing, Long));
            Assert.Empty(cache.Get("k", failing, Long));
            Assert.Equal(1, fetches);

            now += RetryAfterFailure + TimeSpan.FromSeconds(1);
            Assert.Equal(new[] { "back" }, cache.Get("k", Returns("back"), Long));
        }

        [Fact]
        public void Keys_do_not_share_lists()
        {
            var cache = NewCache();

            Assert.Equal(new[] { "one" }, cache.Get("endpoint-1", Returns("one"), Long));
            Assert.Equal(new[] { "two" }, cache.Get("endpoint-2", Returns("two"), Long));
            Assert.Equal(new[] { "one" }, cache.Get("endpoint-1", Returns("x"), Long));
        }

        [Fact]
        public void A_fetch_that_throws_synchronously_does_not_reach_the_caller()
        {
            var cache = NewCache();

            var names = cache.Get("k", () => throw new InvalidOperationException("no credentials"), Long);

            Assert.Empty(names);
        }

        /// <summary>The background fetch finishes on another thread: poll (bounded) until the cache shows it.</summary>
        private static async Task<IReadOnlyList<string>> WaitForAsync(Func<IReadOnlyList<string>> read)
        {
            for (var i = 0; i < 200; i++)
            {
                var names = read();
                if (names.Count > 0) return names;
                await Task.Delay(10);
            }

            return read();
        }
    }
}
