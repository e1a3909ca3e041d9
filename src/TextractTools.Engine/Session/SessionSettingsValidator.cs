using System;
using System.IO;
using System.Text.RegularExpressions;

namespace TextractTools.Engine.Session
{
    /// <summary>
    /// Rejects contradictory or malformed connection settings before any credential lookup or call, with messages
    /// that say which parameter is wrong. Messages never repeat a key or secret.
    /// </summary>
    internal static class SessionSettingsValidator
    {
        // Region names are DNS labels (us-east-1, cn-north-1, us-gov-west-1); anything else cannot form an endpoint.
        private static readonly Regex RegionName = new Regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant);

        public static void Validate(AwsConnectionSettings settings)
        {
            ValidateKeyTriple(settings.AccessKey, settings.SecretKey, settings.SessionToken,
                "-AccessKey", "-SecretKey", "-SessionToken");
            ValidateKeyTriple(settings.DefaultAccessKey, settings.DefaultSecretKey, settings.DefaultSessionToken,
                "the session default access key", "the session default secret key", "the session default session token");
            ValidateProfileLocation(settings.ProfileLocation);
            ValidateRegion(settings.Region, "-Region");
            ValidateRegion(settings.DefaultRegion, "the session default region");
            ValidateEndpointUrl(settings.EndpointUrl);
        }

        /// <summary>Null for null, empty or blank; the value trimmed otherwise.</summary>
        public static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        public static bool IsValidRegionName(string region) => RegionName.IsMatch(region);

        private static void ValidateKeyTriple(string? accessKey, string? secretKey, string? sessionToken,
            string accessKeyName, string secretKeyName, string sessionTokenName)
        {
            var hasAccessKey = Given(accessKey) != null;
            var hasSecretKey = Given(secretKey) != null;
            if (hasSecretKey && !hasAccessKey)
            {
                throw new ArgumentException(Capitalise(secretKeyName) + " was given without " + accessKeyName + ": give both, or neither.");
            }

            if (hasAccessKey && !hasSecretKey)
            {
                throw new ArgumentException(Capitalise(accessKeyName) + " was given without " + secretKeyName + ": give both, or neither.");
            }

            if (Given(sessionToken) != null && !hasAccessKey)
            {
                throw new ArgumentException(Capitalise(sessionTokenName) + " was given without " + accessKeyName + " and " + secretKeyName
                    + ": a session token only works together with the temporary keys it was issued with.");
            }
        }

        private static void ValidateProfileLocation(string? profileLocation)
        {
            var location = Given(profileLocation);
            if (location != null && !File.Exists(location))
            {
                throw new ArgumentException("-ProfileLocation '" + location + "' does not exist or is not a file.", "ProfileLocation");
            }
        }

        private static void ValidateRegion(string? region, string parameterName)
        {
            var given = Given(region);
            if (given != null && !IsValidRegionName(given))
            {
                throw new ArgumentException(Capitalise(parameterName) + " '" + given + "' is not a valid AWS region name (for example us-east-1).", "Region");
            }
        }

        private static void ValidateEndpointUrl(string? endpointUrl)
        {
            var given = Given(endpointUrl);
            if (given == null)
            {
                return;
            }

            if (!Uri.TryCreate(given, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException("-EndpointUrl '" + given + "' is not an absolute http:// or https:// URL.", "EndpointUrl");
            }

            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                // Not echoed: user info in a URL is usually a credential.
                throw new ArgumentException("-EndpointUrl must not contain user information (user:password@).", "EndpointUrl");
            }

            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                throw new ArgumentException("-EndpointUrl '" + given + "' must not have a query string or fragment.", "EndpointUrl");
            }
        }

        private static string Capitalise(string text) => text.StartsWith("the ", StringComparison.Ordinal) ? "T" + text.Substring(1) : text;
    }
}
