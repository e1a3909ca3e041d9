using System;

namespace TextractTools.LocalEndpoint.Policy
{
    /// <summary>
    /// The policy file cannot be used. The message names the file and the member at fault, e.g.
    /// "Policy file 'p.json': Principals.AKIDX.Policies[0].Statement[1].Effect must be "Allow" or "Deny", not "allow"."
    /// An InvalidOperationException so the command line reports it as a start failure.
    /// </summary>
    public sealed class PolicyFileException : InvalidOperationException
    {
        public PolicyFileException(string message, Exception? inner = null) : base(message, inner) { }
    }
}
