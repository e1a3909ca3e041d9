using System;

namespace TextractTools.LocalEndpoint.Policy
{
    /// <summary>
    /// A refused request: who, which action, on what. <see cref="Message"/> is worded as AWS words it, so callers
    /// (and the module's preflight) can read the action and the resource back out of the error.
    /// </summary>
    public sealed record AccessDenial(string PrincipalArn, string Action, string Resource, bool ExplicitDeny)
    {
        public string Message => $"User: {PrincipalArn} is not authorized to perform: {Action} on resource: {Resource}";
    }

    /// <summary>Carries a denial out of service code that answers errors by exception (Textract).</summary>
    public sealed class AccessDeniedException : Exception
    {
        public AccessDeniedException(AccessDenial denial) : base(denial.Message) { Denial = denial; }

        public AccessDenial Denial { get; }
    }
}
