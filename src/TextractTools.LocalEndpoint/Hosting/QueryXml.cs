using System.IO;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace TextractTools.LocalEndpoint.Hosting
{
    /// <summary>
    /// The XML answers of the AWS query protocol, in one service's namespace: &lt;ActionResponse&gt; holding
    /// &lt;ActionResult&gt; and the ResponseMetadata, or &lt;ErrorResponse&gt; with Type (Sender or Receiver), Code and Message.
    /// </summary>
    public sealed class QueryXml
    {
        public const string ContentType = "text/xml";

        public QueryXml(XNamespace ns) { Ns = ns; }

        public XNamespace Ns { get; }

        public XElement E(string name, params object?[] content) => new(Ns + name, content);

        /// <summary>An answer; <paramref name="result"/> null for actions whose answer has no result element.</summary>
        public HttpReply Ok(string action, XElement? result, string requestId)
        {
            var root = E(action + "Response");
            if (result is not null) root.Add(result);
            root.Add(E("ResponseMetadata", E("RequestId", requestId)));
            return new HttpReply(200).WithBody(Serialize(root), ContentType);
        }

        public HttpReply Error(int statusCode, string code, string message, string requestId)
        {
            var root = E("ErrorResponse",
                E("Error", E("Type", statusCode >= 500 ? "Receiver" : "Sender"), E("Code", code), E("Message", message)),
                E("RequestId", requestId));
            return new HttpReply(statusCode).WithBody(Serialize(root), ContentType);
        }

        private static byte[] Serialize(XElement root)
        {
            var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false };
            using var buffer = new MemoryStream();
            using (var writer = XmlWriter.Create(buffer, settings)) new XDocument(root).Save(writer);
            return buffer.ToArray();
        }
    }
}
