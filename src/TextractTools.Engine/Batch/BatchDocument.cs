using System;
using TextractTools.Engine.Api;
using TextractTools.Engine.Jobs;

namespace TextractTools.Engine.Batch
{
    /// <summary>
    /// A document given to the batch: an S3 object, or a local file together with the S3 object it is (or will be)
    /// uploaded to. The upload location is derived from the file's content, so it is known before any upload.
    /// </summary>
    public sealed class BatchDocument
    {
        private BatchDocument(S3Location location, string? localPath, string? etag)
        {
            Location = location;
            LocalPath = localPath;
            ETag = etag;
        }

        public S3Location Location { get; }
        public string? LocalPath { get; }

        /// <summary>Known for objects listed from a prefix: a changed object is then a new document.</summary>
        public string? ETag { get; }

        public string Uri => Location.ToString();

        /// <summary>What the user calls the document: the local path, else the S3 URI.</summary>
        public string DisplayName => LocalPath ?? Uri;

        public static BatchDocument FromS3(S3Location location, string? etag = null) => new BatchDocument(location, null, etag);

        /// <summary>Hashes the file to learn the key DocumentUploader stores it under (no upload yet).</summary>
        public static BatchDocument FromLocalFile(string path, S3Location uploadLocation)
        {
            var key = DocumentUploader.KeyFor(uploadLocation, System.IO.Path.GetFileName(path), DocumentUploader.HashFile(path));
            return new BatchDocument(S3Location.Of(uploadLocation.Bucket, key), path, null);
        }

        /// <summary>A document known only from the journal (a resumed run).</summary>
        internal static BatchDocument FromJournal(BatchDocumentState state)
        {
            return new BatchDocument(S3Location.Parse(state.Document, "StateFile"), state.Source, null);
        }

        public override string ToString() => DisplayName;
    }
}
