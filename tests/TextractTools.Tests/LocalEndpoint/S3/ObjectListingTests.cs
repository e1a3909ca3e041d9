using System;
using System.Collections.Generic;
using System.Linq;
using TextractTools.LocalEndpoint.S3;
using TextractTools.LocalEndpoint.Storage;
using Xunit;

namespace TextractTools.Tests.LocalEndpoint.S3
{
    /// <summary>The listing algorithm: markers, delimiters and truncation, without HTTP.</summary>
    public sealed class ObjectListingTests
    {
        private static IReadOnlyList<StoredObject> Objects(params string[] keys) =>
            keys.OrderBy(k => k, StringComparer.Ordinal)
                .Select(k => new StoredObject("b", k, Array.Empty<byte>(), "\"e\"", DateTimeOffset.UnixEpoch, ObjectEncryption.S3Managed,
                    "binary/octet-stream", new Dictionary<string, string>()))
                .ToList();

        [Fact]
        public void Pages_cover_every_entry_once_when_continued_from_the_last_entry()
        {
            var objects = Objects("a/1", "a/2", "b", "c/1", "c/2", "c/3", "d");
            var entries = new List<string>();
            string? after = null;
            for (var guard = 0; guard < 10; guard++)
            {
                var page = ObjectListing.List(objects, "", "/", after, maxKeys: 2);
                entries.AddRange(page.Objects.Select(o => o.Key).Concat(page.CommonPrefixes).OrderBy(e => e, StringComparer.Ordinal));
                if (!page.IsTruncated) break;
                after = page.LastEntry;
            }
            Assert.Equal(new[] { "a/", "b", "c/", "d" }, entries);
        }

        [Fact]
        public void A_page_that_ends_exactly_at_the_last_entry_is_not_truncated()
        {
            var page = ObjectListing.List(Objects("x", "y"), "", null, null, maxKeys: 2);
            Assert.False(page.IsTruncated);
            Assert.Equal("y", page.LastEntry);
        }

        [Fact]
        public void Only_the_part_after_the_prefix_is_searched_for_the_delimiter()
        {
            var page = ObjectListing.List(Objects("out/job/1", "out/job/2", "out/top"), "out/", "/", null, maxKeys: 1000);
            Assert.Equal(new[] { "out/job/" }, page.CommonPrefixes);
            Assert.Equal(new[] { "out/top" }, page.Objects.Select(o => o.Key));
        }
    }
}
