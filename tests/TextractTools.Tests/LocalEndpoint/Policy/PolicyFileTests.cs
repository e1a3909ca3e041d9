using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.LocalEndpoint;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Policy;
using Xunit;

namespace TextractTools.Tests.LocalEndpoint.Policy
{
    /// <summary>Reading the policy file: what it accepts, and errors that name the file and the member at fault.</summary>
    public sealed class PolicyFileTests
    {
        private const string Valid = """
            {
              "AccountId": "000000000000",
              // comments are allowed: policy files are written by hand
              "Principals": {
                "AKIDSTARTER": { "SecretKey": "starter-secret", "Arn": "arn:aws:iam::000000000000:user/textract-starter",
                                 "Policies": [ { "Version": "2012-10-17", "Statement": { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::in/*" } } ] }
              },
              "KeyPolicies": { "alias/textract": { "Version": "2012-10-17", "Statement": [
                { "Sid": "Root", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::000000000000:root" }, "Action": "kms:*", "Resource": "*" } ] } }
            }
            """;

        [Fact]
        public void A_valid_file_gives_principals_policies_and_key_policies()
        {
            var file = PolicyFile.Parse(Valid, "policy.json");

            Assert.Equal("000000000000", file.AccountId);
            var starter = file.Principals["AKIDSTARTER"];
            Assert.Equal("arn:aws:iam::000000000000:user/textract-starter", starter.Arn);
            Assert.Equal("s3:GetObject", Assert.Single(Assert.Single(starter.Policies).Statements).Actions!.Single());
            Assert.Equal("Root", Assert.Single(file.KeyPolicies["alias/textract"].Statements).Sid);
        }

        [Theory]
        [InlineData("\"Effect\": \"Allow\"", "\"Effect\": \"allow\"", "Principals.AKIDSTARTER.Policies[0].Statement.Effect must be \"Allow\" or \"Deny\"")]
        [InlineData("\"Action\": \"s3:GetObject\"", "\"Actions\": \"s3:GetObject\"", "Principals.AKIDSTARTER.Policies[0].Statement.Actions is not a known member")]
        [InlineData("\"Action\": \"s3:GetObject\"", "\"Action\": \"GetObject\"", "Statement.Action has \"GetObject\"")]
        [InlineData(", \"Resource\": \"arn:aws:s3:::in/*\"", "", "Statement needs exactly one of Resource and NotResource")]
        [InlineData("\"Resource\": \"arn:aws:s3:::in/*\"", "\"Resource\": \"in/*\"", "is not \"*\" or an ARN")]
        [InlineData("\"Effect\": \"Allow\", \"Action\"", "\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\"", "must not have a Principal")]
        [InlineData("\"Principal\": { \"AWS\": \"arn:aws:iam::000000000000:root\" }, ", "", "KeyPolicies.alias/textract.Statement[0] is in a key policy and needs a Principal")]
        [InlineData("\"Resource\": \"arn:aws:s3:::in/*\"", "\"Resource\": \"arn:aws:s3:::in/*\", \"Condition\": { \"StringLke\": { \"s3:prefix\": \"a\" } }", "Condition.StringLke is not a supported condition operator")]
        [InlineData("\"Version\": \"2012-10-17\", \"Statement\": {", "\"Version\": \"2012-10-18\", \"Statement\": {", "Policies[0].Version must be \"2012-10-17\"")]
        [InlineData("\"SecretKey\": \"starter-secret\", ", "", "Principals.AKIDSTARTER has no SecretKey")]
        [InlineData("\"Arn\": \"arn:aws:iam::000000000000:user/textract-starter\"", "\"Arn\": \"textract-starter\"", "Principals.AKIDSTARTER.Arn must be an IAM ARN")]
        [InlineData("\"AccountId\": \"000000000000\"", "\"AccountId\": \"0\"", "AccountId must be a string of 12 digits")]
        [InlineData("\"KeyPolicies\": { \"alias/textract\"", "\"KeyPolicies\": { \"textract\"", "KeyPolicies.textract is not a key reference")]
        [InlineData("\"Principals\":", "\"Principal\":", "Principal is not a known member")]
        public void A_bad_file_is_refused_with_the_file_and_the_member_named(string find, string replace, string expected)
        {
            Assert.Contains(find, Valid);
            var error = Assert.Throws<PolicyFileException>(() => PolicyFile.Parse(Valid.Replace(find, replace), "my-policy.json"));

            Assert.StartsWith("Policy file 'my-policy.json'", error.Message);
            Assert.Contains(expected, error.Message);
        }

        [Fact]
        public void Invalid_JSON_and_a_missing_file_are_refused_with_the_file_named()
        {
            var json = Assert.Throws<PolicyFileException>(() => PolicyFile.Parse("{ \"Principals\": ", "broken.json"));
            Assert.StartsWith("Policy file 'broken.json' is not valid JSON", json.Message);

            var missing = Path.Combine(Path.GetTempPath(), "no-such-policy-" + Guid.NewGuid().ToString("N") + ".json");
            var error = Assert.Throws<PolicyFileException>(() => PolicyFile.Load(missing));
            Assert.StartsWith($"Policy file '{missing}' cannot be read", error.Message);
        }

        [Fact]
        public void The_command_line_takes_policy_and_its_usage_mentions_it()
        {
            var commandLine = EndpointCommandLine.Parse(new[] { "--policy", "p.json" });

            Assert.Null(commandLine.Error);
            Assert.Equal("p.json", commandLine.Options.PolicyFile);
            Assert.Contains("--policy FILE", EndpointCommandLine.Usage);
            Assert.NotNull(EndpointCommandLine.Parse(new[] { "--policy" }).Error);
        }

        [Fact]
        public async Task The_endpoint_does_not_start_with_a_bad_file_and_says_which_file_and_what_is_wrong()
        {
            var path = Path.Combine(Path.GetTempPath(), "bad-policy-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(path, Valid.Replace("\"Effect\": \"Allow\"", "\"Effect\": \"Permit\""));
            try
            {
                var stderr = new StringWriter();
                var stdout = new StringWriter();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

                var exit = await Program.RunAsync(new[] { "--policy", path, "--ignore-stdin" }, TextReader.Null, stdout, stderr, timeout.Token);

                Assert.Equal(1, exit);
                Assert.DoesNotContain("Listening on", stdout.ToString());
                Assert.Contains($"Policy file '{path}'", stderr.ToString());
                Assert.Contains("Effect must be \"Allow\" or \"Deny\", not \"Permit\"", stderr.ToString());
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public async Task Principals_join_the_accepted_credentials_but_may_not_take_the_administrators_key_id()
        {
            var path = Path.Combine(Path.GetTempPath(), "policy-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(path, Valid);
            try
            {
                var options = new EndpointOptions { PolicyFile = path };
                await using (var server = await EndpointServer.StartAsync(options))
                {
                    Assert.Equal("starter-secret", options.Credentials["AKIDSTARTER"]);
                    Assert.True(server.Authorizer.IsRestricted("AKIDSTARTER"));
                    Assert.False(server.Authorizer.IsRestricted(options.Credentials.Keys.First()));
                }

                var clash = new EndpointOptions { PolicyFile = path };
                clash.Credentials.Clear();
                clash.Credentials["AKIDSTARTER"] = "administrator-secret";
                var error = await Assert.ThrowsAsync<PolicyFileException>(() => EndpointServer.StartAsync(clash));
                Assert.Contains("Principals.AKIDSTARTER uses the access key id of the endpoint's own credentials", error.Message);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
