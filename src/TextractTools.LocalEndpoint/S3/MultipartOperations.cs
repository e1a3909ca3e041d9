using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Xml.Linq;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Policy;
using TextractTools.LocalEndpoint.Storage;
using static TextractTools.LocalEndpoint.S3.S3Xml;

namespace TextractTools.LocalEndpoint.S3
{
    /// <summary>
    /// Multipart upload: CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload (with S3's part
    /// checks and conditional writes), AbortMultipartUpload, ListParts, ListMultipartUploads. The object's ETag is the
    /// MD5 of the parts' binary MD5s followed by "-N", as S3 makes it.
    /// </summary>
    public sealed class MultipartOperations
    {
        /// <summary>Every part but the last must be at least 5 MiB.</summary>
        public const long MinPartSize = 5 * 1024 * 1024;
        private const int MaxPartNumber = 10000;
        private const int MaxListed = 1000;

        private readonly ObjectStore _store;
        private readonly MultipartUploadStore _uploads;
        private readonly ServerSideEncryption _encryption;
        private readonly S3Permissions _permissions;
        private readonly ObjectOperations _objects;

        public MultipartOperations(ObjectStore store, MultipartUploadStore uploads, ServerSideEncryption encryption, ObjectOperations objects,
            S3Permissions? permissions = null)
        {
            _store = store;
            _uploads = uploads;
            _encryption = encryption;
            _objects = objects;
            _permissions = permissions ?? new S3Permissions(Authorizer.AllowAll);
        }

        /// <summary>POST /bucket/key?uploads: what the object will be (encryption, content type, metadata) is fixed here.</summary>
        public HttpReply Create(S3Call call)
        {
            RequireBucket(call.Path.Bucket);
            _permissions.RequireObject(call, "s3:PutObject", call.Path.Bucket, call.Path.Key);
            var encryption = _encryption.ForNewObject(call.Request);
            _permissions.RequireGenerateDataKey(call, encryption);
            var upload = _uploads.Create(call.Path.Bucket, call.Path.Key, encryption,
                call.Request.Header("Content-Type") ?? "binary/octet-stream", ObjectOperations.UserMetadata(call.Request),
                call.Request.Header("x-amz-checksum-algorithm"));
            var reply = Ok(E("InitiateMultipartUploadResult", E("Bucket", upload.Bucket), E("Key", upload.Key), E("UploadId", upload.UploadId)));
            ObjectOperations.AddEncryptionHeaders(reply, encryption);
            return reply.WithHeader("x-amz-checksum-algorithm", upload.ChecksumAlgorithm);
        }

        /// <summary>PUT /bucket/key?partNumber=N&amp;uploadId=ID, with the part as the body or copied from x-amz-copy-source.</summary>
        public HttpReply UploadPart(S3Call call)
        {
            RequireBucket(call.Path.Bucket);
            _permissions.RequireObject(call, "s3:PutObject", call.Path.Bucket, call.Path.Key);
            var partNumber = PartNumber(call.Request);
            var upload = Find(call);
            _permissions.RequireDecryptForUpload(call, upload.Encryption);
            if (call.Request.HasHeader("x-amz-copy-source")) return UploadPartCopy(call, upload, partNumber);

            var data = S3RequestBody.Read(call.Request, call.Signature, out var checksums);
            var part = new UploadedPart(partNumber, data, ObjectStore.Md5ETag(data), DateTimeOffset.UtcNow, checksums);
            upload.PutPart(part);
            var reply = new HttpReply(200).WithHeader("ETag", part.ETag);
            ObjectOperations.AddEncryptionHeaders(reply, upload.Encryption);
            foreach (var (name, value) in checksums) reply.WithHeader(name, value);
            return reply;
        }

        /// <summary>POST /bucket/key?uploadId=ID with the &lt;CompleteMultipartUpload&gt; list of parts.</summary>
        public HttpReply Complete(S3Call call)
        {
            var (bucket, key) = (call.Path.Bucket, call.Path.Key);
            RequireBucket(bucket);
            _permissions.RequireWrite(call);
            var condition = ConditionalWrites.Read(call.Request);
            var uploadId = call.Request.QueryValue("uploadId") ?? "";
            var chosen = ReadPartList(S3RequestBody.Read(call.Request, call.Signature, out _), uploadId);
            var upload = _uploads.Find(uploadId, bucket, key);
            if (upload is null)
            {
                // A completion retried after its answer was lost gets the same answer again.
                if (_uploads.Completed(uploadId, bucket, key) is { } done) return CompleteAnswer(call, done.ETag, done.Encryption);
                throw NoSuchUpload(uploadId);
            }
            _permissions.RequireDecryptForUpload(call, upload.Encryption);

            lock (upload.Gate)
            {
                if (!upload.Active) throw NoSuchUpload(uploadId);
                var parts = MatchParts(upload, chosen);
                var data = Concatenate(parts);
                var etag = MultipartETag(parts);
                var outcome = _store.TryPutObject(bucket, key, data, condition, out _, upload.Encryption, upload.ContentType, upload.Metadata, etag);
                // A failed condition leaves the upload as it is: the client may complete it again or abort it.
                ConditionalWrites.Require(outcome, condition, key);
                _uploads.End(upload, new CompletedUpload(bucket, key, etag, upload.Encryption));
                return CompleteAnswer(call, etag, upload.Encryption);
            }
        }

        /// <summary>DELETE /bucket/key?uploadId=ID: the parts are discarded.</summary>
        public HttpReply Abort(S3Call call)
        {
            RequireBucket(call.Path.Bucket);
            _permissions.RequireObject(call, "s3:AbortMultipartUpload", call.Path.Bucket, call.Path.Key);
            var upload = Find(call);
            lock (upload.Gate)
            {
                if (!_uploads.End(upload, null)) throw NoSuchUpload(upload.UploadId);
            }
            return new HttpReply(204);
        }

        /// <summary>GET /bucket/key?uploadId=ID, paged by max-parts and part-number-marker.</summary>
        public HttpReply ListParts(S3Call call)
        {
            RequireBucket(call.Path.Bucket);
            _permissions.RequireObject(call, "s3:ListMultipartUploadParts", call.Path.Bucket, call.Path.Key);
            var upload = Find(call);
            var maxParts = Limit(call.Request, "max-parts");
            var marker = call.Request.QueryValue("part-number-marker") is { Length: > 0 } text
                ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m
                    : throw S3Error.InvalidArgument("Provided part-number-marker not an integer or within integer range", "part-number-marker", text)
                : 0;
            var after = upload.Parts().Where(p => p.PartNumber > marker).ToList();
            var page = after.Take(maxParts).ToList();
            var truncated = after.Count > page.Count;
            var root = E("ListPartsResult",
                E("Bucket", upload.Bucket), E("Key", upload.Key), E("UploadId", upload.UploadId),
                E("PartNumberMarker", marker),
                E("NextPartNumberMarker", page.Count > 0 ? page[^1].PartNumber : marker),
                E("MaxParts", maxParts),
                E("IsTruncated", truncated ? "true" : "false"),
                Initiator(), Owner(), E("StorageClass", "STANDARD"),
                upload.ChecksumAlgorithm is null ? null : E("ChecksumAlgorithm", upload.ChecksumAlgorithm));
            foreach (var part in page)
            {
                var element = E("Part", E("PartNumber", part.PartNumber), E("LastModified", Timestamp(part.LastModified)), E("ETag", part.ETag),
                    E("Size", part.Data.LongLength));
                foreach (var (name, value) in part.Checksums) element.Add(E(ChecksumElement(name), value));
                root.Add(element);
            }
            return Ok(root);
        }

        /// <summary>GET /bucket?uploads: the uploads in progress, with prefix and max-uploads (later pages by key-marker).</summary>
        public HttpReply ListUploads(S3Call call)
        {
            RequireBucket(call.Path.Bucket);
            _permissions.RequireBucket(call, "s3:ListBucketMultipartUploads");
            var prefix = call.Request.QueryValue("prefix") ?? "";
            var keyMarker = call.Request.QueryValue("key-marker") ?? "";
            var uploadIdMarker = call.Request.QueryValue("upload-id-marker") ?? "";
            var maxUploads = Limit(call.Request, "max-uploads");
            var all = _uploads.List(call.Path.Bucket, prefix).ToList();
            // After the markers: the marker key's uploads after upload-id-marker, then later keys.
            var startIndex = 0;
            if (keyMarker.Length > 0)
            {
                var markerIndex = uploadIdMarker.Length > 0 ? all.FindIndex(u => u.Key == keyMarker && u.UploadId == uploadIdMarker) : -1;
                startIndex = markerIndex >= 0 ? markerIndex + 1 : all.Count(u => string.CompareOrdinal(u.Key, keyMarker) <= 0);
            }
            var page = all.Skip(startIndex).Take(maxUploads).ToList();
            var truncated = startIndex + page.Count < all.Count;
            var root = E("ListMultipartUploadsResult",
                E("Bucket", call.Path.Bucket), E("KeyMarker", keyMarker), E("UploadIdMarker", uploadIdMarker),
                E("NextKeyMarker", page.Count > 0 ? page[^1].Key : ""), E("NextUploadIdMarker", page.Count > 0 ? page[^1].UploadId : ""),
                prefix.Length > 0 ? E("Prefix", prefix) : null,
                E("MaxUploads", maxUploads), E("IsTruncated", truncated ? "true" : "false"));
            foreach (var upload in page)
            {
                root.Add(E("Upload", E("Key", upload.Key), E("UploadId", upload.UploadId), Initiator(), Owner(), E("StorageClass", "STANDARD"),
                    E("Initiated", Timestamp(upload.Initiated)), upload.ChecksumAlgorithm is null ? null : E("ChecksumAlgorithm", upload.ChecksumAlgorithm)));
            }
            return Ok(root);
        }

        /// <summary>UploadPart with x-amz-copy-source (and x-amz-copy-source-range): how clients copy objects over 5 GB, or in parts.</summary>
        private HttpReply UploadPartCopy(S3Call call, MultipartUpload upload, int partNumber)
        {
            var source = _objects.ReadCopySource(call);
            var data = source.Data;
            if (call.Request.Header("x-amz-copy-source-range") is { } rangeHeader)
            {
                if (!ByteRange.TryParse(rangeHeader, data.LongLength, out var range) || !rangeHeader.StartsWith("bytes=", StringComparison.Ordinal)
                    || rangeHeader.Substring(6).StartsWith("-", StringComparison.Ordinal) || range.Last >= data.LongLength)
                {
                    throw S3Error.InvalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last where first and last " +
                        "are the zero-based offsets of the first and last bytes to copy", "x-amz-copy-source-range", rangeHeader);
                }
                data = data.AsSpan((int)range.First, (int)range.Length).ToArray();
            }
            var part = new UploadedPart(partNumber, data, ObjectStore.Md5ETag(data), DateTimeOffset.UtcNow, new Dictionary<string, string>());
            upload.PutPart(part);
            var reply = Ok(E("CopyPartResult", E("LastModified", Timestamp(part.LastModified)), E("ETag", part.ETag)));
            ObjectOperations.AddEncryptionHeaders(reply, upload.Encryption);
            return reply;
        }

        /// <summary>The parts the completion names, checked as S3 checks them: ascending, uploaded, same ETags, 5 MiB but the last.</summary>
        private static IReadOnlyList<UploadedPart> MatchParts(MultipartUpload upload, IReadOnlyList<(int PartNumber, string ETag, XElement Element)> chosen)
        {
            var uploaded = upload.Parts().ToDictionary(p => p.PartNumber);
            for (var i = 1; i < chosen.Count; i++)
            {
                if (chosen[i].PartNumber <= chosen[i - 1].PartNumber)
                {
                    throw new S3Error(400, "InvalidPartOrder", "The list of parts was not in ascending order. Parts must be ordered by part number.")
                    { Details = new[] { ("UploadId", upload.UploadId) } };
                }
            }
            var parts = new List<UploadedPart>(chosen.Count);
            foreach (var (number, etag, element) in chosen)
            {
                if (!uploaded.TryGetValue(number, out var part) || !ObjectStore.ETagsEqual(part.ETag, etag) || !ChecksumsAgree(part, element))
                {
                    throw new S3Error(400, "InvalidPart", "One or more of the specified parts could not be found.  The part may not have been " +
                        "uploaded, or the specified entity tag may not match the part's entity tag.")
                    { Details = new[] { ("UploadId", upload.UploadId), ("PartNumber", number.ToString(CultureInfo.InvariantCulture)), ("ETag", etag) } };
                }
                parts.Add(part);
            }
            for (var i = 0; i < parts.Count - 1; i++)
            {
                if (parts[i].Data.LongLength < MinPartSize)
                {
                    throw new S3Error(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size")
                    {
                        Details = new[]
                        {
                            ("ProposedSize", parts[i].Data.LongLength.ToString(CultureInfo.InvariantCulture)),
                            ("MinSizeAllowed", MinPartSize.ToString(CultureInfo.InvariantCulture)),
                            ("PartNumber", parts[i].PartNumber.ToString(CultureInfo.InvariantCulture)),
                            ("ETag", parts[i].ETag),
                        },
                    };
                }
            }
            return parts;
        }

        /// <summary>A checksum the completion names for a part (ChecksumCRC32, ...) must be the one the part was uploaded with.</summary>
        private static bool ChecksumsAgree(UploadedPart part, XElement element)
        {
            foreach (var child in element.Elements().Where(e => e.Name.LocalName.StartsWith("Checksum", StringComparison.Ordinal)))
            {
                var header = "x-amz-checksum-" + child.Name.LocalName.Substring("Checksum".Length).ToLowerInvariant();
                if (part.Checksums.TryGetValue(header, out var sent) && sent != child.Value.Trim()) return false;
            }
            return true;
        }

        private static IReadOnlyList<(int PartNumber, string ETag, XElement Element)> ReadPartList(byte[] body, string uploadId)
        {
            XElement root;
            try { root = XDocument.Parse(System.Text.Encoding.UTF8.GetString(body)).Root!; }
            catch (System.Xml.XmlException) { throw MalformedXml(); }
            var parts = new List<(int, string, XElement)>();
            foreach (var element in root.Elements().Where(e => e.Name.LocalName == "Part"))
            {
                var numberText = Child(element, "PartNumber");
                var etag = Child(element, "ETag");
                if (etag is null || !int.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) throw MalformedXml();
                parts.Add((number, etag, element));
            }
            if (root.Name.LocalName != "CompleteMultipartUpload" || parts.Count == 0 || parts.Count > MaxPartNumber) throw MalformedXml();
            return parts;
        }

        private HttpReply CompleteAnswer(S3Call call, string etag, ObjectEncryption encryption)
        {
            var host = call.Request.Header("Host") ?? "127.0.0.1";
            var location = $"http://{host}/{UriEncoding.Encode(call.Path.Bucket, keepSlash: false)}/{UriEncoding.Encode(call.Path.Key, keepSlash: true)}";
            var reply = Ok(E("CompleteMultipartUploadResult", E("Location", location), E("Bucket", call.Path.Bucket), E("Key", call.Path.Key), E("ETag", etag)));
            ObjectOperations.AddEncryptionHeaders(reply, encryption);
            return reply;
        }

        private static byte[] Concatenate(IReadOnlyList<UploadedPart> parts)
        {
            var data = new byte[parts.Sum(p => p.Data.LongLength)];
            var offset = 0;
            foreach (var part in parts)
            {
                part.Data.CopyTo(data, offset);
                offset += part.Data.Length;
            }
            return data;
        }

        /// <summary>S3's multipart ETag: the MD5 of the concatenated binary MD5s of the parts, then "-" and the number of parts.</summary>
        public static string MultipartETag(IReadOnlyList<UploadedPart> parts)
        {
            var digests = parts.SelectMany(p => Convert.FromHexString(p.ETag.Trim('"'))).ToArray();
            return "\"" + Convert.ToHexString(MD5.HashData(digests)).ToLowerInvariant() + "-" + parts.Count.ToString(CultureInfo.InvariantCulture) + "\"";
        }

        private MultipartUpload Find(S3Call call)
        {
            var uploadId = call.Request.QueryValue("uploadId") ?? "";
            return _uploads.Find(uploadId, call.Path.Bucket, call.Path.Key) ?? throw NoSuchUpload(uploadId);
        }

        private static int PartNumber(IncomingRequest request)
        {
            var text = request.QueryValue("partNumber");
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > MaxPartNumber)
                throw S3Error.InvalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", text ?? "");
            return number;
        }

        private static int Limit(IncomingRequest request, string name)
        {
            var text = request.QueryValue(name);
            if (text is null) return MaxListed;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                throw S3Error.InvalidArgument($"Provided {name} not an integer or within integer range", name, text);
            return Math.Min(value, MaxListed);
        }

        /// <summary>x-amz-checksum-crc32 -> ChecksumCRC32 (the element name S3 lists a part's checksum under).</summary>
        private static string ChecksumElement(string header) =>
            "Checksum" + header.Substring("x-amz-checksum-".Length).ToUpperInvariant();

        private void RequireBucket(string bucket)
        {
            if (!_store.BucketExists(bucket)) throw S3Error.NoSuchBucket(bucket);
        }

        private static XElement Initiator() => E("Initiator", E("ID", OwnerId), E("DisplayName", OwnerName));

        private static string? Child(XElement parent, string localName) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;

        private static S3Error NoSuchUpload(string uploadId) =>
            new(404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.")
            { Details = new[] { ("UploadId", uploadId) } };

        private static S3Error MalformedXml() =>
            new(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema");
    }
}
