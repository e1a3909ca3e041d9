using System;
using System.Text;

namespace TextractTools.LocalEndpoint.Sqs
{
    /// <summary>
    /// A receipt handle: which message, and which receive of it. Opaque to clients (base64url), so nobody builds one
    /// by hand; a handle that does not decode is ReceiptHandleIsInvalid, as in the service.
    /// </summary>
    internal readonly record struct ReceiptHandle(string MessageId, string Token)
    {
        private const string Prefix = "local-sqs-v1|";

        public string Encode()
        {
            var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + MessageId + "|" + Token));
            return base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        public static bool TryDecode(string? text, out ReceiptHandle handle)
        {
            handle = default;
            if (string.IsNullOrEmpty(text)) return false;
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            }
            catch (FormatException)
            {
                return false;
            }
            if (!decoded.StartsWith(Prefix, StringComparison.Ordinal)) return false;
            var parts = decoded.Substring(Prefix.Length).Split('|');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0) return false;
            handle = new ReceiptHandle(parts[0], parts[1]);
            return true;
        }
    }
}
