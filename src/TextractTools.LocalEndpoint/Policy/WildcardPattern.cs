using System;

namespace TextractTools.LocalEndpoint.Policy
{
    /// <summary>
    /// IAM's wildcards: '*' matches any run of characters (also none, also '/' and ':'), '?' exactly one character.
    /// Actions compare case-insensitively, resources and condition values case-sensitively, as IAM does.
    /// </summary>
    public static class WildcardPattern
    {
        public static bool IsMatch(string pattern, string value, bool ignoreCase)
        {
            // Iterative matching with backtracking to the last '*': linear in practice, no regex to build or cache.
            int p = 0, v = 0, starP = -1, starV = 0;
            while (v < value.Length)
            {
                if (p < pattern.Length && pattern[p] == '*')
                {
                    starP = p++;
                    starV = v;
                }
                else if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], value[v], ignoreCase)))
                {
                    p++;
                    v++;
                }
                else if (starP >= 0)
                {
                    p = starP + 1;
                    v = ++starV;
                }
                else
                {
                    return false;
                }
            }
            while (p < pattern.Length && pattern[p] == '*') p++;
            return p == pattern.Length;
        }

        private static bool Same(char a, char b, bool ignoreCase) =>
            a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
    }
}
