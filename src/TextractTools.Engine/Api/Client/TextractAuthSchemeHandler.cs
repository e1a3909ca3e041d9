using System.Collections.Generic;
using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace TextractTools.Engine.Api.Client
{
    /// <summary>
    /// Chooses SigV4 for every Textract operation. Without an auth scheme handler in the pipeline the signer has no
    /// identity and every call dies in a NullReferenceException before any HTTP request (CLIENT-NOTES pitfall 1).
    /// </summary>
    internal sealed class TextractAuthSchemeHandler : BaseAuthResolverHandler
    {
        protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext)
            => AuthSchemeOption.DEFAULT_SIGV4;
    }
}
