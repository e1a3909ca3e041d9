using System;
using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using TextractTools.LocalEndpoint.Hosting;

namespace TextractTools.LocalEndpoint.S3
{
    /// <summary>S3's XML conventions: the 2006-03-01 namespace on results, none on &lt;Error&gt;, ISO-8601 times.</summary>
    public static class S3Xml
    {
        public static readonly XNamespace Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

        public const string ContentType = "application/xml";

        /// <summary>The owner every bucket and object reports (the endpoint has one account).</summary>
        public const string OwnerId = "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a";
        public const string OwnerName = "local";

        public static XElement E(string name, params object?[] content) => new(Ns + name, content);

        public static string Timestamp(DateTimeOffset time) =>
            time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        /// <summary>The RFC 1123 form of Last-Modified headers.</summary>
        public static string HttpDate(DateTimeOffset time) => time.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);

        public static XElement Owner() => E("Owner", E("ID", OwnerId), E("DisplayName", OwnerName));

        public static HttpReply Ok(XElement root, int status = 200) =>
            new HttpReply(status).WithBody(Serialize(root), ContentType);

        public static HttpReply Error(S3Error error, string requestId, bool head)
        {
            var reply = new HttpReply(error.StatusCode);
            // HEAD answers carry no body: the SDK then derives the code from the status (e.g. "NotFound").
            if (head) return reply;
            var root = new XElement("Error", new XElement("Code", error.Code), new XElement("Message", error.Message));
            foreach (var (name, value) in error.Details) root.Add(new XElement(name, value));
            root.Add(new XElement("RequestId", requestId), new XElement("HostId", HostId(requestId)));
            return reply.WithBody(Serialize(root), ContentType);
        }

        /// <summary>S3's x-amz-id-2: an opaque base64 token; derived from the request id so both are stable together.</summary>
        public static string HostId(string requestId) => Convert.ToBase64String(Encoding.ASCII.GetBytes("local-endpoint/" + requestId));

        private static byte[] Serialize(XElement root)
        {
            var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, OmitXmlDeclaration = false };
            using var ms = new System.IO.MemoryStream();
            using (var writer = XmlWriter.Create(ms, settings)) new XDocument(root).Save(writer);
            return ms.ToArray();
        }
    }
}
