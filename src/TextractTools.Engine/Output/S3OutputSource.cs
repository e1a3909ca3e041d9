using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3;
using Amazon.S3.Model;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Document;

namespace TextractTools.Engine.Output
{
    /// <summary>One numbered output object in the output bucket.</summary>
    public sealed class OutputObjectInfo
    {
        public OutputObjectInfo(string bucket, string key, int number, long size, string? encryption, string? kmsKeyId)
        {
            Bucket = bucket;
            Key = key;
            Number = number;
            Size = size;
            Encryption = encryption;
            KmsKeyId = kmsKeyId;
        }

        public string Bucket { get; }
        public string Key { get; }
        public int Number { get; }
        public long Size { get; }

        /// <summary>aws:kms or AES256 as S3 reports it (known after the object is read).</summary>
        public string? Encryption { get; }

        public string? KmsKeyId { get; }
        public string Uri => S3Location.Of(Bucket, Key).ToString();
    }

    /// <summary>
    /// The output a job wrote to the customer's bucket: {prefix}/{JobId}/1, /2, ... in numeric order (never
    /// alphabetical: 10 comes after 9), skipping .s3_access_check and anything not numbered.
    /// </summary>
    internal sealed class S3OutputSource
    {
        private readonly IAmazonS3 _s3;

        public S3OutputSource(IAmazonS3 s3) => _s3 = s3;

        /// <summary>
        /// Lists the numbered objects under the location (s3://bucket/prefix/JobId/). Objects can appear a few
        /// seconds after the job reports SUCCEEDED, so an empty listing is retried until <paramref name="settleTime"/>.
        /// </summary>
        public async Task<IReadOnlyList<OutputObjectInfo>> ListAsync(S3Location location, TimeSpan settleTime, CancellationToken cancellationToken)
        {
            var prefix = location.FolderKey;
            var deadline = DateTimeOffset.UtcNow + settleTime;
            while (true)
            {
                var found = new List<OutputObjectInfo>();
                foreach (var o in await ListKeysAsync(location, cancellationToken).ConfigureAwait(false))
                {
                    var name = o.Key.Substring(prefix.Length);
                    if (int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0)
                        found.Add(new OutputObjectInfo(location.Bucket, o.Key, number, o.Size ?? 0, null, null));
                }

                found.Sort((a, b) => a.Number.CompareTo(b.Number));
                // Complete means 1..n without a gap: a missing number is an object not written yet, or lost.
                var firstGap = found.Select((f, i) => (f.Number, Expected: i + 1)).FirstOrDefault(p => p.Number != p.Expected);
                var complete = found.Count > 0 && firstGap.Expected == 0;
                if (complete) return found;
                if (DateTimeOffset.UtcNow >= deadline)
                {
                    if (found.Count == 0) return found;
                    throw new InvalidDataException($"The output under {location} lacks object {prefix}{firstGap.Expected} " +
                                                   $"(found {string.Join(", ", found.Select(f => f.Number))}): the output is incomplete.");
                }
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Every object directly under the location (not .s3_access_check), in key order, numbered 1..n in that order:
        /// for folders whose object names are not documented (a lending job's summaryResponse/). An empty listing is
        /// retried until <paramref name="settleTime"/>.
        /// </summary>
        public async Task<IReadOnlyList<OutputObjectInfo>> ListAnyAsync(S3Location location, TimeSpan settleTime, CancellationToken cancellationToken)
        {
            var prefix = location.FolderKey;
            var deadline = DateTimeOffset.UtcNow + settleTime;
            while (true)
            {
                var objects = (await ListKeysAsync(location, cancellationToken).ConfigureAwait(false))
                    .Where(o => o.Key.Length > prefix.Length && o.Key.IndexOf('/', prefix.Length) < 0 && !o.Key.EndsWith("/.s3_access_check", StringComparison.Ordinal))
                    .OrderBy(o => o.Key, StringComparer.Ordinal)
                    .Select((o, i) => new OutputObjectInfo(location.Bucket, o.Key, i + 1, o.Size ?? 0, null, null))
                    .ToList();
                if (objects.Count > 0 || DateTimeOffset.UtcNow >= deadline) return objects;
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<List<S3Object>> ListKeysAsync(S3Location location, CancellationToken cancellationToken)
        {
            var found = new List<S3Object>();
            var request = new ListObjectsV2Request { BucketName = location.Bucket, Prefix = location.FolderKey };
            ListObjectsV2Response response;
            do
            {
                response = await _s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
                found.AddRange(response.S3Objects ?? new List<S3Object>());
                request.ContinuationToken = response.NextContinuationToken;
            }
            while (response.IsTruncated == true);
            return found;
        }

        /// <summary>
        /// Reads one object whole, with its encryption as S3 reports it. A body that breaks off or comes back shorter
        /// than its Content-Length is fetched again (<see cref="OutputReadRetry"/>); after that, the read fails.
        /// </summary>
        public Task<(byte[] Data, OutputObjectInfo Info)> ReadAsync(OutputObjectInfo info, CancellationToken cancellationToken)
            => ReadWholeAsync(info, requireJson: false, cancellationToken);

        private async Task<(byte[] Data, OutputObjectInfo Info)> ReadWholeAsync(OutputObjectInfo info, bool requireJson, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var read = await ReadOnceAsync(info, cancellationToken).ConfigureAwait(false);
                    if (requireJson) RequireWholeJson(read.Data, info);
                    return read;
                }
                catch (Exception e) when (Session.AwsFailures.IsRetryable(e, cancellationToken))
                {
                    if (attempt >= OutputReadRetry.MaxAttempts)
                        throw new IOException($"Could not read {info.Uri} whole in {attempt} attempts: {e.Message}", e);
                    await Task.Delay(OutputReadRetry.DelayBefore(attempt + 1), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private async Task<(byte[] Data, OutputObjectInfo Info)> ReadOnceAsync(OutputObjectInfo info, CancellationToken cancellationToken)
        {
            using var response = await _s3.GetObjectAsync(info.Bucket, info.Key, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
            if (response.ContentLength > 0 && buffer.Length != response.ContentLength)
                throw new TruncatedOutputException($"{info.Uri} came back with {buffer.Length} of its {response.ContentLength} bytes.");
            var encryption = response.ServerSideEncryptionMethod?.Value;
            var withEncryption = new OutputObjectInfo(info.Bucket, info.Key, info.Number, buffer.Length, encryption,
                response.ServerSideEncryptionKeyManagementServiceKeyId);
            return (buffer.ToArray(), withEncryption);
        }

        /// <summary>An output page is one JSON document: one that ends early was cut off on the way.</summary>
        private static void RequireWholeJson(byte[] data, OutputObjectInfo info)
        {
            try
            {
                var reader = new System.Text.Json.Utf8JsonReader(data, new System.Text.Json.JsonReaderOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
                while (reader.Read()) { }
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new System.Text.Json.JsonException($"{info.Uri} is not whole JSON: {e.Message}", e);
            }
        }

        /// <summary>The pages as the document model consumes them, read one at a time in numeric order.</summary>
        public IEnumerable<RawOutputPage> ReadPages(IReadOnlyList<OutputObjectInfo> objects, Action<OutputObjectInfo>? onRead, CancellationToken cancellationToken)
        {
            foreach (var o in objects)
            {
                // Sync-over-async in one place: see ApiOutputSource.
                var (data, info) = ReadWholeAsync(o, requireJson: true, cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();
                onRead?.Invoke(info);
                yield return new RawOutputPage(info.Uri, data);
            }
        }
    }
}
