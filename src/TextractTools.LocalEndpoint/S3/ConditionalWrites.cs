using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Storage;

namespace TextractTools.LocalEndpoint.S3
{
    /// <summary>
    /// S3's conditional writes (PutObject and CompleteMultipartUpload): <c>If-None-Match: *</c> creates the object only
    /// if the key is free, <c>If-Match: ETag</c> replaces it only while it has that ETag. The answers are S3's: 412
    /// PreconditionFailed, 404 NoSuchKey for If-Match on a missing key, 409 ConditionalRequestConflict when another
    /// write got in between (the client retries).
    /// </summary>
    public static class ConditionalWrites
    {
        public const string IfNoneMatchHeader = "If-None-Match";
        public const string IfMatchHeader = "If-Match";

        /// <summary>The condition the request's headers ask for; throws S3's answer to one it does not take.</summary>
        public static WriteCondition Read(IncomingRequest request)
        {
            var ifNoneMatch = request.Header(IfNoneMatchHeader)?.Trim();
            var ifMatch = request.Header(IfMatchHeader)?.Trim();
            if (ifNoneMatch is not null && ifMatch is not null)
            {
                // Unverified: how S3 answers both at once. One condition per write is what it documents.
                throw S3Error.NotImplemented("both If-None-Match and If-Match on a write (give one of them)");
            }
            if (ifNoneMatch is not null)
            {
                // S3 writes take only the wildcard: "create if absent".
                if (ifNoneMatch != "*") throw S3Error.NotImplemented($"If-None-Match: {ifNoneMatch} on a write (only * is supported)");
                return WriteCondition.IfAbsent;
            }
            if (ifMatch is not null)
            {
                if (ifMatch.Length == 0) throw S3Error.InvalidArgument("If-Match must name an ETag.", IfMatchHeader, ifMatch);
                return WriteCondition.IfMatch(ifMatch);
            }
            return WriteCondition.None;
        }

        /// <summary>Returns when the write happened; otherwise throws S3's answer for why it did not.</summary>
        public static void Require(WriteOutcome outcome, WriteCondition condition, string key)
        {
            switch (outcome)
            {
                case WriteOutcome.Written:
                    return;
                case WriteOutcome.ObjectMissing:
                    throw S3Error.NoSuchKey(key);
                case WriteOutcome.Conflict:
                    throw new S3Error(409, "ConditionalRequestConflict",
                        "A conflicting conditional operation is currently in progress against this resource. Try again.");
                default:
                    throw new S3Error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
                    {
                        Details = new[] { ("Condition", condition.Kind == WriteConditionKind.IfNoneMatch ? IfNoneMatchHeader : IfMatchHeader) },
                    };
            }
        }

        /// <summary>The IAM condition keys of a conditional write (s3:if-none-match, s3:if-match), for policies that demand them.</summary>
        public static (string Key, string? Value)[] PolicyKeys(IncomingRequest request) => new[]
        {
            ("s3:if-none-match", request.Header(IfNoneMatchHeader)?.Trim()),
            ("s3:if-match", request.Header(IfMatchHeader)?.Trim()),
        };
    }
}
