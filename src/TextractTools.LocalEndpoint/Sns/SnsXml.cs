using System.IO;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using TextractTools.LocalEndpoint.Hosting;

namespace TextractTools.LocalEndpoint.Sns
{
    /// <summary>
    /// SNS's query-protocol answers: &lt;ActionResponse&gt; holding &lt;ActionResult&gt; and the ResponseMetadata,
    /// or &lt;ErrorResponse&gt;, all in the 2010-03-31 namespace.
    /// </summary>
    internal static class SnsXml
    {
        public static readonly XNamespace Ns = "http://sns.amazonaws.com/doc/2010-03-31/";

        public const string ContentType = "text/xml";

        public static XElement E(string name, params object?[] content) => new(Ns + name, content);

        /// <summary>An answer; <paramref name="result"/> null for actions whose answer has no result element.</summary>
        public static HttpReply Ok(string action, XElement? result, string requestId)
        {
            var root = E(action + "Response");
            if (result is not null) root.Add(result);
            root.Add(E("ResponseMetadata", E("RequestId", requestId)));
            return new HttpReply(200).WithBody(Serialize(root), ContentType);
        }

        public static HttpReply Error(int statusCode, string type, string code, string message, string requestId)
        {
            var root = E("ErrorResponse",
                E("Error", E("Type", type), E("Code", code), E("Message", message)),
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
