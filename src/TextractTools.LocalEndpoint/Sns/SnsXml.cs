using System.Xml.Linq;
using TextractTools.LocalEndpoint.Hosting;

namespace TextractTools.LocalEndpoint.Sns
{
    /// <summary>SNS's query-protocol answers, in the 2010-03-31 namespace.</summary>
    internal static class SnsXml
    {
        public static readonly QueryXml Xml = new("http://sns.amazonaws.com/doc/2010-03-31/");

        public static XElement E(string name, params object?[] content) => Xml.E(name, content);
    }
}
