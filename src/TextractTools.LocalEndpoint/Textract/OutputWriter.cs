using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using TextractTools.LocalEndpoint.Storage;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// Writes a job's output to its OutputConfig bucket the way Textract does: a zero-byte
    /// <c>{prefix}/{JobId}/.s3_access_check</c> when the job starts (the service's probe of write access), and
    /// when it succeeds:
    /// <list type="bullet">
    /// <item>text detection, analysis, expense: <c>{prefix}/{JobId}/1</c>, <c>/2</c>, ..., each a Get*-style page of
    /// at most 1,000 blocks (or 20 ExpenseDocuments) with absent members as explicit nulls;</item>
    /// <item>lending: the developer guide's three folders: <c>{prefix}/{JobId}/detailedResponse/1..n</c> (GetLendingAnalysis
    /// pages of at most 30 Results), <c>{prefix}/{JobId}/summaryResponse/1</c> (the GetLendingAnalysisSummary answer)
    /// and, for a PDF, <c>{prefix}/{JobId}/splitDocuments/{Type}/{Index}.pdf</c> (the pages of each split document).
    /// The object names inside the folders are unverified (see /work/notes/lending-s3-layout.md and REPLAY.md).</item>
    /// </list>
    /// Each page carries the NextToken the Get* API would give for the same page (null on the last); whether the
    /// service writes them is unverified, so readers must not rely on it. Objects are SSE-KMS under the job's key
    /// when KMSKeyId was given, else SSE-S3.
    /// </summary>
    internal sealed class OutputWriter
    {
        public const string DefaultPrefix = "textract_output";
        public const string AccessCheckName = ".s3_access_check";
        public const string LendingDetailFolder = "detailedResponse";
        public const string LendingSummaryFolder = "summaryResponse";
        public const string LendingSplitFolder = "splitDocuments";

        private readonly ObjectStore _storage;

        public OutputWriter(ObjectStore storage) => _storage = storage;

        /// <summary>The prefix objects go under: S3Prefix without trailing slashes, or the service's default.</summary>
        public static string ResolvePrefix(string? s3Prefix) => (s3Prefix ?? DefaultPrefix).TrimEnd('/');

        public static string KeyOf(string prefix, string jobId, string name) =>
            prefix.Length == 0 ? $"{jobId}/{name}" : $"{prefix}/{jobId}/{name}";

        /// <summary>Writes the access check; false when the bucket does not exist (the caller fails the Start).</summary>
        public bool TryWriteAccessCheck(string bucket, string prefix, string jobId, string? kmsKeyArn)
        {
            if (!_storage.BucketExists(bucket)) return false;
            try
            {
                _storage.PutObject(bucket, KeyOf(prefix, jobId, AccessCheckName), Array.Empty<byte>(), Encryption(kmsKeyArn));
                return true;
            }
            catch (KeyNotFoundException)
            {
                return false; // the bucket was deleted between the check and the write
            }
        }

        /// <summary>Writes the output objects of a succeeded job; false when the bucket has gone since the Start.</summary>
        public bool TryWriteResult(TextractJob job, JobResult result)
        {
            try
            {
                if (job.Kind == JobKind.Lending)
                {
                    WritePages(job, result, LendingDetailFolder + "/");
                    Put(job, LendingSummaryFolder + "/1", Encoding.UTF8.GetBytes(GetAnswerWriter.Summary(job, result, explicitNulls: true)));
                    WriteSplitDocuments(job, result);
                }
                else
                {
                    WritePages(job, result, "");
                }
                return true;
            }
            catch (KeyNotFoundException)
            {
                return false;
            }
        }

        /// <summary>The numbered Get*-style pages, 1..n (at least one, even with nothing to page).</summary>
        private void WritePages(TextractJob job, JobResult result, string folder)
        {
            var pageSize = job.Kind.PageSize();
            var total = result.PagedCount(job.Kind);
            var number = 1;
            for (var first = 0; first == 0 || first < total; first += pageSize, number++)
            {
                var page = GetAnswerWriter.Page(job, result, first, pageSize, explicitNulls: true);
                Put(job, folder + number.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(page));
            }
        }

        /// <summary>
        /// One PDF per split document of the summary, holding its pages (PDF input only: splitting images is not
        /// emulated). Object names are this endpoint's: splitDocuments/{Type}/{Index}.pdf.
        /// </summary>
        private void WriteSplitDocuments(TextractJob job, JobResult result)
        {
            if (job.Format != DocumentFormat.Pdf || result.Summary is not { } summary) return;
            if (!summary.TryGetProperty("DocumentGroups", out var groups) || groups.ValueKind != JsonValueKind.Array) return;
            foreach (var group in groups.EnumerateArray())
            {
                if (!group.TryGetProperty("Type", out var type) || type.ValueKind != JsonValueKind.String) continue;
                if (!group.TryGetProperty("SplitDocuments", out var splits) || splits.ValueKind != JsonValueKind.Array) continue;
                foreach (var split in splits.EnumerateArray())
                {
                    if (!split.TryGetProperty("Index", out var index) || !index.TryGetInt32(out var number)) continue;
                    if (!split.TryGetProperty("Pages", out var pages) || pages.ValueKind != JsonValueKind.Array) continue;
                    var pageNumbers = pages.EnumerateArray().Where(p => p.TryGetInt32(out var n) && n >= 1 && n <= result.Pages)
                        .Select(p => p.GetInt32()).ToList();
                    if (pageNumbers.Count == 0 || SplitPdf(job.Document, pageNumbers) is not { } pdf) continue;
                    Put(job, $"{LendingSplitFolder}/{type.GetString()}/{number.ToString(CultureInfo.InvariantCulture)}.pdf", pdf, "application/pdf");
                }
            }
        }

        /// <summary>The pages of a PDF as a PDF of their own, or null when the PDF cannot be read (a recording of other bytes).</summary>
        private static byte[]? SplitPdf(byte[] pdf, IReadOnlyList<int> pages)
        {
            try
            {
                return UglyToad.PdfPig.Writer.PdfMerger.Merge(new[] { pdf }, new[] { pages });
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // PdfPig throws many types for damaged documents: then there is nothing to split, and the job's other
                // output stands.
                return null;
            }
        }

        private void Put(TextractJob job, string name, byte[] data, string contentType = "binary/octet-stream") =>
            _storage.PutObject(job.Request.OutputBucket!, KeyOf(job.OutputPrefix!, job.JobId, name), data, Encryption(job.KmsKeyArn), contentType);

        private static ObjectEncryption Encryption(string? kmsKeyArn) =>
            kmsKeyArn is null ? ObjectEncryption.S3Managed : ObjectEncryption.Kms(kmsKeyArn);
    }
}
