using System;
using System.Collections.Generic;
using System.Text;

namespace TextractTools.LocalEndpoint.Hosting
{
    /// <summary>An answer to write back: status, headers and body, independent of ASP.NET Core (handlers stay testable).</summary>
    public sealed class HttpReply
    {
        public HttpReply(int statusCode) { StatusCode = statusCode; }

        public int StatusCode { get; }

        public List<KeyValuePair<string, string>> Headers { get; } = new();

        public ReadOnlyMemory<byte> Body { get; private set; } = ReadOnlyMemory<byte>.Empty;

        public string? ContentType { get; private set; }

        /// <summary>
        /// Overrides the Content-Length written (HEAD answers announce the size of a body they do not send).
        /// </summary>
        public long? ContentLength { get; set; }

        public HttpReply WithHeader(string name, string? value)
        {
            if (value is not null) Headers.Add(new KeyValuePair<string, string>(name, value));
            return this;
        }

        public HttpReply WithBody(ReadOnlyMemory<byte> body, string contentType)
        {
            Body = body;
            ContentType = contentType;
            return this;
        }

        public HttpReply WithText(string text, string contentType) => WithBody(Encoding.UTF8.GetBytes(text), contentType);

        public string? FindHeader(string name)
        {
            foreach (var h in Headers) if (string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)) return h.Value;
            return null;
        }
    }
}
