using System;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace TextractTools.Engine.Session
{
    /// <summary>Credentials chosen for a session, where they came from, and the profile they came from (if any).</summary>
    internal sealed class ResolvedCredentials
    {
        public ResolvedCredentials(AWSCredentials credentials, string source, CredentialProfile? profile = null)
        {
            Credentials = credentials;
            Source = source;
            Profile = profile;
        }

        public AWSCredentials Credentials { get; }

        /// <summary>A description for the user ("profile 'dev' (/home/me/.aws/credentials)"), never a secret.</summary>
        public string Source { get; }

        public CredentialProfile? Profile { get; }
    }

    /// <summary>
    /// AWS.Tools' credential precedence: explicit keys, then an explicit profile, then the session default
    /// credentials, then the session default profile, then the SDK's default chain (environment variables, web
    /// identity, the AWS_PROFILE/default profile including SSO and processes, container and instance credentials).
    /// </summary>
    internal static class SessionCredentialsResolver
    {
        public static ResolvedCredentials Resolve(AwsConnectionSettings settings)
        {
            var accessKey = SessionSettingsValidator.Given(settings.AccessKey);
            if (accessKey != null)
            {
                return FromKeys(accessKey, settings.SecretKey!, settings.SessionToken,
                    SessionSettingsValidator.Given(settings.SessionToken) != null
                        ? "parameters -AccessKey, -SecretKey and -SessionToken"
                        : "parameters -AccessKey and -SecretKey");
            }

            var profileLocation = SessionSettingsValidator.Given(settings.ProfileLocation);
            var profileName = SessionSettingsValidator.Given(settings.ProfileName);
            if (profileName != null)
            {
                return FromProfile(profileName, profileLocation, "profile");
            }

            var defaultAccessKey = SessionSettingsValidator.Given(settings.DefaultAccessKey);
            if (defaultAccessKey != null)
            {
                return FromKeys(defaultAccessKey, settings.DefaultSecretKey!, settings.DefaultSessionToken,
                    "session default credentials (Set-AWSCredential)");
            }

            var defaultProfileName = SessionSettingsValidator.Given(settings.DefaultProfileName);
            if (defaultProfileName != null)
            {
                return FromProfile(defaultProfileName, profileLocation, "session default profile");
            }

            return FromSdkDefaultChain();
        }

        private static ResolvedCredentials FromKeys(string accessKey, string secretKey, string? sessionToken, string source)
        {
            var token = SessionSettingsValidator.Given(sessionToken);
            AWSCredentials credentials = token == null
                ? new BasicAWSCredentials(accessKey, secretKey.Trim())
                : new SessionAWSCredentials(accessKey, secretKey.Trim(), token);
            return new ResolvedCredentials(credentials, source);
        }

        private static ResolvedCredentials FromProfile(string profileName, string? profileLocation, string kind)
        {
            var chain = new CredentialProfileStoreChain(profileLocation);
            var where = profileLocation ?? "the .NET SDK credential store or the shared credentials and config files";
            if (!chain.TryGetProfile(profileName, out var profile))
            {
                throw new ArgumentException("The profile '" + profileName + "' was not found in " + where + ".", "ProfileName");
            }

            if (!AWSCredentialsFactory.TryGetAWSCredentials(profile, profile.CredentialProfileStore, out var credentials))
            {
                throw new ArgumentException("The profile '" + profileName + "' in " + where
                    + " holds no usable credentials (keys, role, SSO or credential_process).", "ProfileName");
            }

            return new ResolvedCredentials(credentials, kind + " '" + profileName + "' (" + DescribeStore(profile) + ")", profile);
        }

        private static ResolvedCredentials FromSdkDefaultChain()
        {
            AWSCredentials credentials;
            try
            {
                credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
            }
            catch (AmazonClientException ex)
            {
                throw new InvalidOperationException(
                    "No AWS credentials were found. Pass -AccessKey and -SecretKey or -ProfileName, set shell defaults with "
                    + "Set-AWSCredential, or configure AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or a default profile.",
                    ex);
            }

            return new ResolvedCredentials(credentials, DescribeDefaultChainCredentials(credentials));
        }

        private static string DescribeStore(CredentialProfile profile)
        {
            return profile.CredentialProfileStore is SharedCredentialsFile file ? file.FilePath : ".NET SDK credential store";
        }

        private static string DescribeDefaultChainCredentials(AWSCredentials credentials)
        {
            switch (credentials)
            {
                case EnvironmentVariablesAWSCredentials _:
                    return "environment variables";
                case AssumeRoleWithWebIdentityCredentials _:
                    return "web identity token (environment variables)";
                case GenericContainerCredentials _:
                    return "container credentials";
                case var instance when instance.GetType().Name == "DefaultInstanceProfileAWSCredentials":
                    // Internal in 4.1.0, so recognised by name.
                    return "EC2 instance profile";
                default:
                    return "profile '" + DefaultAWSCredentialsIdentityResolver.GetProfileName() + "' (SDK default chain)";
            }
        }
    }
}
