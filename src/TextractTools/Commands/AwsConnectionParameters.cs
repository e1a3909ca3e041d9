using System.Management.Automation;
using TextractTools.Engine.Session;

namespace TextractTools.Commands
{
    /// <summary>
    /// The AWS connection parameters every cmdlet takes, with AWS.Tools' names and aliases, declared once: the
    /// parameter attributes of <see cref="TextractCmdletBase"/> use these names, tab completion looks the same
    /// names up among the typed parameters (<see cref="Completers.CompletionConnection"/>), and both turn the values
    /// into <see cref="AwsConnectionSettings"/> here.
    /// </summary>
    internal static class AwsConnectionParameters
    {
        public const string AccessKey = "AccessKey";
        public const string SecretKey = "SecretKey";
        public const string SessionToken = "SessionToken";
        public const string ProfileName = "ProfileName";
        public const string ProfileNameAlias = "StoredCredentials";
        public const string ProfileLocation = "ProfileLocation";
        public const string ProfileLocationAlias = "AWSProfilesLocation";
        public const string ProfileLocationAlias2 = "ProfilesLocation";
        public const string Credential = "Credential";
        public const string Region = "Region";
        public const string EndpointUrl = "EndpointUrl";
        public const string EndpointUrlAlias = "EndpointUri";

        /// <summary>Every connection parameter's name.</summary>
        public static readonly string[] Names = { AccessKey, SecretKey, SessionToken, ProfileName, ProfileLocation, Credential, Region, EndpointUrl };

        /// <summary>The aliases of each parameter, as declared on the cmdlets.</summary>
        public static string[] AliasesOf(string name)
        {
            switch (name)
            {
                case ProfileName: return new[] { ProfileNameAlias };
                case ProfileLocation: return new[] { ProfileLocationAlias, ProfileLocationAlias2 };
                case EndpointUrl: return new[] { EndpointUrlAlias };
                default: return new string[0];
            }
        }

        /// <summary>
        /// The settings the given values make: -Credential (access key as user name, secret key as password) wins over
        /// -AccessKey/-SecretKey, as in AWS.Tools. <paramref name="valueOf"/> gives a parameter's value by name.
        /// </summary>
        public static AwsConnectionSettings ToSettings(System.Func<string, string?> valueOf, PSCredential? credential) => new AwsConnectionSettings
        {
            AccessKey = credential?.UserName ?? valueOf(AccessKey),
            SecretKey = credential != null ? credential.GetNetworkCredential().Password : valueOf(SecretKey),
            SessionToken = valueOf(SessionToken),
            ProfileName = valueOf(ProfileName),
            ProfileLocation = valueOf(ProfileLocation),
            Region = valueOf(Region),
            EndpointUrl = valueOf(EndpointUrl),
        };
    }
}
