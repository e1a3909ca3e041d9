using System.Collections.Generic;
using TextractTools.LocalEndpoint.Hosting.SigV4;

namespace TextractTools.LocalEndpoint.Hosting
{
    /// <summary>
    /// A service spoken over the AWS query protocol (form-encoded POST / with Action=..., XML answers), found by the
    /// service name in the request's SigV4 scope: SNS ("sns").
    /// </summary>
    public interface IQueryService
    {
        /// <summary>The SigV4 signing name that routes a request here.</summary>
        string SigningName { get; }

        /// <summary>Answers one request; <paramref name="parameters"/> are the decoded form and query pairs in the order sent.</summary>
        HttpReply Handle(IReadOnlyList<KeyValuePair<string, string>> parameters, CallContext context);

        /// <summary>The service's own answer to a request whose signature did not verify.</summary>
        HttpReply AuthenticationError(SigV4Result result, string requestId);

        /// <summary>The service's answer when handling failed unexpectedly.</summary>
        HttpReply InternalError(string requestId);
    }
}
