using System.Linq;
using System.Net;

namespace TextractTools.LocalEndpoint.S3
{
    /// <summary>S3's general-purpose bucket naming rules (3-63 chars, lower case, digits, dots, hyphens; not an IP address).</summary>
    public static class BucketNameRules
    {
        public static bool IsValid(string name)
        {
            if (name.Length < 3 || name.Length > 63) return false;
            if (!name.All(c => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) return false;
            if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1])) return false;
            if (name.Contains("..") || name.Contains(".-") || name.Contains("-.")) return false;
            if (name.StartsWith("xn--") || name.StartsWith("sthree-") || name.EndsWith("-s3alias") || name.EndsWith("--ol-s3")) return false;
            return !(name.Count(c => c == '.') == 3 && IPAddress.TryParse(name, out _));
        }

        public static void Require(string name)
        {
            if (!IsValid(name)) throw new S3Error(400, "InvalidBucketName", "The specified bucket is not valid.") { Details = new[] { ("BucketName", name) } };
        }
    }
}
