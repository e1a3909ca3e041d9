using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace TextractTools.Engine.Batch
{
    /// <summary>
    /// A host's heartbeat in a shared batch (hosts/{HostId}.json): who it is and how long its claims last without a
    /// renewal. Each renewal rewrites it (with the next <see cref="Beat"/>, so every write has its own ETag); S3 stamps
    /// each write's LastModified, and that stamp, on S3's clock, is what other hosts judge the lease by.
    /// </summary>
    internal sealed class BatchHostRecord
    {
        public string HostId { get; set; } = "";
        public string Machine { get; set; } = "";
        public int ProcessId { get; set; }

        /// <summary>How long after a heartbeat's LastModified the host's claims last.</summary>
        public TimeSpan Lease { get; set; }

        /// <summary>When the host joined, by its own clock (for people).</summary>
        public DateTimeOffset Started { get; set; }

        /// <summary>Counts the heartbeats.</summary>
        public long Beat { get; set; }

        /// <summary>A host id for this process: the machine, the process id and a random part (a restarted process is a new host).</summary>
        public static BatchHostRecord ForThisProcess(TimeSpan lease, DateTimeOffset now)
        {
            var machine = Environment.MachineName;
            var pid = Process.GetCurrentProcess().Id;
            var random = Guid.NewGuid().ToString("N").Substring(0, 6);
            return new BatchHostRecord { HostId = $"{KeySafe(machine)}-{pid}-{random}", Machine = machine, ProcessId = pid, Lease = lease, Started = now };
        }

        public byte[] ToJson()
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("host", HostId);
                json.WriteString("machine", Machine);
                json.WriteNumber("pid", ProcessId);
                json.WriteNumber("leaseSeconds", Lease.TotalSeconds);
                json.WriteString("started", Started.ToString("o", CultureInfo.InvariantCulture));
                json.WriteNumber("beat", Beat);
                json.WriteEndObject();
            }
            return buffer.ToArray();
        }

        /// <summary>Throws JsonException or FormatException when <paramref name="body"/> is not a heartbeat.</summary>
        public static BatchHostRecord Parse(byte[] body)
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("host", out var host) || host.ValueKind != JsonValueKind.String)
                throw new FormatException("A host record needs a host id.");
            if (!root.TryGetProperty("leaseSeconds", out var lease) || lease.ValueKind != JsonValueKind.Number || lease.GetDouble() <= 0)
                throw new FormatException("A host record needs a positive leaseSeconds.");
            var record = new BatchHostRecord { HostId = host.GetString()!, Lease = TimeSpan.FromSeconds(lease.GetDouble()) };
            if (root.TryGetProperty("machine", out var machine) && machine.ValueKind == JsonValueKind.String) record.Machine = machine.GetString()!;
            if (root.TryGetProperty("pid", out var pid) && pid.ValueKind == JsonValueKind.Number) record.ProcessId = pid.GetInt32();
            if (root.TryGetProperty("beat", out var beat) && beat.ValueKind == JsonValueKind.Number) record.Beat = beat.GetInt64();
            if (root.TryGetProperty("started", out var started) && started.ValueKind == JsonValueKind.String &&
                DateTimeOffset.TryParse(started.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)) record.Started = at;
            return record;
        }

        private static string KeySafe(string text)
        {
            var safe = new string(text.Select(c => char.IsLetterOrDigit(c) && c < 128 || c == '-' || c == '_' ? c : '_').ToArray());
            return safe.Length == 0 ? "host" : safe;
        }
    }

    /// <summary>
    /// A clock that only moves forward at the machine's steady rate (a stopwatch from the first reading of the wall
    /// clock): leases are measured as time elapsed on this host, which a wall-clock step (NTP, a user) would falsify.
    /// </summary>
    internal static class MonotonicClock
    {
        private static readonly DateTimeOffset Origin = DateTimeOffset.UtcNow;
        private static readonly Stopwatch Elapsed = Stopwatch.StartNew();

        public static DateTimeOffset UtcNow => Origin + Elapsed.Elapsed;
    }

    /// <summary>
    /// What this host can know of S3's clock without trusting its own: when S3 stamped one of this host's own writes
    /// (LastModified, read back in a listing) and when, on this host's steady clock, S3's answer to that write came
    /// back. S3 stamped the object before answering, so S3's time then was at least the stamp; from there S3's clock
    /// has moved on as much as ours. The stamp has whole seconds in some answers: a second is taken off.
    /// </summary>
    internal sealed class S3ClockEstimate
    {
        private static readonly TimeSpan StampResolution = TimeSpan.FromSeconds(1);
        private readonly object _gate = new object();
        private readonly System.Collections.Generic.Dictionary<string, DateTimeOffset> _answeredAt = new System.Collections.Generic.Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        private (DateTimeOffset Stamp, DateTimeOffset AnsweredAt)? _anchor;

        /// <summary>This host wrote an object that got <paramref name="etag"/>; S3's answer came at <paramref name="answeredAt"/> (our clock).</summary>
        public void Wrote(string etag, DateTimeOffset answeredAt)
        {
            lock (_gate)
            {
                _answeredAt[etag.Trim('"')] = answeredAt;
                // Only recent writes can still be listed; keep a few.
                if (_answeredAt.Count > 16)
                    foreach (var old in _answeredAt.OrderBy(p => p.Value).Take(_answeredAt.Count - 16).Select(p => p.Key).ToList()) _answeredAt.Remove(old);
            }
        }

        /// <summary>A listing showed an object of ours with <paramref name="etag"/> stamped <paramref name="lastModified"/> by S3.</summary>
        public void Listed(string etag, DateTimeOffset lastModified)
        {
            lock (_gate)
            {
                if (!_answeredAt.TryGetValue(etag.Trim('"'), out var answeredAt)) return;
                if (_anchor is null || answeredAt > _anchor.Value.AnsweredAt) _anchor = (lastModified, answeredAt);
            }
        }

        /// <summary>The earliest S3's clock can read at <paramref name="localNow"/> (our clock); null before any own write was listed.</summary>
        public DateTimeOffset? EarliestNow(DateTimeOffset localNow)
        {
            lock (_gate)
            {
                if (_anchor is null) return null;
                return _anchor.Value.Stamp - StampResolution + (localNow - _anchor.Value.AnsweredAt);
            }
        }
    }
}
