using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using TextractTools.LocalEndpoint.Hosting.SigV4;

namespace TextractTools.LocalEndpoint.S3
{
    /// <summary>
    /// Decodes an aws-chunked body (what AWSSDK.S3 4.x sends for PutObject) back into the user's bytes:
    /// <c>hex-size[;chunk-signature=sig]\r\n data \r\n ... 0[;chunk-signature=sig]\r\n trailer-lines \r\n</c>.
    /// When chunks are signed, each chunk signature chains from the previous one, starting at the seed signature
    /// of the Authorization header; the trailer has its own signature in the same chain.
    /// </summary>
    public sealed class AwsChunkedDecoder
    {
        public const string SignedPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
        public const string SignedPayloadTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
        public const string UnsignedPayloadTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

        private readonly byte[] _body;
        private readonly bool _signedChunks;
        private readonly bool _signedTrailer;
        private readonly SigV4Result? _signature;
        private int _pos;
        private string _previousSignature;

        private AwsChunkedDecoder(byte[] body, string contentSha256, SigV4Result? signature)
        {
            _body = body;
            _signedChunks = contentSha256 == SignedPayload || contentSha256 == SignedPayloadTrailer;
            _signedTrailer = contentSha256 == SignedPayloadTrailer;
            _signature = signature;
            _previousSignature = signature?.Authorization?.Signature ?? "";
        }

        /// <summary>The decoded object bytes.</summary>
        public byte[] Data { get; private set; } = Array.Empty<byte>();

        /// <summary>Trailing headers (e.g. x-amz-checksum-crc32), names lower case; x-amz-trailer-signature removed.</summary>
        public IReadOnlyDictionary<string, string> Trailers { get; private set; } = new Dictionary<string, string>();

        /// <summary>True for the x-amz-content-sha256 values that announce an aws-chunked body.</summary>
        public static bool IsStreaming(string? contentSha256) =>
            contentSha256 is not null && contentSha256.StartsWith("STREAMING-", StringComparison.Ordinal);

        /// <summary>Decodes and verifies; throws <see cref="S3Error"/> as S3 would answer a bad body.</summary>
        public static AwsChunkedDecoder Decode(byte[] body, string contentSha256, SigV4Result? signature)
        {
            if (contentSha256 != SignedPayload && contentSha256 != SignedPayloadTrailer && contentSha256 != UnsignedPayloadTrailer)
            {
                throw S3Error.InvalidArgument("x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, " +
                    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, or a valid sha256 value.",
                    "x-amz-content-sha256", contentSha256);
            }
            var decoder = new AwsChunkedDecoder(body, contentSha256, signature);
            decoder.Run();
            return decoder;
        }

        private void Run()
        {
            using var data = new MemoryStream();
            while (true)
            {
                var header = ReadLine() ?? throw Incomplete();
                var semi = header.IndexOf(';');
                var sizeText = semi < 0 ? header : header.Substring(0, semi);
                if (!int.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, null, out var size) || size < 0)
                {
                    throw S3Error.InvalidRequest("Invalid chunk size in aws-chunked body: '" + sizeText + "'.");
                }
                if (_pos + size > _body.Length) throw Incomplete();
                var chunk = new ReadOnlySpan<byte>(_body, _pos, size);
                if (_signedChunks) VerifyChunk(ChunkSignature(header), chunk);
                data.Write(chunk);
                _pos += size;
                if (size == 0) break;
                ExpectCrLf();
            }
            Data = data.ToArray();
            Trailers = ReadTrailers();
        }

        private IReadOnlyDictionary<string, string> ReadTrailers()
        {
            var trailers = new Dictionary<string, string>(StringComparer.Ordinal);
            string? trailerSignature = null;
            var signedText = new StringBuilder();
            string? line;
            while ((line = ReadLine()) is not null && line.Length > 0)
            {
                var colon = line.IndexOf(':');
                if (colon <= 0) throw S3Error.InvalidRequest("Malformed trailer in aws-chunked body: '" + line + "'.");
                var name = line.Substring(0, colon).Trim().ToLowerInvariant();
                var value = line.Substring(colon + 1).Trim();
                if (name == "x-amz-trailer-signature") { trailerSignature = value; continue; }
                trailers[name] = value;
                signedText.Append(name).Append(':').Append(value).Append('\n');
            }
            if (_signedTrailer && trailers.Count > 0)
            {
                if (trailerSignature is null) throw S3Error.InvalidRequest("The trailer of a signed aws-chunked body has no x-amz-trailer-signature.");
                var stringToSign = "AWS4-HMAC-SHA256-TRAILER\n" + Auth.AmzDate + "\n" + Auth.Scope.Scope + "\n" + _previousSignature + "\n"
                    + SigV4Crypto.HexSha256(signedText.ToString());
                Check(trailerSignature, stringToSign);
            }
            return trailers;
        }

        private void VerifyChunk(string signature, ReadOnlySpan<byte> chunk)
        {
            var stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + Auth.AmzDate + "\n" + Auth.Scope.Scope + "\n" + _previousSignature + "\n"
                + SigV4Crypto.EmptyHash + "\n" + SigV4Crypto.HexSha256(chunk);
            Check(signature, stringToSign);
            _previousSignature = signature;
        }

        private void Check(string signature, string stringToSign)
        {
            var expected = SigV4Crypto.HexSignature(_signature?.SigningKey ?? throw new InvalidOperationException("no signing key"), stringToSign);
            if (!SigV4Crypto.SignaturesEqual(expected, signature))
            {
                throw new S3Error(403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
                {
                    Details = new[] { ("StringToSign", stringToSign) },
                };
            }
        }

        private SigV4Authorization Auth => _signature?.Authorization ?? throw new InvalidOperationException("Signed chunks need the request's signature.");

        private static string ChunkSignature(string header)
        {
            const string marker = "chunk-signature=";
            var i = header.IndexOf(marker, StringComparison.Ordinal);
            if (i < 0) throw S3Error.InvalidRequest("A chunk of a signed aws-chunked body has no chunk-signature.");
            return header.Substring(i + marker.Length).Trim();
        }

        /// <summary>Reads up to the next CRLF; null at the end of the body.</summary>
        private string? ReadLine()
        {
            if (_pos >= _body.Length) return null;
            var start = _pos;
            while (_pos + 1 < _body.Length && !(_body[_pos] == '\r' && _body[_pos + 1] == '\n')) _pos++;
            if (_pos + 1 >= _body.Length)
            {
                // A last line without CRLF (some writers omit the final one).
                _pos = _body.Length;
                return Encoding.ASCII.GetString(_body, start, _body.Length - start);
            }
            var line = Encoding.ASCII.GetString(_body, start, _pos - start);
            _pos += 2;
            return line;
        }

        private void ExpectCrLf()
        {
            if (_pos + 1 >= _body.Length || _body[_pos] != '\r' || _body[_pos + 1] != '\n') throw Incomplete();
            _pos += 2;
        }

        private static S3Error Incomplete() => new(400, "IncompleteBody", "The request body terminated unexpectedly");
    }
}
