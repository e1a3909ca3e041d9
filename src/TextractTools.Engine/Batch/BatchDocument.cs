using System;
using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Api;
using TextractTools.Engine.Jobs;

namespace TextractTools.Engine.Batch
{
    /// <summary>
    /// A document given to the batch: an S3 object, or a local file together with the S3 object it is (or will be)
    /// uploaded to. The upload location is derived from the file's content, so it is known before any upload.
    /// Documents with identical content are one Textract job: the batch keeps the first and lists the others as its
    /// <see cref="Aliases"/>, which get their own deliverables from that job.
    /// </summary>
    public sealed class BatchDocument
    {
        private BatchDocument(S3Location location, string? localPath, string? etag, string? contentHash, IReadOnlyList<BatchDocument>? aliases = null)
        {
            Location = location;
            LocalPath = localPath;
            ETag = etag;
            ContentHash = contentHash;
            Aliases = aliases ?? Array.Empty<BatchDocument>();
        }

        public S3Location Location { get; }
        public string? LocalPath { get; }

        /// <summary>Known for objects listed from a prefix: a changed object is then a new document.</summary>
        public string? ETag { get; }

        /// <summary>The SHA-256 of a local file's content (hex); null for S3 objects.</summary>
        public string? ContentHash { get; }

        /// <summary>Other documents of the batch with the same content: one job, deliverables for each name.</summary>
        public IReadOnlyList<BatchDocument> Aliases { get; }

        public string Uri => Location.ToString();

        /// <summary>What the user calls the document: the local path, else the S3 URI.</summary>
        public string DisplayName => LocalPath ?? Uri;

        public static BatchDocument FromS3(S3Location location, string? etag = null) => new BatchDocument(location, null, etag, null);

        /// <summary>Hashes the file to learn the key DocumentUploader stores it under (no upload yet).</summary>
        public static BatchDocument FromLocalFile(string path, S3Location uploadLocation)
        {
            var hash = DocumentUploader.HashFile(path);
            var key = DocumentUploader.KeyFor(uploadLocation, System.IO.Path.GetFileName(path), hash);
            return new BatchDocument(S3Location.Of(uploadLocation.Bucket, key), path, null, hash);
        }

        /// <summary>A document known only from the journal (a resumed run).</summary>
        internal static BatchDocument FromJournal(BatchDocumentState state)
        {
            return new BatchDocument(S3Location.Parse(state.Document, "StateFile"), state.Source, null, null);
        }

        /// <summary>
        /// One document per content: local files with the same SHA-256, or S3 objects with the same ETag, become one
        /// of them with the others as its <see cref="Aliases"/>. Textract is paid once per content; every name still
        /// gets its deliverables. The one kept is the one the batch's state already knows (started in an earlier run),
        /// so that a name added later does not start a second job; else the first in the order given.
        /// </summary>
        /// <param name="state">The batch's state (null: a new batch); <paramref name="options"/> say how its tokens are made.</param>
        public static IReadOnlyList<BatchDocument> CombineIdenticalContent(IEnumerable<BatchDocument> documents, BatchState? state = null, BatchOptions? options = null)
        {
            var groups = new List<List<BatchDocument>>();
            var byContent = new Dictionary<string, List<BatchDocument>>(StringComparer.Ordinal);
            foreach (var document in documents)
            {
                var content = document.ContentKey;
                if (content != null && byContent.TryGetValue(content, out var group))
                {
                    if (!group.Any(d => d.DisplayName == document.DisplayName)) group.Add(document);
                    continue;
                }
                group = new List<BatchDocument> { document };
                groups.Add(group);
                if (content != null) byContent[content] = group;
            }
            return groups.Select(g =>
            {
                if (g.Count == 1) return g[0];
                var kept = g.FirstOrDefault(d => IsKnown(d, state, options)) ?? g[0];
                return kept.WithAliases(g.Where(d => !ReferenceEquals(d, kept)).ToList());
            }).ToList();
        }

        private static bool IsKnown(BatchDocument document, BatchState? state, BatchOptions? options)
        {
            if (state is null || options is null) return false;
            try
            {
                return state.Find(JobTemplate.Request(options, document.Location, null, document.ETag).ClientRequestToken!) != null;
            }
            catch (ArgumentException)
            {
                return false; // no job can be started for it as it stands: the runner reports that
            }
        }

        /// <summary>What identifies the content: the file's hash, or the object's ETag; null when unknown.</summary>
        private string? ContentKey =>
            ContentHash != null ? "sha256:" + ContentHash : ETag != null ? "etag:" + ETag.Trim('"') : null;

        private BatchDocument WithAliases(IReadOnlyList<BatchDocument> aliases) => new BatchDocument(Location, LocalPath, ETag, ContentHash, aliases);

        public override string ToString() => DisplayName;
    }
}
