using System;
using System.Collections.Generic;
using System.Linq;

namespace TextractTools.LocalEndpoint.Hosting
{
    /// <summary>
    /// One HTTP request as it arrived on the wire, buffered and detached from ASP.NET Core, so that signature
    /// verification and the protocol handlers can be exercised without a listener. The raw path and query are kept
    /// exactly as sent because SigV4 signs them as the client encoded them.
    /// </summary>
    public sealed class IncomingRequest
    {
        private readonly Dictionary<string, string[]> _headers;

        public IncomingRequest(string method, string rawTarget, IEnumerable<KeyValuePair<string, string[]>> headers, byte[] body)
        {
            Method = method.ToUpperInvariant();
            var q = rawTarget.IndexOf('?');
            RawPath = q < 0 ? rawTarget : rawTarget.Substring(0, q);
            RawQuery = q < 0 ? "" : rawTarget.Substring(q + 1);
            if (RawPath.Length == 0) RawPath = "/";
            Query = UriEncoding.ParseQuery(RawQuery);
            _headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in headers)
            {
                _headers[h.Key] = _headers.TryGetValue(h.Key, out var existing) ? existing.Concat(h.Value).ToArray() : h.Value;
            }
            Body = body;
        }

        public string Method { get; }

        /// <summary>The path as the client encoded it (e.g. "/bucket/a%20b").</summary>
        public string RawPath { get; }

        /// <summary>The query string without '?', as the client encoded it.</summary>
        public string RawQuery { get; }

        /// <summary>Decoded query parameters in the order sent (a name without '=' has an empty value).</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Query { get; }

        public byte[] Body { get; }

        public bool HasHeader(string name) => _headers.ContainsKey(name);

        /// <summary>All values of a header, as separate lines arrived.</summary>
        public IReadOnlyList<string> HeaderValues(string name) => _headers.TryGetValue(name, out var v) ? v : Array.Empty<string>();

        /// <summary>The header's values joined by ',' (how HTTP folds repeated headers), or null when absent.</summary>
        public string? Header(string name) => _headers.TryGetValue(name, out var v) ? string.Join(",", v) : null;

        public IEnumerable<string> HeaderNames => _headers.Keys;

        public bool HasQuery(string name) => Query.Any(p => p.Key == name);

        public string? QueryValue(string name)
        {
            foreach (var p in Query) if (p.Key == name) return p.Value;
            return null;
        }
    }
}
