using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine;
using TextractTools.Engine.Batch;

namespace TextractTools.Tests.Engine.Batch
{
    /// <summary>
    /// A shared batch's objects in memory, with S3's rules for conditional writes (If-None-Match: * and If-Match,
    /// 404 for If-Match on a missing key) and a clock of its own ("S3's clock") that stamps LastModified in whole
    /// seconds, as S3's listings show it. Any number of stores (hosts) can share one.
    /// </summary>
    internal sealed class InMemoryBatchStateObjects : IBatchStateObjects
    {
        private readonly object _gate = new object();
        private readonly SortedDictionary<string, StateObject> _objects = new SortedDictionary<string, StateObject>(StringComparer.Ordinal);
        private readonly Func<DateTimeOffset> _s3Clock;

        public InMemoryBatchStateObjects(S3Location prefix, Func<DateTimeOffset> s3Clock)
        {
            Prefix = prefix.AsFolder();
            _s3Clock = s3Clock;
        }

        public S3Location Prefix { get; }

        public int Writes { get; private set; }

        /// <summary>The next write of a key for which this returns true lands, but its caller is told it was refused (a lost answer retried into a 412).</summary>
        public Func<string, bool>? LoseAnswer { get; set; }

        public Task<StateObject?> GetAsync(string key, CancellationToken cancellationToken)
        {
            lock (_gate) return Task.FromResult(_objects.TryGetValue(key, out var found) ? found : null);
        }

        public Task<string?> PutAsync(string key, byte[] body, WriteCondition condition, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                _objects.TryGetValue(key, out var existing);
                var holds = condition.IfAbsent ? existing is null : condition.IfMatch is null || (existing != null && existing.ETag == condition.IfMatch);
                if (!holds) return Task.FromResult<string?>(null);
                using var md5 = MD5.Create();
                var etag = "\"" + BitConverter.ToString(md5.ComputeHash(body)).Replace("-", "").ToLowerInvariant() + "\"";
                var now = _s3Clock();
                var stamp = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
                _objects[key] = new StateObject(key, body, etag, stamp);
                Writes++;
                if (LoseAnswer?.Invoke(key) == true)
                {
                    LoseAnswer = null;
                    return Task.FromResult<string?>(null);
                }
                return Task.FromResult<string?>(etag);
            }
        }

        public Task<IReadOnlyList<ListedStateObject>> ListAsync(string keyPrefix, CancellationToken cancellationToken)
        {
            lock (_gate)
                return Task.FromResult<IReadOnlyList<ListedStateObject>>(_objects.Values
                    .Where(o => o.Key.StartsWith(keyPrefix, StringComparison.Ordinal))
                    .Select(o => new ListedStateObject(o.Key, o.ETag, o.LastModified)).ToList());
        }

        public Task DeleteAsync(string key, CancellationToken cancellationToken)
        {
            lock (_gate) _objects.Remove(key);
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// One host's way to a batch's objects (in memory or in S3) that a test can shut: every call after
    /// <see cref="Shut"/> fails, as the calls of a process that was killed never happen; its heartbeat stops with them.
    /// </summary>
    internal sealed class HostDoor : IBatchStateObjects
    {
        private readonly IBatchStateObjects _inner;
        private volatile bool _shut;

        public HostDoor(IBatchStateObjects inner) => _inner = inner;

        public S3Location Prefix => _inner.Prefix;

        /// <summary>Hears every write this door let through (key, body).</summary>
        public Action<string, string>? Written { get; set; }

        public bool IsShut => _shut;

        public void Shut() => _shut = true;

        private void Enter(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_shut) throw new HostKilledException();
        }

        public Task<StateObject?> GetAsync(string key, CancellationToken cancellationToken)
        {
            Enter(cancellationToken);
            return _inner.GetAsync(key, cancellationToken);
        }

        public async Task<string?> PutAsync(string key, byte[] body, WriteCondition condition, CancellationToken cancellationToken)
        {
            Enter(cancellationToken);
            var etag = await _inner.PutAsync(key, body, condition, cancellationToken);
            if (etag != null) Written?.Invoke(key, Encoding.UTF8.GetString(body));
            return etag;
        }

        public Task<IReadOnlyList<ListedStateObject>> ListAsync(string keyPrefix, CancellationToken cancellationToken)
        {
            Enter(cancellationToken);
            return _inner.ListAsync(keyPrefix, cancellationToken);
        }

        public Task DeleteAsync(string key, CancellationToken cancellationToken)
        {
            Enter(cancellationToken);
            return _inner.DeleteAsync(key, cancellationToken);
        }
    }

    internal sealed class HostKilledException : Exception
    {
        public HostKilledException() : base("This host was killed.") { }
    }

    /// <summary>Reading a batch's objects back in tests, whatever holds them.</summary>
    internal static class BatchStateObjectsReading
    {
        public static async Task<Dictionary<string, string>> ReadAllAsync(this IBatchStateObjects objects, string folder, CancellationToken cancellationToken)
        {
            var read = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var listed in await objects.ListAsync(objects.Prefix.Key + folder, cancellationToken))
            {
                var o = await objects.GetAsync(listed.Key, cancellationToken);
                if (o != null) read[listed.Key.Substring(objects.Prefix.Key.Length)] = Encoding.UTF8.GetString(o.Body);
            }
            return read;
        }

        public static async Task<IReadOnlyList<string>> KeysAsync(this IBatchStateObjects objects, CancellationToken cancellationToken) =>
            (await objects.ListAsync(objects.Prefix.Key, cancellationToken)).Select(o => o.Key.Substring(objects.Prefix.Key.Length)).ToList();

        public static Task PutTextAsync(this IBatchStateObjects objects, string key, string text, CancellationToken cancellationToken) =>
            objects.PutAsync(objects.Prefix.Key + key, Encoding.UTF8.GetBytes(text), WriteCondition.None, cancellationToken);
    }
}
