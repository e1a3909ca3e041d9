using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using TextractTools.Engine.Api;
using TextractTools.Engine.Validation;

namespace TextractTools.Engine.Jobs
{
    /// <summary>
    /// Checks a Start* request against the service model's rules (and S3's bucket naming rules, the KMS key reference's
    /// shape and the documented per-page query limit) before any call, so a wrong value is reported by name with the
    /// reason instead of as a terse InvalidParameterException from AWS, or not at all.
    /// </summary>
    public static class StartRequestValidator
    {
        private static readonly Regex BucketPattern = new Regex("^[a-z0-9][a-z0-9.-]*[a-z0-9]$", RegexOptions.CultureInvariant);
        private static readonly Regex IpAddressPattern = new Regex(@"^\d+\.\d+\.\d+\.\d+$", RegexOptions.CultureInvariant);
        private static readonly Regex JobTagPattern = new Regex(@"^[a-zA-Z0-9_.\-:]{1,64}$", RegexOptions.CultureInvariant);
        private static readonly Regex SnsTopicPattern = new Regex(@"^arn:([a-z\d-]+):sns:[a-zA-Z\d-]{1,20}:\w{12}:.+$", RegexOptions.CultureInvariant);
        private static readonly Regex RolePattern = new Regex(@"^arn:([a-z\d-]+):iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+$", RegexOptions.CultureInvariant);
        private static readonly Regex PagesPattern = new Regex(@"^[0-9\*\-]+$", RegexOptions.CultureInvariant);

        /// <summary>Why a bucket name breaks S3's rules, or null when it is fine.</summary>
        public static string? BucketNameProblem(string bucket)
        {
            if (bucket.Length < 3 || bucket.Length > 63) return "must be 3 to 63 characters long.";
            if (!BucketPattern.IsMatch(bucket))
                return "may contain only lowercase letters, digits, dots and hyphens, and must begin and end with a letter or digit.";
            if (bucket.Contains("..")) return "must not contain two adjacent dots.";
            if (IpAddressPattern.IsMatch(bucket)) return "must not be formatted as an IP address.";
            return null;
        }

        /// <summary>
        /// Throws <see cref="ParameterValueException"/> (an ArgumentException) naming the first wrong value and why.
        /// Checks the document, the options without the region (see <see cref="ValidateOptions"/>) and the token.
        /// </summary>
        public static void Validate(StartJobRequest request)
        {
            var doc = request.Document;
            RequireBucket(doc.Bucket, "Bucket");
            RequireLength(doc.Key, 1, 1024, "Key", "the document's object key");
            if (doc.Key.Trim().Length == 0) throw Bad("Key", "the document's object key is only white space.");
            if (doc.Version != null) RequireLength(doc.Version, 1, 1024, "Version", "the object version");
            CheckOptions(request.Options, region: null);
            if (request.ClientRequestToken != null && !TextractIdentifiers.IsWellFormed(request.ClientRequestToken))
                throw Bad("ClientRequestToken", "must be 1 to 64 characters of letters, digits, - and _ only.");
        }

        /// <summary>
        /// Checks a job's options once, before any document is uploaded or any job started: everything but the
        /// document, including what only the job's <paramref name="region"/> decides (a key ARN or an SNS topic of
        /// another region). Throws <see cref="ParameterValueException"/> naming the parameter.
        /// </summary>
        public static void ValidateOptions(JobOptions options, string? region)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            CheckOptions(options.Normalized(), region);
        }

        private static void CheckOptions(JobOptions options, string? region)
        {
            var kind = TextractJobKindInfo.Of(options.ResolvedKind);
            if (kind.TakesFeatures)
            {
                if (options.Features.Count == 0)
                    throw Bad("Feature", "document analysis needs at least one feature (Tables, Forms, Queries, Signatures, Layout).");
                foreach (var f in options.Features)
                    if (!JobOptions.ServiceFeatureTypes.Contains(f))
                        throw Bad("Feature", $"'{f}' is not a Textract feature; use Tables, Forms, Queries, Signatures or Layout.");
                var wantsQueries = options.Features.Contains("QUERIES");
                if (wantsQueries && options.Queries.Count == 0)
                    throw Bad("Query", "the Queries feature needs at least one -Query.");
                ValidateQueries(options.Queries);
                ValidateAdapters(options.Adapters);
            }
            else
            {
                // Only StartDocumentAnalysis takes FeatureTypes, QueriesConfig and AdaptersConfig.
                if (options.Features.Count > 0)
                    throw Bad("Feature", $"features belong to document analysis; {kind.Description} takes none. Leave out -Feature, or use -Kind DocumentAnalysis.");
                if (options.Queries.Count > 0)
                    throw Bad("Query", $"queries belong to document analysis; {kind.Description} takes none. Leave out -Query, or use -Kind DocumentAnalysis.");
                if (options.Adapters.Count > 0)
                    throw Bad("Adapter", $"adapters belong to document analysis; {kind.Description} takes none. Leave out -Adapter, or use -Kind DocumentAnalysis with a -Feature.");
            }

            if (options.Output != null)
            {
                RequireBucket(options.Output.Bucket, "OutputBucket");
                var prefix = options.OutputPrefix;
                if (prefix != null)
                {
                    RequireLength(prefix, 1, 1024, "OutputPrefix", "the output prefix");
                    if (prefix.Trim().Length == 0) throw Bad("OutputPrefix", "the output prefix is only white space.");
                }
            }
            // Null is "no key"; anything else, an empty string included, must be a key reference.
            if (options.KmsKeyId != null) KmsKeyReference.Validate(options.KmsKeyId, "KmsKeyId", region);
            if (options.JobTag != null && !JobTagPattern.IsMatch(options.JobTag))
                throw Bad("JobTag", "must be 1 to 64 characters of letters, digits and _ . - : only.");
            if ((options.NotificationTopicArn == null) != (options.NotificationRoleArn == null))
                throw Bad(options.NotificationTopicArn == null ? "NotificationTopicArn" : "NotificationRoleArn",
                    "notifications need both -NotificationTopicArn and -NotificationRoleArn.");
            if (options.NotificationTopicArn != null)
            {
                if (options.NotificationTopicArn.Length < 20 || options.NotificationTopicArn.Length > 1024 || !SnsTopicPattern.IsMatch(options.NotificationTopicArn))
                    throw Bad("NotificationTopicArn", $"'{options.NotificationTopicArn}' is not an SNS topic ARN (arn:aws:sns:region:123456789012:topic).");
                if (options.NotificationRoleArn!.Length < 20 || options.NotificationRoleArn.Length > 2048 || !RolePattern.IsMatch(options.NotificationRoleArn))
                    throw Bad("NotificationRoleArn", $"'{options.NotificationRoleArn}' is not an IAM role ARN (arn:aws:iam::123456789012:role/name).");
                var topicRegion = options.NotificationTopicArn.Split(':')[3];
                if (region != null && !string.Equals(topicRegion, region, StringComparison.Ordinal))
                    throw Bad("NotificationTopicArn", $"the topic is in {topicRegion}, but the job runs in {region}: Textract publishes to topics of its own region only. " +
                                                      $"Use a topic in {region}, or run the job in {topicRegion} (-Region {topicRegion}).");
            }
        }

        private static void ValidateQueries(IReadOnlyList<QuerySpec> queries)
        {
            foreach (var q in queries)
            {
                RequireText(q.Text, "Query", "query text");
                if (q.Alias != null) RequireText(q.Alias, "Query", $"alias of query '{q.Text}'");
                RequirePages(q.Pages, "Query");
            }
            var duplicate = queries.Where(q => q.Alias != null).GroupBy(q => q.Alias).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null) throw Bad("Query", $"the alias '{duplicate.Key}' is used by more than one query.");
            var (page, count) = BusiestPage(queries);
            if (count > MaxQueriesPerPage)
                throw new ParameterValueException("TooManyQueries", ParameterProblem.LimitExceeded, "Query",
                    $"-Query: {count} queries look at page {page}; Textract's asynchronous operations take at most {MaxQueriesPerPage} queries per page. " +
                    "Give some queries other pages (Pages = '2' ...), or ask the rest in a second job.");
        }

        /// <summary>
        /// Queries per page in asynchronous operations: "up to 30 queries per page for asynchronous operations" (Amazon
        /// Textract Developer Guide, "Set Quotas in Amazon Textract", Query Specific Limits; 15 for synchronous ones).
        /// </summary>
        public const int MaxQueriesPerPage = 30;

        /// <summary>
        /// The page most queries look at, and how many: a query's Pages (default page 1) are numbers, ranges (2-4) and
        /// open ranges (3-*, *); the count is highest where some range begins, so only those pages are counted.
        /// Selectors of another form are the service's to judge and count for no page here.
        /// </summary>
        internal static (int Page, int Count) BusiestPage(IReadOnlyList<QuerySpec> queries)
        {
            var ranges = queries.Select(q => (q.Pages.Count == 0 ? new[] { "1" } : q.Pages).Select(PageRange).Where(r => r.HasValue).Select(r => r!.Value).ToList()).ToList();
            var best = (Page: 1, Count: 0);
            foreach (var start in ranges.SelectMany(r => r).Select(r => r.First).Distinct())
            {
                var count = ranges.Count(r => r.Any(x => x.First <= start && start <= x.Last));
                if (count > best.Count) best = (start, count);
            }
            return best;
        }

        private static (int First, int Last)? PageRange(string selector)
        {
            if (selector == "*") return (1, int.MaxValue);
            var dash = selector.IndexOf('-');
            if (dash < 0) return int.TryParse(selector, out var page) && page > 0 ? (page, page) : ((int, int)?)null;
            var from = selector.Substring(0, dash);
            var to = selector.Substring(dash + 1);
            if (!int.TryParse(from, out var first) || first < 1) return null;
            if (to == "*") return (first, int.MaxValue);
            return int.TryParse(to, out var last) && last >= first ? (first, last) : ((int, int)?)null;
        }

        private static void ValidateAdapters(IReadOnlyList<AdapterSpec> adapters)
        {
            if (adapters.Count > 100) throw Bad("Adapter", "at most 100 adapters may be given.");
            foreach (var a in adapters)
            {
                RequireLength(a.AdapterId, 12, 1011, "Adapter", "AdapterId");
                RequireLength(a.Version, 1, 128, "Adapter", $"Version of adapter {a.AdapterId}");
                RequirePages(a.Pages, "Adapter");
            }
        }

        private static void RequirePages(IReadOnlyList<string> pages, string parameter)
        {
            foreach (var p in pages)
                if (p.Length < 1 || p.Length > 9 || !PagesPattern.IsMatch(p))
                    throw Bad(parameter, $"page selector '{p}' must be 1 to 9 characters of digits, * and - (for example 1, 2-4, *, 3-*).");
        }

        private static void RequireText(string value, string parameter, string what)
        {
            RequireLength(value, 1, 200, parameter, what);
            if (value.Trim().Length == 0) throw Bad(parameter, $"the {what} is only white space: give the question (or alias) itself.");
            foreach (var c in value)
                if (!(c >= 0x20 && c <= 0x7E) && !char.IsWhiteSpace(c))
                    throw Bad(parameter, $"{what} '{value}' may contain only printable ASCII characters and white space.");
        }

        private static void RequireBucket(string bucket, string parameter)
        {
            var problem = BucketNameProblem(bucket ?? "");
            if (problem != null) throw Bad(parameter, $"bucket name '{bucket}' {problem}");
        }

        private static void RequireLength(string? value, int min, int max, string parameter, string what)
        {
            var length = value?.Length ?? 0;
            if (length < min || length > max)
                throw Bad(parameter, $"{what} must be {min} to {max} characters long (it is {length}).");
        }

        private static ParameterValueException Bad(string parameter, string reason) =>
            ParameterValueException.Invalid(parameter, $"-{parameter}: {reason}");
    }
}
