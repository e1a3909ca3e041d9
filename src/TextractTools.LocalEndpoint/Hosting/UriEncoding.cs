using System;
using System.Collections.Generic;
using System.Text;

namespace TextractTools.LocalEndpoint.Hosting
{
    /// <summary>
    /// The percent-encoding AWS uses in SigV4 and S3 listings (RFC 3986: only A-Z a-z 0-9 - _ . ~ stay literal,
    /// hex digits upper case, space as %20). Uri.EscapeDataString is close but not specified to match, so it is done by hand.
    /// </summary>
    public static class UriEncoding
    {
        public static string Encode(string value, bool keepSlash = false)
        {
            var sb = new StringBuilder(value.Length + 16);
            foreach (var b in Encoding.UTF8.GetBytes(value))
            {
                var c = (char)b;
                if (IsUnreserved(c) || (keepSlash && c == '/')) sb.Append(c);
                else sb.Append('%').Append(((int)b).ToString("X2"));
            }
            return sb.ToString();
        }

        /// <summary>Decodes %XX sequences as UTF-8; '+' is left alone unless <paramref name="plusIsSpace"/>.</summary>
        public static string Decode(string value, bool plusIsSpace = false)
        {
            if (value.IndexOf('%') < 0 && !(plusIsSpace && value.IndexOf('+') >= 0)) return value;
            var bytes = new List<byte>(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
                {
                    bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else if (c == '+' && plusIsSpace) bytes.Add((byte)' ');
                else bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
            return Encoding.UTF8.GetString(bytes.ToArray());
        }

        /// <summary>Splits a raw query string into decoded name/value pairs, keeping order and duplicates.</summary>
        public static IReadOnlyList<KeyValuePair<string, string>> ParseQuery(string rawQuery)
        {
            var result = new List<KeyValuePair<string, string>>();
            if (string.IsNullOrEmpty(rawQuery)) return result;
            foreach (var part in rawQuery.Split('&'))
            {
                if (part.Length == 0) continue;
                var eq = part.IndexOf('=');
                var name = eq < 0 ? part : part.Substring(0, eq);
                var value = eq < 0 ? "" : part.Substring(eq + 1);
                // Clients following SigV4 send spaces as %20; '+' from form-style encoders still means space.
                result.Add(new KeyValuePair<string, string>(Decode(name, plusIsSpace: true), Decode(value, plusIsSpace: true)));
            }
            return result;
        }

        private static bool IsUnreserved(char c) =>
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
