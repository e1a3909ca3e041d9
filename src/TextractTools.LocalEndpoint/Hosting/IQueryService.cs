using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace TextractTools.LocalEndpoint.Hosting
{
    /// <summary>
    /// A service spoken over the AWS query protocol (form-encoded POST with Action=..., XML answers), found by the
    /// service name in the request's SigV4 scope: SNS ("sns"), SQS ("sqs", beside its JSON 1.0 protocol).
    /// </summary>
    public interface IQueryService
    {
        /// <summary>The SigV4 signing name that routes a request here.</summary>
        string SigningName { get; }

        /// <summary>The service's XML namespace and answer shapes (also used by the fault layer's answers).</summary>
        QueryXml Xml { get; }

        /// <summary>Answers one request; <paramref name="parameters"/> are the decoded form and query pairs in the order sent.</summary>
        Task<HttpReply> HandleAsync(IncomingRequest request, IReadOnlyList<KeyValuePair<string, string>> parameters, CallContext context,
            CancellationToken cancellationToken);
    }
}
