using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine;
using TextractTools.Engine.Batch;

namespace TextractTools.Tests.Batch
{
    /// <summary>
    /// A shared batch's objects in memory, with S3's rules for conditional writes (If-None-Match: * and If-Match) and
    /// a clock of its own ("S3's clock") that stamps LastModified in whole seconds, as S3's listings show it. Many
    /// stores (hosts) can share one; <see cref="View"/> gives a host its own door to it that a test can shut (a
    /// host that dies mid-run).
    /// </summary>
    internal sealed class InMemoryBatchStateObjects
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
        public int RefusedWrites { get; private set; }

        /// <summary>The next write of a key for which this returns true lands, but its caller is told it was refused (a lost answer retried into a 412).</summary>
        public Func<string, bool>? LoseAnswer { get; set; }

        public IReadOnlyList<string> Keys
        {
            get
            {
                lock (_gate) return _objects.Keys.ToList();
            }
        }

        public string Text(string key)
        {
            lock (_gate) return System.Text.Encoding.UTF8.GetString(_objects[Prefix.Key + key].Body);
        }

        public void Put(string key, string text)
        {
            lock (_gate) Store(Prefix.Key + key, System.Text.Encoding.UTF8.GetBytes(text));
        }

        /// <summary>A door for one host; <see cref="Door.Shut"/> makes every later call of it fail as a dead process's would.</summary>
        public Door View() => new Door(this);

        private StateObject Store(string key, byte[] body)
        {
            using var md5 = MD5.Create();
            var etag = "\"" + BitConverter.ToString(md5.ComputeHash(body)).Replace("-", "").ToLowerInvariant() + "\"";
            var now = _s3Clock();
            var stamp = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
            var stored = new StateObject(key, body, etag, stamp);
            _objects[key] = stored;
            Writes++;
            return stored;
        }

        internal sealed class Door : IBatchStateObjects
        {
            private readonly InMemoryBatchStateObjects _store;
            private bool _shut;

            public Door(InMemoryBatchStateObjects store) => _store = store;

            public S3Location Prefix => _store.Prefix;

            public int Calls { get; private set; }

            /// <summary>Hears every write this door lets through (key, body), after it landed.</summary>
            public Action<string, string>? Written { get; set; }

            public bool IsShut => _shut;

            public void Shut() => _shut = true;

            private void Enter(CancellationToken cancellationToken)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_shut) throw new InvalidOperationException("This host is dead.");
                Calls++;
            }

            public Task<StateObject?> GetAsync(string key, CancellationToken cancellationToken)
            {
                Enter(cancellationToken);
                lock (_store._gate) return Task.FromResult(_store._objects.TryGetValue(key, out var found) ? found : null);
            }

            public Task<string?> PutAsync(string key, byte[] body, WriteCondition condition, CancellationToken cancellationToken)
            {
                Enter(cancellationToken);
                lock (_store._gate)
                {
                    _store._objects.TryGetValue(key, out var existing);
                    var holds = condition.IfAbsent ? existing is null : condition.IfMatch is null || (existing != null && existing.ETag == condition.IfMatch);
                    if (!holds)
                    {
                        _store.RefusedWrites++;
                        return Task.FromResult<string?>(null);
                    }
                    var stored = _store.Store(key, body);
                    Written?.Invoke(key, System.Text.Encoding.UTF8.GetString(body));
                    if (_store.LoseAnswer?.Invoke(key) == true)
                    {
                        _store.LoseAnswer = null;
                        return Task.FromResult<string?>(null);
                    }
                    return Task.FromResult<string?>(stored.ETag);
                }
            }

            public Task<IReadOnlyList<ListedStateObject>> ListAsync(string keyPrefix, CancellationToken cancellationToken)
            {
                Enter(cancellationToken);
                lock (_store._gate)
                    return Task.FromResult<IReadOnlyList<ListedStateObject>>(_store._objects.Values
                        .Where(o => o.Key.StartsWith(keyPrefix, StringComparison.Ordinal))
                        .Select(o => new ListedStateObject(o.Key, o.ETag, o.LastModified)).ToList());
            }

            public Task DeleteAsync(string key, CancellationToken cancellationToken)
            {
                Enter(cancellationToken);
                lock (_store._gate) _store._objects.Remove(key);
                return Task.CompletedTask;
            }
        }
    }
}
