using System;
using TextractTools.Engine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3;
using TextractTools.Engine.Api;
using TextractTools.Engine.Session;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Session
{
    /// <summary>
    /// AWS.Tools' precedence for credentials and region. Only inputs that win over the machine's environment are
    /// used (explicit values, session defaults, a temporary profile file), so the machine's own AWS setup cannot
    /// change the outcome.
    /// </summary>
    public sealed class AwsSessionTests : IDisposable
    {
        private const string ProfileSecret = "profile-secret-value-never-shown";
        private readonly string profileName = "textract-tools-test-" + Guid.NewGuid().ToString("N");
        private readonly string profileFile;

        public AwsSessionTests()
        {
            profileFile = Path.Combine(Path.GetTempPath(), "textract-tools-credentials-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(profileFile,
                "[" + profileName + "]\n"
                + "aws_access_key_id = AKIDFROMPROFILE\n"
                + "aws_secret_access_key = " + ProfileSecret + "\n"
                + "region = eu-central-1\n");
        }

        public void Dispose() => File.Delete(profileFile);

        [Fact]
        public void Explicit_keys_beat_a_profile()
        {
            using var session = AwsSession.Resolve(new AwsConnectionSettings
            {
                AccessKey = "AKIDEXPLICIT",
                SecretKey = "explicit-secret",
                ProfileName = profileName,
                ProfileLocation = profileFile,
                Region = "us-west-2",
            });

            Assert.Equal("AKIDEXPLICIT", session.Credentials.GetCredentials().AccessKey);
            Assert.Equal("parameters -AccessKey and -SecretKey", session.CredentialSource);
        }

        [Fact]
        public void A_profile_from_ProfileLocation_supplies_keys_and_region()
        {
            using var session = AwsSession.Resolve(new AwsConnectionSettings { ProfileName = profileName, ProfileLocation = profileFile });

            var credentials = session.Credentials.GetCredentials();
            Assert.Equal("AKIDFROMPROFILE", credentials.AccessKey);
            Assert.Equal(ProfileSecret, credentials.SecretKey);
            Assert.Equal("profile '" + profileName + "' (" + profileFile + ")", session.CredentialSource);
            Assert.Equal("eu-central-1", session.Region);
            Assert.Equal("profile '" + profileName + "'", session.RegionSource);
        }

        [Fact]
        public void An_explicit_profile_beats_session_default_credentials()
        {
            using var session = AwsSession.Resolve(new AwsConnectionSettings
            {
                ProfileName = profileName,
                ProfileLocation = profileFile,
                DefaultAccessKey = "AKIDDEFAULT",
                DefaultSecretKey = "default-secret",
            });

            Assert.Equal("AKIDFROMPROFILE", session.Credentials.GetCredentials().AccessKey);
        }

        [Fact]
        public void Session_default_credentials_beat_the_session_default_profile()
        {
            using var session = AwsSession.Resolve(new AwsConnectionSettings
            {
                DefaultAccessKey = "AKIDDEFAULT",
                DefaultSecretKey = "default-secret",
                DefaultSessionToken = "default-token",
                DefaultProfileName = profileName,
                ProfileLocation = profileFile,
                DefaultRegion = "ap-southeast-2",
            });

            var credentials = session.Credentials.GetCredentials();
            Assert.Equal("AKIDDEFAULT", credentials.AccessKey);
            Assert.Equal("default-token", credentials.Token);
            Assert.Equal("session default credentials (Set-AWSCredential)", session.CredentialSource);
            Assert.Equal("ap-southeast-2", session.Region);
        }

        [Fact]
        public void The_session_default_profile_is_used_when_nothing_else_is_given()
        {
            using var session = AwsSession.Resolve(new AwsConnectionSettings { DefaultProfileName = profileName, ProfileLocation = profileFile });

            Assert.Equal("AKIDFROMPROFILE", session.Credentials.GetCredentials().AccessKey);
            Assert.StartsWith("session default profile '" + profileName + "'", session.CredentialSource);
            Assert.Equal("eu-central-1", session.Region);
        }

        [Fact]
        public void Explicit_region_beats_the_session_default_and_the_profile()
        {
            using var session = AwsSession.Resolve(new AwsConnectionSettings
            {
                ProfileName = profileName,
                ProfileLocation = profileFile,
                Region = "sa-east-1",
                DefaultRegion = "ap-southeast-2",
            });

            Assert.Equal("sa-east-1", session.Region);
            Assert.Equal("parameter -Region", session.RegionSource);
        }

        [Fact]
        public void The_session_default_region_beats_the_profile_region()
        {
            using var session = AwsSession.Resolve(new AwsConnectionSettings
            {
                ProfileName = profileName,
                ProfileLocation = profileFile,
                DefaultRegion = "ap-southeast-2",
            });

            Assert.Equal("ap-southeast-2", session.Region);
            Assert.StartsWith("session default region", session.RegionSource);
        }

        [Fact]
        public void An_unknown_profile_is_a_clear_argument_error()
        {
            var error = Assert.Throws<ArgumentException>(() => AwsSession.Resolve(new AwsConnectionSettings
            {
                ProfileName = "no-such-profile-here",
                ProfileLocation = profileFile,
                Region = "us-east-1",
            }));

            Assert.Contains("'no-such-profile-here' was not found", error.Message);
            Assert.Contains(profileFile, error.Message);
        }

        [Theory]
        [InlineData(null, "SECRET-VALUE-42", null, "-SecretKey was given without -AccessKey")]
        [InlineData("AKID-VALUE-42", null, null, "-AccessKey was given without -SecretKey")]
        [InlineData(null, null, "TOKEN-VALUE-42", "-SessionToken was given without -AccessKey")]
        public void Incomplete_keys_are_refused_without_repeating_them(string? accessKey, string? secretKey, string? token, string expected)
        {
            var error = Assert.Throws<ArgumentException>(() => AwsSession.Resolve(new AwsConnectionSettings
            {
                AccessKey = accessKey,
                SecretKey = secretKey,
                SessionToken = token,
                Region = "us-east-1",
            }));

            Assert.Contains(expected, error.Message);
            Assert.DoesNotContain("VALUE-42", error.Message);
        }

        [Theory]
        [InlineData("not a url")]
        [InlineData("ftp://127.0.0.1/")]
        [InlineData("127.0.0.1:4566")]
        [InlineData("http://127.0.0.1:4566/?x=1")]
        public void A_malformed_endpoint_url_is_refused(string endpointUrl)
        {
            var error = Assert.Throws<ArgumentException>(() => AwsSession.Resolve(new AwsConnectionSettings
            {
                AccessKey = "AKID",
                SecretKey = "secret",
                Region = "us-east-1",
                EndpointUrl = endpointUrl,
            }));

            Assert.Contains("-EndpointUrl", error.Message);
        }

        [Fact]
        public void A_malformed_region_is_refused()
        {
            var error = Assert.Throws<ArgumentException>(() => AwsSession.Resolve(new AwsConnectionSettings
            {
                AccessKey = "AKID",
                SecretKey = "secret",
                Region = "Frankfurt please",
            }));

            Assert.Contains("-Region 'Frankfurt please'", error.Message);
        }

        [Fact]
        public void No_text_of_the_session_shows_a_secret()
        {
            var settings = new AwsConnectionSettings
            {
                AccessKey = "AKIDEXPLICIT",
                SecretKey = "explicit-secret-value",
                SessionToken = "explicit-token-value",
                Region = "us-east-1",
            };
            using var fromKeys = AwsSession.Resolve(settings);
            using var fromProfile = AwsSession.Resolve(new AwsConnectionSettings { ProfileName = profileName, ProfileLocation = profileFile });

            foreach (var text in new[] { fromKeys.CredentialSource, fromKeys.ToString(), settings.ToString(), fromProfile.CredentialSource, fromProfile.ToString() })
            {
                Assert.DoesNotContain("explicit-secret-value", text);
                Assert.DoesNotContain("explicit-token-value", text);
                Assert.DoesNotContain(ProfileSecret, text);
            }

            Assert.Equal("parameters -AccessKey, -SecretKey and -SessionToken", fromKeys.CredentialSource);
        }

        [Fact]
        public async Task An_endpoint_url_is_used_by_every_client_and_requests_are_signed_for_the_session_region()
        {
            using var server = new StubHttpServer(StubResponse.Json("{\"JobId\":\"job-from-session\"}"));
            using var session = AwsSession.Resolve(new AwsConnectionSettings
            {
                AccessKey = "AKIDSESSION",
                SecretKey = "session-secret",
                Region = "ap-northeast-1",
                EndpointUrl = server.Url,
            });

            var s3Config = (AmazonS3Config)session.S3.Config;
            Assert.True(s3Config.ForcePathStyle);
            Assert.Equal(server.Url, s3Config.ServiceURL);
            Assert.Equal("ap-northeast-1", s3Config.AuthenticationRegion);
            Assert.Equal(server.Url, session.Kms.Config.ServiceURL);
            Assert.Equal("ap-northeast-1", session.Kms.Config.AuthenticationRegion);

            var jobId = await session.Textract.StartJobAsync(
                new StartJobRequest(S3Location.Of("b", "k"), new JobOptions { Kind = TextractJobKind.TextDetection }, null), CancellationToken.None);

            Assert.Equal("job-from-session", jobId);
            Assert.Contains("AKIDSESSION/", server.SingleRequest.Header("Authorization"));
            Assert.Contains("/ap-northeast-1/textract/aws4_request", server.SingleRequest.Header("Authorization"));
        }

        [Fact]
        public async Task S3_through_an_endpoint_url_uses_path_style_and_signs_for_the_session_region()
        {
            var head = new StubResponse { Status = 200, ContentType = "application/octet-stream" };
            head.Headers["ETag"] = "\"abc\"";
            using var server = new StubHttpServer(head);
            using var session = AwsSession.Resolve(new AwsConnectionSettings
            {
                AccessKey = "AKIDSESSION",
                SecretKey = "session-secret",
                Region = "eu-west-3",
                EndpointUrl = server.Url,
            });

            await session.S3.GetObjectMetadataAsync("input-bucket", "docs/a.pdf");

            var request = server.SingleRequest;
            Assert.Equal("HEAD", request.Method);
            Assert.StartsWith("/input-bucket/docs/a.pdf", request.Path);
            Assert.Contains("/eu-west-3/s3/aws4_request", request.Header("Authorization"));
        }

        [Fact]
        public void Without_an_endpoint_url_clients_use_the_region()
        {
            using var session = AwsSession.Resolve(new AwsConnectionSettings { AccessKey = "AKID", SecretKey = "secret", Region = "eu-north-1" });

            var textractConfig = session.CreateTextractConfig();
            Assert.Equal("eu-north-1", textractConfig.RegionEndpoint.SystemName);
            Assert.Null(session.EndpointUrl);
            Assert.False(session.CreateS3Config().ForcePathStyle);
            Assert.Equal("eu-north-1", session.CreateKmsConfig().RegionEndpoint.SystemName);
        }

        [Fact]
        public void Clients_are_created_once_and_refused_after_dispose()
        {
            var session = AwsSession.Resolve(new AwsConnectionSettings { AccessKey = "AKID", SecretKey = "secret", Region = "us-east-1" });

            Assert.Same(session.Textract, session.Textract);
            Assert.Same(session.S3, session.S3);
            session.Dispose();

            Assert.Throws<ObjectDisposedException>(() => session.Textract);
            Assert.Throws<ObjectDisposedException>(() => session.Kms);
        }
    }
}
