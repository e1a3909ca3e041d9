using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// Names that become CSV headers and PowerShell property names, which compare without regard to case: a name
    /// already taken gets _2, _3, ... (ITEM, ITEM_2). Table columns and line-item columns are named the same way.
    /// </summary>
    internal static class UniqueNames
    {
        /// <summary>A set of names taken, compared as PowerShell compares property names.</summary>
        public static HashSet<string> NewSet() => new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Takes <paramref name="name"/>, or the first of name_2, name_3, ... not yet in <paramref name="used"/>.</summary>
        public static string Claim(string name, HashSet<string> used)
        {
            if (used.Add(name)) return name;
            for (int n = 2; ; n++)
            {
                string candidate = name + "_" + n;
                if (used.Add(candidate)) return candidate;
            }
        }
    }
}
