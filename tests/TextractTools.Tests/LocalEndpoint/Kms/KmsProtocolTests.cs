using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using TextractTools.Tests.Support;
using Xunit;

namespace TextractTools.Tests.LocalEndpoint.Kms
{
    /// <summary>The KMS emulation driven by the real AWSSDK.KeyManagementService client.</summary>
    public sealed class KmsProtocolTests : IClassFixture<LocalEndpointFixture>
    {
        private readonly LocalEndpointFixture _endpoint;

        public KmsProtocolTests(LocalEndpointFixture endpoint) { _endpoint = endpoint; }

        private async Task<(AmazonKeyManagementServiceClient Kms, KeyMetadata Key)> NewKeyAsync(string? alias = null)
        {
            var kms = _endpoint.CreateKms(maxErrorRetry: 0);
            var key = (await kms.CreateKeyAsync(new CreateKeyRequest { Description = "test key" })).KeyMetadata;
            if (alias is not null) await kms.CreateAliasAsync(new CreateAliasRequest { AliasName = alias, TargetKeyId = key.KeyId });
            return (kms, key);
        }

        [Fact]
        public async Task CreateKey_returns_full_metadata()
        {
            var (_, key) = await NewKeyAsync();
            Assert.Equal($"arn:aws:kms:{_endpoint.Region}:{_endpoint.Options.AccountId}:key/{key.KeyId}", key.Arn);
            Assert.True(key.Enabled);
            Assert.Equal(KeyState.Enabled, key.KeyState);
            Assert.Equal(KeyUsageType.ENCRYPT_DECRYPT, key.KeyUsage);
            Assert.Equal(KeyManagerType.CUSTOMER, key.KeyManager);
            Assert.Equal("test key", key.Description);
            Assert.InRange(key.CreationDate!.Value, System.DateTime.UtcNow.AddMinutes(-5), System.DateTime.UtcNow.AddMinutes(5));
        }

        [Fact]
        public async Task DescribeKey_resolves_id_arn_alias_and_alias_arn()
        {
            var (kms, key) = await NewKeyAsync("alias/describe-me");
            var aliasArn = $"arn:aws:kms:{_endpoint.Region}:{_endpoint.Options.AccountId}:alias/describe-me";
            foreach (var reference in new[] { key.KeyId, key.Arn, "alias/describe-me", aliasArn })
            {
                var described = await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = reference });
                Assert.Equal(key.Arn, described.KeyMetadata.Arn);
            }
        }

        [Fact]
        public async Task ListAliases_includes_a_new_alias_and_duplicates_are_refused()
        {
            var (kms, key) = await NewKeyAsync("alias/listed");
            var aliases = await kms.ListAliasesAsync(new ListAliasesRequest());
            var listed = Assert.Single(aliases.Aliases, a => a.AliasName == "alias/listed");
            Assert.Equal(key.KeyId, listed.TargetKeyId);
            Assert.EndsWith(":alias/listed", listed.AliasArn);

            var error = await Assert.ThrowsAsync<AlreadyExistsException>(() =>
                kms.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/listed", TargetKeyId = key.KeyId }));
            Assert.Equal("AlreadyExistsException", error.ErrorCode);
        }

        [Fact]
        public async Task Unknown_keys_and_aliases_answer_NotFoundException()
        {
            var kms = _endpoint.CreateKms(maxErrorRetry: 0);
            foreach (var reference in new[] { "alias/none", "11111111-2222-3333-4444-555555555555" })
            {
                var error = await Assert.ThrowsAsync<NotFoundException>(() => kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = reference }));
                Assert.Equal("NotFoundException", error.ErrorCode);
                Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
            }
        }

        [Fact]
        public async Task GenerateDataKey_gives_a_key_that_Decrypt_recovers()
        {
            var (kms, key) = await NewKeyAsync("alias/data-keys");
            var dataKey = await kms.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = "alias/data-keys", KeySpec = DataKeySpec.AES_256 });
            Assert.Equal(32, dataKey.Plaintext.Length);
            Assert.Equal(key.Arn, dataKey.KeyId);

            var decrypted = await kms.DecryptAsync(new DecryptRequest { CiphertextBlob = dataKey.CiphertextBlob });
            Assert.Equal(dataKey.Plaintext.ToArray(), decrypted.Plaintext.ToArray());
            Assert.Equal(key.Arn, decrypted.KeyId);

            var sized = await kms.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = key.KeyId, NumberOfBytes = 16 });
            Assert.Equal(16, sized.Plaintext.Length);
        }

        [Fact]
        public async Task Encrypt_and_Decrypt_round_trip_and_bind_the_encryption_context()
        {
            var (kms, key) = await NewKeyAsync();
            var context = new Dictionary<string, string> { ["purpose"] = "test", ["job"] = "42" };
            var encrypted = await kms.EncryptAsync(new EncryptRequest
            {
                KeyId = key.Arn, Plaintext = new MemoryStream(Encoding.UTF8.GetBytes("top secret")), EncryptionContext = context,
            });
            Assert.Equal(key.Arn, encrypted.KeyId);

            var decrypted = await kms.DecryptAsync(new DecryptRequest
            {
                CiphertextBlob = encrypted.CiphertextBlob,
                EncryptionContext = new Dictionary<string, string> { ["job"] = "42", ["purpose"] = "test" },
            });
            Assert.Equal("top secret", Encoding.UTF8.GetString(decrypted.Plaintext.ToArray()));

            var wrongContext = await Assert.ThrowsAsync<InvalidCiphertextException>(() => kms.DecryptAsync(new DecryptRequest
            {
                CiphertextBlob = new MemoryStream(encrypted.CiphertextBlob.ToArray()),
                EncryptionContext = new Dictionary<string, string> { ["purpose"] = "other" },
            }));
            Assert.Equal("InvalidCiphertextException", wrongContext.ErrorCode);
        }

        [Fact]
        public async Task A_disabled_key_refuses_to_encrypt_until_enabled()
        {
            var (kms, key) = await NewKeyAsync();
            await kms.DisableKeyAsync(new DisableKeyRequest { KeyId = key.KeyId });
            var described = await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId });
            Assert.Equal(KeyState.Disabled, described.KeyMetadata.KeyState);
            Assert.False(described.KeyMetadata.Enabled);

            var error = await Assert.ThrowsAsync<DisabledException>(() =>
                kms.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = key.KeyId, KeySpec = DataKeySpec.AES_256 }));
            Assert.Equal("DisabledException", error.ErrorCode);

            await kms.EnableKeyAsync(new EnableKeyRequest { KeyId = key.KeyId });
            var dataKey = await kms.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = key.KeyId, KeySpec = DataKeySpec.AES_256 });
            Assert.Equal(32, dataKey.Plaintext.Length);
        }

        [Fact]
        public async Task A_wrong_secret_key_fails_with_InvalidSignatureException()
        {
            var kms = _endpoint.CreateKms(new BasicAWSCredentials(_endpoint.Credentials.GetCredentials().AccessKey, "wrong-secret"), maxErrorRetry: 0);
            var error = await Assert.ThrowsAnyAsync<AmazonKeyManagementServiceException>(() => kms.ListAliasesAsync(new ListAliasesRequest()));
            Assert.Equal("InvalidSignatureException", error.ErrorCode);
        }

        [Fact]
        public async Task An_unknown_access_key_fails_with_UnrecognizedClientException()
        {
            var kms = _endpoint.CreateKms(new BasicAWSCredentials("AKIDUNKNOWN", "whatever"), maxErrorRetry: 0);
            var error = await Assert.ThrowsAnyAsync<AmazonKeyManagementServiceException>(() => kms.ListAliasesAsync(new ListAliasesRequest()));
            Assert.Equal("UnrecognizedClientException", error.ErrorCode);
        }
    }
}
