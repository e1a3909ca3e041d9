using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Hosting.SigV4;

namespace TextractTools.LocalEndpoint.S3
{
    /// <summary>One S3 request after signature verification, with its parsed address.</summary>
    public sealed record S3Call(IncomingRequest Request, S3Path Path, SigV4Result Signature, string RequestId);
}
