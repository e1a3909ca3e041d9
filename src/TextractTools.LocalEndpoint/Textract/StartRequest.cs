using System;
using System.Collections.Generic;
using System.Linq;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>One query of QueriesConfig; <see cref="Pages"/> as given (null means the service default, page 1).</summary>
    internal sealed record QueryRequest(string Text, string? Alias, IReadOnlyList<string>? Pages)
    {
        /// <summary>The 1-based pages of a document of <paramref name="pageCount"/> pages the query applies to.</summary>
        public IReadOnlyCollection<int> ResolvePages(int pageCount)
        {
            var pages = new SortedSet<int>();
            foreach (var range in Pages ?? new[] { "1" })
            {
                var (first, last) = QueryPageRange.Parse(range, pageCount);
                for (var page = Math.Max(first, 1); page <= Math.Min(last, pageCount); page++) pages.Add(page);
            }
            return pages;
        }
    }

    /// <summary>
    /// Query.Pages items: "3", "2-5", "*" (every page), "2-*" (page 2 to the end). Anything else is an invalid
    /// parameter; checked at Start, so that <see cref="QueryRequest.ResolvePages"/> never fails later.
    /// </summary>
    internal static class QueryPageRange
    {
        public static (int First, int Last) Parse(string text, int pageCount)
        {
            if (text == "*") return (1, pageCount);
            var dash = text.IndexOf('-');
            if (dash < 0) return (ParsePage(text, pageCount), ParsePage(text, pageCount));
            var first = ParsePage(text.Substring(0, dash), pageCount);
            var last = ParsePage(text.Substring(dash + 1), pageCount);
            if (first > last) throw Invalid(text);
            return (first, last);
        }

        public static void Validate(string text) => Parse(text, int.MaxValue);

        private static int ParsePage(string text, int pageCount)
        {
            if (text == "*") return pageCount;
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page)
                || page < 1)
                throw Invalid(text);
            return page;
        }

        private static TextractException Invalid(string text) =>
            TextractException.InvalidParameter($"Query Pages item '{text}' is not a page number, a range 'a-b' or '*'.");
    }

    /// <summary>
    /// A validated Start* request (any of the four kinds). <see cref="Fingerprint"/> is the
    /// canonical text of every member but ClientRequestToken: the idempotency check compares it.
    /// </summary>
    internal sealed record StartRequest(
        JobKind Kind,
        string Bucket,
        string Name,
        string? Version,
        IReadOnlyList<string> FeatureTypes,
        IReadOnlyList<QueryRequest> Queries,
        string? ClientRequestToken,
        string? JobTag,
        string? KmsKeyId,
        string? OutputBucket,
        string? OutputPrefix,
        string? SnsTopicArn,
        string? RoleArn,
        string Fingerprint)
    {
        public bool Has(string featureType) => FeatureTypes.Contains(featureType);
    }
}
