using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Hosting.SigV4;
using TextractTools.LocalEndpoint.S3;
using Xunit;

namespace TextractTools.Tests.LocalEndpoint.S3
{
    /// <summary>aws-chunked decoding, chunk signatures and flexible checksums of S3 request bodies.</summary>
    public sealed class S3BodyTests
    {
        private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

        [Theory]
        [InlineData("crc32", "CBF43926")]
        [InlineData("crc32c", "E3069283")]
        [InlineData("crc64nvme", "AE8B14860A799888")]
        public void Crcs_match_their_published_check_values(string algorithm, string checkHex)
        {
            // The catalogued check value of every CRC is its result over the ASCII digits "123456789".
            var expected = Convert.ToBase64String(Convert.FromHexString(checkHex));
            Assert.Equal(expected, Checksums.Algorithms[algorithm](Ascii("123456789")));
        }

        [Fact]
        public void A_wrong_checksum_is_BadDigest()
        {
            var data = Ascii("hello");
            Checksums.Verify(data, new Dictionary<string, string> { ["x-amz-checksum-crc32"] = Checksums.Algorithms["crc32"](data) });
            var error = Assert.Throws<S3Error>(() =>
                Checksums.Verify(data, new Dictionary<string, string> { ["x-amz-checksum-crc32"] = Checksums.Algorithms["crc32"](Ascii("jello")) }));
            Assert.Equal("BadDigest", error.Code);
        }

        [Fact]
        public void An_unsigned_chunked_body_decodes_to_the_payload_and_its_trailers()
        {
            var body = Ascii("5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n");
            var decoded = AwsChunkedDecoder.Decode(body, AwsChunkedDecoder.UnsignedPayloadTrailer, signature: null);
            Assert.Equal("hello world", Encoding.ASCII.GetString(decoded.Data));
            Assert.Equal("DUoRhQ==", decoded.Trailers["x-amz-checksum-crc32"]);
        }

        [Fact]
        public void A_truncated_chunked_body_is_IncompleteBody()
        {
            var error = Assert.Throws<S3Error>(() =>
                AwsChunkedDecoder.Decode(Ascii("a\r\nhello"), AwsChunkedDecoder.UnsignedPayloadTrailer, signature: null));
            Assert.Equal("IncompleteBody", error.Code);
        }

        [Fact]
        public void Signed_chunks_verify_and_an_altered_chunk_does_not()
        {
            var (signature, body) = SignedChunkedBody("first chunk", "second");
            var decoded = AwsChunkedDecoder.Decode(body, AwsChunkedDecoder.SignedPayload, signature);
            Assert.Equal("first chunksecond", Encoding.ASCII.GetString(decoded.Data));

            var altered = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(body).Replace("second", "SECOND"));
            var error = Assert.Throws<S3Error>(() => AwsChunkedDecoder.Decode(altered, AwsChunkedDecoder.SignedPayload, signature));
            Assert.Equal("SignatureDoesNotMatch", error.Code);
        }

        /// <summary>Builds a STREAMING-AWS4-HMAC-SHA256-PAYLOAD body whose chunk signatures chain from a seed signature.</summary>
        private static (SigV4Result Signature, byte[] Body) SignedChunkedBody(params string[] chunks)
        {
            const string seed = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
            const string amzDate = "20130524T000000Z";
            const string scope = "20130524/us-east-1/s3/aws4_request";
            var key = SigV4Crypto.SigningKey("secret", "20130524", "us-east-1", "s3");
            var request = new IncomingRequest("PUT", "/b/k", new Dictionary<string, string[]>
            {
                ["Authorization"] = new[] { $"AWS4-HMAC-SHA256 Credential=AKID/{scope}, SignedHeaders=host, Signature={seed}" },
                ["x-amz-date"] = new[] { amzDate },
            }, Array.Empty<byte>());
            Assert.True(SigV4Authorization.TryRead(request, out var auth, out _));

            var body = new StringBuilder();
            var previous = seed;
            foreach (var chunk in chunks.Append(""))
            {
                var stringToSign = $"AWS4-HMAC-SHA256-PAYLOAD\n{amzDate}\n{scope}\n{previous}\n{SigV4Crypto.EmptyHash}\n{SigV4Crypto.HexSha256(chunk)}";
                previous = SigV4Crypto.HexSignature(key, stringToSign);
                body.Append($"{chunk.Length:x};chunk-signature={previous}\r\n{chunk}\r\n");
            }
            return (new SigV4Result { Authorization = auth, SigningKey = key }, Ascii(body.ToString()));
        }
    }
}
