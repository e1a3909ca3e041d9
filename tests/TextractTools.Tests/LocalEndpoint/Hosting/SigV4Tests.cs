using System;
using System.Collections.Generic;
using System.Text;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Hosting.SigV4;
using Xunit;

namespace TextractTools.Tests.LocalEndpoint.Hosting
{
    /// <summary>Signature verification against AWS's published SigV4 test suite and the failure cases the router maps.</summary>
    public sealed class SigV4Tests
    {
        private const string ExampleKey = "AKIDEXAMPLE";
        private const string ExampleSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        private const string Scope = "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=";

        private static readonly SigV4Verifier Verifier = new(new Dictionary<string, string> { [ExampleKey] = ExampleSecret });

        private static IncomingRequest ExampleRequest(string target, string signature, string host = "example.amazonaws.com") =>
            new("GET", target, new Dictionary<string, string[]>
            {
                ["Host"] = new[] { host },
                ["X-Amz-Date"] = new[] { "20150830T123600Z" },
                ["Authorization"] = new[] { "AWS4-HMAC-SHA256 " + Scope + signature },
            }, Array.Empty<byte>());

        [Fact]
        public void The_get_vanilla_vector_verifies()
        {
            var result = Verifier.Verify(ExampleRequest("/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), s3Rules: false);
            Assert.True(result.Succeeded, result.Message);
            Assert.Equal("service", result.Authorization!.Scope.Service);
        }

        [Fact]
        public void The_query_order_vector_verifies_because_parameters_are_sorted()
        {
            var result = Verifier.Verify(ExampleRequest("/?Param2=value2&Param1=value1", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"), s3Rules: false);
            Assert.True(result.Succeeded, result.Message);
        }

        [Fact]
        public void A_changed_signed_header_is_a_signature_mismatch()
        {
            var result = Verifier.Verify(ExampleRequest("/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", host: "other.example.com"), s3Rules: false);
            Assert.Equal(SigV4Failure.SignatureMismatch, result.Failure);
            Assert.Contains("host:other.example.com", result.CanonicalRequest);
        }

        [Fact]
        public void Unknown_keys_and_missing_authentication_are_told_apart()
        {
            var unknown = new SigV4Verifier(new Dictionary<string, string> { ["SOMEONE-ELSE"] = "x" })
                .Verify(ExampleRequest("/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), s3Rules: false);
            Assert.Equal(SigV4Failure.UnknownAccessKey, unknown.Failure);

            var unsigned = new IncomingRequest("GET", "/", new Dictionary<string, string[]> { ["Host"] = new[] { "h" } }, Array.Empty<byte>());
            Assert.Equal(SigV4Failure.MissingAuthentication, Verifier.Verify(unsigned, s3Rules: false).Failure);
        }

        [Fact]
        public void S3_rules_need_the_content_hash_header()
        {
            var result = Verifier.Verify(ExampleRequest("/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), s3Rules: true);
            Assert.Equal(SigV4Failure.MissingPayloadHash, result.Failure);
        }

        [Fact]
        public void S3_paths_are_encoded_once_and_other_services_twice()
        {
            Assert.Equal(new[] { "/bucket/a%20b" }, CanonicalRequest.CanonicalUriCandidates("/bucket/a%20b", s3Rules: true));
            Assert.Equal(new[] { "/bucket/a%2520b" }, CanonicalRequest.CanonicalUriCandidates("/bucket/a%20b", s3Rules: false));
            // An unencoded ':' may have been signed either way.
            Assert.Equal(new[] { "/b/x%3Ay", "/b/x:y" }, CanonicalRequest.CanonicalUriCandidates("/b/x:y", s3Rules: true));
        }

        [Fact]
        public void Canonical_query_encodes_by_RFC_3986_and_sorts()
        {
            var query = UriEncoding.ParseQuery("b=2&a=x%20y&a=w&list-type=2&prefix=%E2%9C%93~");
            Assert.Equal("a=w&a=x%20y&b=2&list-type=2&prefix=%E2%9C%93~", CanonicalRequest.CanonicalQuery(query, excludeSignatureParameter: false));
        }

        [Fact]
        public void An_expired_presigned_url_is_refused()
        {
            var signedAt = new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);
            var verifier = new SigV4Verifier(new Dictionary<string, string> { [ExampleKey] = ExampleSecret }, () => signedAt.AddSeconds(61));
            var request = new IncomingRequest("GET",
                "/bucket/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fs3%2Faws4_request" +
                "&X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00",
                new Dictionary<string, string[]> { ["Host"] = new[] { "127.0.0.1" } }, Array.Empty<byte>());
            Assert.Equal(SigV4Failure.Expired, verifier.Verify(request, s3Rules: true).Failure);
        }

        [Fact]
        public void The_signing_key_matches_the_documented_derivation()
        {
            // From the AWS General Reference "Examples of how to derive a signing key for Signature Version 4".
            var key = SigV4Crypto.SigningKey(ExampleSecret, "20120215", "us-east-1", "iam");
            Assert.Equal("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d", Convert.ToHexString(key).ToLowerInvariant());
        }
    }
}
