using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.LocalEndpoint.Faults;
using TextractTools.LocalEndpoint.Hosting;
using Xunit;
using TextractTools.Tests.Engine.Batch;

namespace TextractTools.Tests.LocalEndpoint.Faults
{
    /// <summary>Fault plans as the command line, the admin route and tests give them; naming and drawing without a listener.</summary>
    public sealed class FaultPlanTests
    {
        [Fact]
        public void A_fault_spec_reads_every_kind()
        {
            var plan = FaultPlan.FromSpec("Textract.GetDocumentAnalysis:throttle=0.3,5xx=0.05,drop=0.02,delayMs=200,tps=5");
            var rule = Assert.Single(plan.Rules).Value;
            Assert.Equal(new FaultRule { Throttle = 0.3, ServerError = 0.05, Drop = 0.02, DelayMs = 200, Tps = 5 }, rule);

            var jobs = FaultPlan.FromSpec("Textract.Start*:fail=0.1,partial=0.2,lateOutputMs=500,jobMinMs=10,jobMaxMs=20").RuleFor("Textract.StartDocumentAnalysis");
            Assert.Equal(new FaultRule { Fail = 0.1, Partial = 0.2, LateOutputMs = 500, JobMinMs = 10, JobMaxMs = 20 }, jobs);
        }

        [Theory]
        [InlineData("S3.GetObject:throttle=1.5", "throttle")]
        [InlineData("S3.GetObject:throttle=0.6,5xx=0.6", "add up")]
        [InlineData("S3.GetObject:slow=1", "unknown kind 'slow'")]
        [InlineData("S3.GetObject:throttle", "kind=number")]
        [InlineData("S3.GetObject", "Operation:kind=value")]
        [InlineData("S3.GetObject:tps=0", "tps")]
        public void A_bad_spec_says_what_is_wrong(string spec, string expected)
        {
            var error = Assert.Throws<FaultPlanException>(() => FaultPlan.FromSpec(spec));
            Assert.Contains(expected, error.Message);
        }

        [Fact]
        public void The_most_specific_pattern_wins()
        {
            var plan = FaultPlan.FromJson(@"{""seed"": 9, ""operations"": {
                ""*"": {""delayMs"": 1}, ""S3.*"": {""throttle"": 0.1}, ""S3.Get*"": {""throttle"": 0.2}, ""S3.GetObject"": {""throttle"": 0.3}}}");
            Assert.Equal(9, plan.Seed);
            Assert.Equal(0.3, plan.RuleFor("S3.GetObject")!.Throttle);
            Assert.Equal(0.2, plan.RuleFor("S3.GetBucketLocation")!.Throttle);
            Assert.Equal(0.1, plan.RuleFor("S3.PutObject")!.Throttle);
            Assert.Equal(1, plan.RuleFor("Kms.Decrypt")!.DelayMs);
            Assert.Null(FaultPlan.FromSpec("S3.*:throttle=0.1").RuleFor("Kms.Decrypt"));
        }

        [Fact]
        public void A_plan_round_trips_through_its_json()
        {
            var plan = FaultPlan.FromSpec("Kms.*:throttle=0.25,tps=3").With(FaultPlan.FromSpec("Textract.Start*:partial=0.5,lateOutputMs=100")).WithSeed(42);
            var again = FaultPlan.FromJson(plan.ToJson());
            Assert.Equal(42, again.Seed);
            Assert.Equal(plan.Rules.OrderBy(r => r.Key), again.Rules.OrderBy(r => r.Key));
        }

        [Fact]
        public void Bad_json_is_refused_with_a_message()
        {
            Assert.Contains("not valid JSON", Assert.Throws<FaultPlanException>(() => FaultPlan.FromJson("{\"operations\": ")).Message);
            Assert.Contains("Unknown member 'rules'", Assert.Throws<FaultPlanException>(() => FaultPlan.FromJson("{\"rules\": {}}")).Message);
        }

        [Fact]
        public void The_command_line_reads_files_specs_and_the_seed()
        {
            var file = Path.Combine(Path.GetTempPath(), "tt-faults-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(file, @"{""seed"": 3, ""operations"": {""S3.*"": {""throttle"": 0.1}, ""Kms.*"": {""5xx"": 0.2}}}");
            try
            {
                var parsed = EndpointCommandLine.Parse(new[] { "--faults", file, "--fault", "S3.*:throttle=0.3,drop=0.1", "--fault-seed", "77" });
                Assert.Null(parsed.Error);
                Assert.Equal(77, parsed.Options.Faults.Seed);
                Assert.Equal(new FaultRule { Throttle = 0.3, Drop = 0.1 }, parsed.Options.Faults.RuleFor("S3.GetObject"));
                Assert.Equal(0.2, parsed.Options.Faults.RuleFor("Kms.Decrypt")!.ServerError);

                Assert.Contains("5xx", EndpointCommandLine.Parse(new[] { "--fault", "S3.*:5xx=-1" }).Error);
                Assert.Contains("Cannot read the fault plan", EndpointCommandLine.Parse(new[] { "--faults", file + ".missing" }).Error);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Theory]
        [InlineData("GET", "/bucket/key", null, "S3.GetObject")]
        [InlineData("HEAD", "/bucket/key", null, "S3.HeadObject")]
        [InlineData("PUT", "/bucket/key", null, "S3.PutObject")]
        [InlineData("GET", "/bucket?list-type=2&prefix=a", null, "S3.ListObjectsV2")]
        [InlineData("PUT", "/bucket", null, "S3.CreateBucket")]
        [InlineData("POST", "/bucket/key?uploads", null, "S3.CreateMultipartUpload")]
        [InlineData("GET", "/", null, "S3.ListBuckets")]
        [InlineData("POST", "/", "TrentService.GenerateDataKey", "Kms.GenerateDataKey")]
        [InlineData("POST", "/", "Textract.GetDocumentAnalysis", "Textract.GetDocumentAnalysis")]
        [InlineData("POST", "/", "AmazonSQS.ReceiveMessage", "Sqs.ReceiveMessage")]
        public void Requests_are_named_as_the_sdk_names_operations(string method, string target, string? amzTarget, string expected)
        {
            var headers = amzTarget is null
                ? new List<KeyValuePair<string, string[]>>()
                : new List<KeyValuePair<string, string[]>> { new("X-Amz-Target", new[] { amzTarget }) };
            Assert.Equal(expected, OperationNames.Of(new IncomingRequest(method, target, headers, Array.Empty<byte>())));
        }

        [Fact]
        public async Task The_same_seed_draws_the_same_faults()
        {
            var plan = FaultPlan.FromSpec("S3.*:throttle=0.3,5xx=0.1,drop=0.1").WithSeed(1234);
            var first = await DrawAsync(new FaultInjector(plan), 200);
            var second = await DrawAsync(new FaultInjector(plan), 200);
            var otherSeed = await DrawAsync(new FaultInjector(plan.WithSeed(4321)), 200);
            Assert.Equal(first, second);
            Assert.NotEqual(first, otherSeed);
            // About 30% throttled, 10% 500, 10% cut off: the shares are honoured (loosely, 200 draws).
            Assert.InRange(first.Count(d => d == "503"), 35, 85);
            Assert.InRange(first.Count(d => d == "500"), 5, 40);
            Assert.InRange(first.Count(d => d == "drop"), 5, 40);
        }

        private static async Task<List<string>> DrawAsync(FaultInjector faults, int count)
        {
            var drawn = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var request = new IncomingRequest("GET", "/bucket/key-" + i, Array.Empty<KeyValuePair<string, string[]>>(), Array.Empty<byte>());
                var decision = await faults.BeforeDispatchAsync(request, IPAddress.Loopback, CancellationToken.None);
                drawn.Add(decision.CutOffAnswer ? "drop" : decision.Reply?.StatusCode.ToString() ?? "none");
            }
            return drawn;
        }
    }
}
