using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KeyManagementService.Model;
using TextractTools.Engine.Completion;
using TextractTools.Engine.Session;
using TextractTools.Tests.Support;
using Xunit;

namespace TextractTools.Tests.Engine.Completion
{
    /// <summary>What tab completion lists from an endpoint: its buckets and its key aliases, through an AwsSession.</summary>
    public sealed class ResourceNameListerTests : IClassFixture<LocalEndpointFixture>
    {
        private readonly LocalEndpointFixture endpoint;

        public ResourceNameListerTests(LocalEndpointFixture endpoint) => this.endpoint = endpoint;

        private AwsSession NewSession() => endpoint.CreateSession();

        [Fact]
        public async Task Lists_the_buckets_of_the_endpoint_sorted()
        {
            using (var s3 = endpoint.CreateS3())
            {
                await s3.PutBucketAsync("lister-zeta");
                await s3.PutBucketAsync("lister-alpha");
            }

            using var session = NewSession();
            var names = await ResourceNameLister.ListBucketNamesAsync(session, CancellationToken.None);

            var list = names.ToList();
            var alpha = list.IndexOf("lister-alpha");
            var zeta = list.IndexOf("lister-zeta");
            Assert.True(alpha >= 0 && zeta > alpha, "expected lister-alpha before lister-zeta in: " + string.Join(", ", list));
        }

        [Fact]
        public async Task Lists_aliases_that_name_a_key()
        {
            using (var kms = endpoint.CreateKms())
            {
                var key = await kms.CreateKeyAsync(new CreateKeyRequest());
                await kms.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/lister-test", TargetKeyId = key.KeyMetadata.KeyId });
            }

            using var session = NewSession();
            var names = await ResourceNameLister.ListKmsAliasesAsync(session, CancellationToken.None);

            Assert.Contains("alias/lister-test", names);
            Assert.All(names, n => Assert.StartsWith("alias/", n));
        }
    }
}
