using System;
using System.Collections.Generic;
using TextractTools.LocalEndpoint.Storage;

namespace TextractTools.LocalEndpoint.S3
{
    /// <summary>One page of a listing: objects and common prefixes in key order.</summary>
    public sealed record ListingPage(
        IReadOnlyList<StoredObject> Objects,
        IReadOnlyList<string> CommonPrefixes,
        bool IsTruncated,
        string? LastEntry);

    /// <summary>
    /// The listing algorithm shared by ListObjects and ListObjectsV2: walk keys in order after a marker, roll keys
    /// that contain the delimiter (after the prefix) into common prefixes, stop after max-keys entries (an object
    /// and a common prefix count one each) and tell whether more entries follow.
    /// </summary>
    public static class ObjectListing
    {
        /// <param name="sortedObjects">The bucket's objects under <paramref name="prefix"/>, in ordinal key order.</param>
        /// <param name="after">Exclusive marker: a key, or a common prefix returned by a previous page.</param>
        public static ListingPage List(IReadOnlyList<StoredObject> sortedObjects, string prefix, string? delimiter, string? after, int maxKeys)
        {
            var objects = new List<StoredObject>();
            var prefixes = new List<string>();
            string? lastEntry = null;
            var count = 0;
            foreach (var obj in sortedObjects)
            {
                var entry = EntryFor(obj.Key, prefix, delimiter);
                var isPrefix = entry is not null;
                if (after is not null)
                {
                    if (string.CompareOrdinal(obj.Key, after) <= 0) continue;
                    // The marker lies inside (or is) this common prefix: the prefix was reported already.
                    if (isPrefix && after.StartsWith(entry!, StringComparison.Ordinal)) continue;
                }
                if (isPrefix && entry == lastEntry) continue; // further keys of a prefix already reported
                if (count == maxKeys) return new ListingPage(objects, prefixes, IsTruncated: true, lastEntry);
                if (isPrefix) prefixes.Add(entry!);
                else objects.Add(obj);
                lastEntry = isPrefix ? entry : obj.Key;
                count++;
            }
            return new ListingPage(objects, prefixes, IsTruncated: false, lastEntry);
        }

        /// <summary>The common prefix a key rolls into, or null when it is listed as itself.</summary>
        private static string? EntryFor(string key, string prefix, string? delimiter)
        {
            if (string.IsNullOrEmpty(delimiter)) return null;
            var at = key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
            return at < 0 ? null : key.Substring(0, at + delimiter.Length);
        }
    }
}
