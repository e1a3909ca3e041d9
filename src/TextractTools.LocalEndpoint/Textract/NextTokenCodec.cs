using System;
using System.Globalization;
using System.Text;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// NextToken: opaque to clients (base64url of the job id and the index of the next block), checked on the way
    /// back so that a token of another job, an edited token or one past the end is an InvalidParameterException.
    /// </summary>
    internal static class NextTokenCodec
    {
        private const string Version = "v1";

        public static string Encode(string jobId, int nextBlock) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Version}:{jobId}:{nextBlock.ToString(CultureInfo.InvariantCulture)}"))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static int Decode(string token, string jobId, int blockCount)
        {
            var parts = TryReadText(token)?.Split(':');
            if (parts is not { Length: 3 } || parts[0] != Version || parts[1] != jobId
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var next)
                || next <= 0 || next >= blockCount)
                throw TextractException.InvalidParameter("NextToken is not a token this job returned.");
            return next;
        }

        private static string? TryReadText(string token)
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
