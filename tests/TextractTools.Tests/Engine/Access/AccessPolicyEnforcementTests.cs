using System;
using TextractTools.Engine;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Access;
using TextractTools.Engine.Api;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Access
{
    /// <summary>
    /// The preflight against the endpoint's policy engine, with policies made by the generator: all of them pass,
    /// each statement taken away fails exactly the checks of its step with that statement as the Fix, and the widely
    /// copied wrong write statement is caught with the right one.
    /// </summary>
    public sealed class AccessPolicyEnforcementTests
    {
        private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
        private static readonly AccessPlan Plan = PolicyEndpoint.Plan();
        private static readonly S3Location Document = S3Location.Of(PolicyEndpoint.InputBucket, "docs/invoice.pdf");

        // The starter runs the preflight too: it has the optional preflight policy beside its own.
        private static PolicyDocument Starter => new PolicyDocument(AccessPolicyGenerator.StarterPolicy(Plan).Statement.Concat(AccessPolicyGenerator.PreflightPolicy(Plan).Statement));
        private static PolicyDocument Reader => AccessPolicyGenerator.ReaderPolicy(Plan);

        private static async Task<IReadOnlyList<AccessCheckResult>> RunAsync(PolicyEndpoint endpoint, bool asReader, AccessCheckScope scope, S3Location? document = null)
        {
            using var bound = new CancellationTokenSource(Bound);
            var session = asReader ? endpoint.Reader() : endpoint.Starter();
            return await PolicyEndpoint.Preflight(session).RunAsync(Plan, document, scope, bound.Token);
        }

        private static string Describe(IEnumerable<AccessCheckResult> results) =>
            string.Join("\n", results.Select(r => $"{r.Check}: {r.Status} {r.Fix?.Sid} {r.Detail}"));

        [Fact]
        public async Task The_generated_policies_pass_every_check()
        {
            await using var endpoint = await PolicyEndpoint.StartAsync(Starter, Reader);
            await endpoint.PutAsAdminAsync(PolicyEndpoint.InputBucket, Document.Key, underKey: true);
            await endpoint.PutAsAdminAsync(PolicyEndpoint.OutputBucket, "textract/job-1/1", underKey: true);

            var start = await RunAsync(endpoint, asReader: false, AccessCheckScope.Start, Document);
            var read = await RunAsync(endpoint, asReader: true, AccessCheckScope.Read);

            Assert.True(start.All(r => r.Passed), Describe(start));
            Assert.True(read.All(r => r.Passed), Describe(read));
            Assert.Equal(2, start.Count(r => r.Check == "ProbeRemoved"));
            Assert.Contains(start, r => r.Check == "UploadWritable");
            Assert.Equal(new[] { "textract/job-1/1" }, await endpoint.KeysAsync(PolicyEndpoint.OutputBucket));
        }

        public static IEnumerable<object[]> StarterStatements() => Starter.Statement.Select(s => new object[] { s.Sid });

        public static IEnumerable<object[]> ReaderStatements() => Reader.Statement.Select(s => new object[] { s.Sid });

        [Theory]
        [MemberData(nameof(StarterStatements))]
        public async Task Each_starter_statement_taken_away_fails_its_step_with_that_statement_as_the_fix(string sid)
        {
            await using var endpoint = await PolicyEndpoint.StartAsync(Starter.Without(sid), Reader);
            // The document is under the key, as uploaded documents are: reading it needs the key too.
            await endpoint.PutAsAdminAsync(PolicyEndpoint.InputBucket, Document.Key, underKey: true);

            var results = await RunAsync(endpoint, asReader: false, AccessCheckScope.Start, Document);

            var failed = results.Where(r => r.Status == AccessCheckStatus.Failed).ToList();
            Assert.True(failed.Count > 0, sid + " removed, yet nothing failed:\n" + Describe(results));
            var holder = AccessPolicyGenerator.FindStatement(Plan, sid)!.Value.Kind;
            Assert.True(failed.All(r => r.Fix?.Sid == sid && r.FixIn == holder), sid + " removed:\n" + Describe(results));
            Assert.Equal(Starter.Find(sid)!.ToJson(), failed[0].Fix!.ToJson());
            if (sid != AccessStatementIds.RemovePreflightProbes)
            {
                Assert.DoesNotContain(await endpoint.KeysAsync(PolicyEndpoint.OutputBucket), k => k.Contains(AccessPlan.ProbeFolder));
                Assert.DoesNotContain(await endpoint.KeysAsync(PolicyEndpoint.InputBucket), k => k.Contains(AccessPlan.ProbeFolder));
            }
        }

        [Theory]
        [MemberData(nameof(ReaderStatements))]
        public async Task Each_reader_statement_taken_away_fails_its_step_with_that_statement_as_the_fix(string sid)
        {
            await using var endpoint = await PolicyEndpoint.StartAsync(Starter, Reader.Without(sid));
            await endpoint.PutAsAdminAsync(PolicyEndpoint.OutputBucket, "textract/job-1/1", underKey: true);

            var results = await RunAsync(endpoint, asReader: true, AccessCheckScope.Read);

            var failed = results.Where(r => r.Status == AccessCheckStatus.Failed).ToList();
            Assert.True(failed.Count > 0, sid + " removed, yet nothing failed:\n" + Describe(results));
            Assert.True(failed.All(r => r.Fix?.Sid == sid && r.FixIn == AccessPolicyKind.ReaderIdentityPolicy), sid + " removed:\n" + Describe(results));
        }

        [Fact]
        public async Task The_widely_copied_write_statement_is_caught_with_the_right_fix()
        {
            // The published example grants s3:GetObject on the input bucket where s3:PutObject on the output is needed.
            var mistaken = new PolicyDocument(Starter.Without(AccessStatementIds.WriteTextractOutput).Statement.Append(
                PolicyStatement.Allow("TextractOutput", new[] { "s3:GetObject" }, new[] { "arn:aws:s3:::" + PolicyEndpoint.InputBucket + "/*" })));
            await using var endpoint = await PolicyEndpoint.StartAsync(mistaken, Reader);
            await endpoint.PutAsAdminAsync(PolicyEndpoint.InputBucket, Document.Key, underKey: true);

            var results = await RunAsync(endpoint, asReader: false, AccessCheckScope.Start, Document);

            var failed = Assert.Single(results, r => r.Status == AccessCheckStatus.Failed);
            Assert.Equal("OutputWritable", failed.Check);
            Assert.Equal(AccessStatementIds.WriteTextractOutput, failed.Fix!.Sid);
            Assert.Equal(new[] { "s3:PutObject" }, failed.Fix!.Action);
            Assert.Equal(new[] { "arn:aws:s3:::access-output/textract/*" }, failed.Fix.Resource);
            Assert.Contains("s3:PutObject", failed.Detail);
        }

        [Fact]
        public async Task A_key_policy_of_only_the_generated_statements_works_and_each_is_needed()
        {
            var keyStatements = new PolicyDocument(AccessPolicyGenerator.KeyPolicyStatements(Plan));
            await using (var endpoint = await PolicyEndpoint.StartAsync(Starter, Reader, keyStatements))
            {
                await endpoint.PutAsAdminAsync(PolicyEndpoint.InputBucket, Document.Key, underKey: true);
                await endpoint.PutAsAdminAsync(PolicyEndpoint.OutputBucket, "textract/job-1/1", underKey: true);
                var start = await RunAsync(endpoint, asReader: false, AccessCheckScope.Start, Document);
                var read = await RunAsync(endpoint, asReader: true, AccessCheckScope.Read);
                Assert.True(start.All(r => r.Passed), Describe(start));
                Assert.True(read.All(r => r.Passed), Describe(read));
            }

            // Without the starter's statement, a key policy that does not delegate to IAM refuses the starter,
            // whatever its identity policy says; the result names the key policy statement to add.
            await using (var endpoint = await PolicyEndpoint.StartAsync(Starter, Reader, keyStatements.Without(AccessStatementIds.AllowStarterToUseKey)))
            {
                await endpoint.PutAsAdminAsync(PolicyEndpoint.InputBucket, Document.Key, underKey: true);
                var start = await RunAsync(endpoint, asReader: false, AccessCheckScope.Start, Document);
                var key = start.Single(r => r.Check == "KeyDescribable");
                Assert.Equal(AccessCheckStatus.Failed, key.Status);
                Assert.Contains(AccessStatementIds.AllowStarterToUseKey, key.Detail);
            }
        }
    }
}
