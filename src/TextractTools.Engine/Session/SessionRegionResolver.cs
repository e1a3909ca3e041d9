using System;
using Amazon;
using Amazon.Runtime;

namespace TextractTools.Engine.Session
{
    /// <summary>The region chosen for a session and where it came from.</summary>
    internal sealed class ResolvedRegion
    {
        public ResolvedRegion(string name, string source)
        {
            Name = name;
            Source = source;
        }

        public string Name { get; }

        public string Source { get; }
    }

    /// <summary>
    /// AWS.Tools' region precedence: -Region, then (for a command given a job) the job's own region, then the session default ($StoredAWSRegion), then the region of the
    /// profile that supplied the credentials, then the SDK default (AWS_REGION, AWS_DEFAULT_REGION, the
    /// AWS_PROFILE/default profile, instance metadata).
    /// </summary>
    internal static class SessionRegionResolver
    {
        public static ResolvedRegion Resolve(AwsConnectionSettings settings, ResolvedCredentials credentials)
        {
            var region = SessionSettingsValidator.Given(settings.Region);
            if (region != null)
            {
                return new ResolvedRegion(region, "parameter -Region");
            }

            var jobRegion = SessionSettingsValidator.Given(settings.JobRegion);
            if (jobRegion != null)
            {
                return new ResolvedRegion(RequireValid(jobRegion, "the job's Region"), "the job's Region (where it was started)");
            }

            var defaultRegion = SessionSettingsValidator.Given(settings.DefaultRegion);
            if (defaultRegion != null)
            {
                return new ResolvedRegion(defaultRegion, "session default region (Set-DefaultAWSRegion)");
            }

            var profileRegion = credentials.Profile?.Region?.SystemName;
            if (!string.IsNullOrEmpty(profileRegion))
            {
                return new ResolvedRegion(profileRegion!, "profile '" + credentials.Profile!.Name + "'");
            }

            return FromSdkDefaults() ?? throw new ArgumentException(
                "No AWS region was given or found. Pass -Region, set a shell default with Set-DefaultAWSRegion, "
                + "add a region to the profile, or set AWS_REGION.", "Region");
        }

        private static ResolvedRegion? FromSdkDefaults()
        {
            // The environment is read here (not only through the SDK's process-wide cached chain) so the source can
            // be named and a variable changed since the last call is seen.
            foreach (var variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
            {
                var value = SessionSettingsValidator.Given(Environment.GetEnvironmentVariable(variable));
                if (value != null)
                {
                    return new ResolvedRegion(RequireValid(value, "environment variable " + variable), "environment variable " + variable);
                }
            }

            RegionEndpoint? sdkDefault;
            try
            {
                sdkDefault = FallbackRegionFactory.GetRegionEndpoint();
            }
            catch (AmazonClientException)
            {
                sdkDefault = null;
            }

            return sdkDefault == null ? null : new ResolvedRegion(sdkDefault.SystemName, "SDK default region (profile or instance metadata)");
        }

        private static string RequireValid(string region, string source)
        {
            if (!SessionSettingsValidator.IsValidRegionName(region))
            {
                throw new ArgumentException("The region '" + region + "' from " + source + " is not a valid AWS region name.", "Region");
            }

            return region;
        }
    }
}
