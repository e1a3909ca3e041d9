using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TextractTools.Engine.Api;

namespace TextractTools.Commands
{
    /// <summary>
    /// Turns what users type for -Query and -Adapter (strings, hashtables, values wrapped in PSObject) into the
    /// engine's specs. Shared by every cmdlet that starts jobs so they accept exactly the same forms.
    /// </summary>
    internal static class StartOptionValues
    {
        /// <summary>A query text, or a hashtable with Text, Alias and Pages (any case).</summary>
        public static QuerySpec ToQuery(object value)
        {
            var item = value is PSObject pso ? pso.BaseObject : value;
            if (item is string text) return new QuerySpec(text);
            if (item is IDictionary table)
                return new QuerySpec(
                    GetString(table, "Text") ?? throw new ArgumentException("-Query: a query hashtable needs a Text entry.", "Query"),
                    GetString(table, "Alias"),
                    GetStrings(table, "Pages"));
            throw new ArgumentException($"-Query: '{item}' is neither a query text nor a hashtable with Text, Alias and Pages.", "Query");
        }

        /// <summary>A hashtable with AdapterId, Version and Pages.</summary>
        public static AdapterSpec ToAdapter(IDictionary table) =>
            new AdapterSpec(
                GetString(table, "AdapterId") ?? throw new ArgumentException("-Adapter: each adapter needs an AdapterId.", "Adapter"),
                GetString(table, "Version") ?? throw new ArgumentException("-Adapter: each adapter needs a Version.", "Adapter"),
                GetStrings(table, "Pages"));

        private static object? Entry(IDictionary table, string name)
        {
            foreach (DictionaryEntry e in table)
                if (string.Equals(e.Key?.ToString(), name, StringComparison.OrdinalIgnoreCase))
                    return e.Value is PSObject p ? p.BaseObject : e.Value;
            return null;
        }

        private static string? GetString(IDictionary table, string name) => Entry(table, name)?.ToString();

        private static IReadOnlyList<string> GetStrings(IDictionary table, string name)
        {
            switch (Entry(table, name))
            {
                case null: return Array.Empty<string>();
                case string one: return new[] { one };
                case IEnumerable many: return many.Cast<object>().Select(o => (o is PSObject p ? p.BaseObject : o)?.ToString() ?? "").ToList();
                case object other: return new[] { other.ToString() ?? "" };
            }
        }
    }
}
