using System;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using TextractTools.Engine.Api;
using TextractTools.Engine.Session;

namespace TextractTools.Engine.Access
{
    /// <summary>
    /// Reads a service error as a permission problem: was access denied, and which action does the message name.
    /// AWS words denials "User: arn:... is not authorized to perform: s3:PutObject on resource: ...", also in S3's
    /// AccessDenied and when S3 was refused a KMS action on the caller's behalf.
    /// </summary>
    internal static class AccessDenial
    {
        private static readonly Regex DeniedAction = new Regex(@"perform:\s*(?<action>[a-z0-9-]+:[A-Za-z0-9*]+)", RegexOptions.CultureInvariant);

        private static readonly Regex Caller = new Regex(@"User:\s*(?<arn>arn:\S+?)\s+is not authorized", RegexOptions.CultureInvariant);

        private static readonly Regex DeniedResource = new Regex(@"on resource:\s*(?<arn>arn:[^\s""]+)", RegexOptions.CultureInvariant);

        /// <summary>The resource ARN a denial names ("... on resource: arn:aws:kms:...:key/..."), or null.</summary>
        public static string? ResourceOf(Exception error)
        {
            var match = DeniedResource.Match(error.Message ?? "");
            return match.Success ? match.Groups["arn"].Value.TrimEnd('.', ',') : null;
        }

        /// <summary>The caller's ARN as the denial names it, or null.</summary>
        public static string? CallerOf(Exception error)
        {
            var match = Caller.Match(error.Message ?? "");
            return match.Success ? match.Groups["arn"].Value : null;
        }

        /// <summary>
        /// True when AWS says the resource's policy (for KMS, the key policy) is what is missing: "... because no
        /// resource-based policy allows the kms:Decrypt action".
        /// </summary>
        public static bool BlamesResourcePolicy(Exception error) =>
            (error.Message ?? "").IndexOf("no resource-based policy allows", StringComparison.OrdinalIgnoreCase) >= 0;

        public static bool IsDenied(Exception error)
        {
            // A 403 for credentials AWS does not accept (InvalidAccessKeyId, SignatureDoesNotMatch, ExpiredToken) is no
            // missing permission.
            if (AwsFailures.Classify(error).Kind == AwsFailureKind.Credentials) return false;
            switch (error)
            {
                case TextractServiceException textract:
                    return textract.ErrorCode == "AccessDeniedException" || textract.StatusCode == 403;
                case AmazonServiceException aws:
                    // HEAD answers have no body: S3 then reports only the 403 status ("Forbidden").
                    return aws.ErrorCode == "AccessDenied" || aws.ErrorCode == "AccessDeniedException" || (int)aws.StatusCode == 403;
                default:
                    return false;
            }
        }

        /// <summary>The action a denial names (s3:PutObject, kms:GenerateDataKey), or null when it names none.</summary>
        public static string? ActionOf(Exception error)
        {
            var match = DeniedAction.Match(error.Message ?? "");
            return match.Success ? match.Groups["action"].Value : null;
        }

        public static string CodeOf(Exception error) => error switch
        {
            TextractServiceException textract => textract.ErrorCode,
            AmazonServiceException aws when !string.IsNullOrEmpty(aws.ErrorCode) => aws.ErrorCode,
            AmazonServiceException aws => ((int)aws.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => error.GetType().Name,
        };

        /// <summary>"code: message", in AWS's words, without the SDK's stand-in text for answers that have no body.</summary>
        public static string Describe(Exception error)
        {
            var code = CodeOf(error);
            var message = AwsFailures.MessageOf(error);
            return string.IsNullOrEmpty(message) || message == code ? code : code + ": " + message;
        }

        /// <summary>
        /// True when <paramref name="value"/> is one of <paramref name="patterns"/> (IAM wildcards: actions compare
        /// without regard to case, resources with it).
        /// </summary>
        public static bool Matches(string value, System.Collections.Generic.IEnumerable<string> patterns, bool caseSensitive = false)
        {
            var options = RegexOptions.CultureInvariant | (caseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase);
            foreach (var pattern in patterns)
            {
                var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$";
                if (Regex.IsMatch(value, regex, options)) return true;
            }
            return false;
        }
    }
}
