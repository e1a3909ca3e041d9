using System.Linq;
using TextractTools.LocalEndpoint.Policy;
using Xunit;

namespace TextractTools.Tests.LocalEndpoint.Policy
{
    /// <summary>The policy engine on its own: wildcards, Deny over Allow over implicit deny, conditions, key policies.</summary>
    public sealed class PolicyEvaluatorTests
    {
        private const string Account = "000000000000";
        private const string Alice = "arn:aws:iam::000000000000:user/alice";
        private const string KeyArn = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";

        private static PolicyDocument Identity(string statementsJson) => Read(statementsJson, isKeyPolicy: false);

        private static PolicyDocument Key(string statementsJson) => Read(statementsJson, isKeyPolicy: true);

        private static PolicyDocument Read(string statementsJson, bool isKeyPolicy)
        {
            using var json = System.Text.Json.JsonDocument.Parse($$"""{ "Version": "2012-10-17", "Statement": [ {{statementsJson}} ] }""");
            return PolicyDocumentReader.Read(json.RootElement, "test", isKeyPolicy);
        }

        private static AccessRequest Request(string action, string resource, string principal = Alice) => new(action, resource, principal, Account);

        private static PolicyDecision Evaluate(PolicyDocument policy, AccessRequest request) => PolicyEvaluator.Evaluate(new[] { policy }, request);

        [Theory]
        [InlineData("arn:aws:s3:::out/textract/*", "arn:aws:s3:::out/textract/JOB/1", true)]
        [InlineData("arn:aws:s3:::out/textract/*", "arn:aws:s3:::out/textract", false)]
        [InlineData("arn:aws:s3:::out/*/1", "arn:aws:s3:::out/a/b/1", true)]
        [InlineData("arn:aws:s3:::out/?", "arn:aws:s3:::out/a", true)]
        [InlineData("arn:aws:s3:::out/?", "arn:aws:s3:::out/ab", false)]
        [InlineData("arn:aws:s3:::Out/*", "arn:aws:s3:::out/a", false)]
        [InlineData("*", "", true)]
        [InlineData("a*b*c", "aXbYbZc", true)]
        [InlineData("a*b*c", "aXbYbZ", false)]
        public void Wildcards_star_and_question_mark_match_as_in_IAM(string pattern, string value, bool expected)
        {
            Assert.Equal(expected, WildcardPattern.IsMatch(pattern, value, ignoreCase: false));
        }

        [Theory]
        [InlineData("s3:GetObject", "s3:getobject", PolicyDecision.Allow)]
        [InlineData("s3:Get*", "s3:GetObject", PolicyDecision.Allow)]
        [InlineData("kms:ReEncrypt*", "kms:ReEncryptFrom", PolicyDecision.Allow)]
        [InlineData("kms:GenerateDataKey*", "kms:Decrypt", PolicyDecision.ImplicitDeny)]
        [InlineData("*", "iam:PassRole", PolicyDecision.Allow)]
        public void Actions_match_with_wildcards_and_without_regard_to_case(string granted, string asked, PolicyDecision expected)
        {
            var policy = Identity($$"""{ "Effect": "Allow", "Action": "{{granted}}", "Resource": "*" }""");
            Assert.Equal(expected, Evaluate(policy, Request(asked, "arn:aws:s3:::b/k")));
        }

        [Fact]
        public void Resources_are_case_sensitive()
        {
            var policy = Identity("""{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::in/Docs/*" }""");
            Assert.Equal(PolicyDecision.Allow, Evaluate(policy, Request("s3:GetObject", "arn:aws:s3:::in/Docs/a.pdf")));
            Assert.Equal(PolicyDecision.ImplicitDeny, Evaluate(policy, Request("s3:GetObject", "arn:aws:s3:::in/docs/a.pdf")));
        }

        [Fact]
        public void An_explicit_Deny_wins_over_any_Allow_in_any_policy()
        {
            var allow = Identity("""{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }""");
            var deny = Identity("""{ "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::out/*" }""");

            Assert.Equal(PolicyDecision.ExplicitDeny, PolicyEvaluator.Evaluate(new[] { allow, deny }, Request("s3:DeleteObject", "arn:aws:s3:::out/x")));
            Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(new[] { allow, deny }, Request("s3:DeleteObject", "arn:aws:s3:::in/x")));
            Assert.Equal(PolicyDecision.ImplicitDeny, PolicyEvaluator.Evaluate(new[] { deny }, Request("s3:GetObject", "arn:aws:s3:::in/x")));
        }

        [Fact]
        public void NotAction_and_NotResource_cover_everything_they_do_not_list()
        {
            var policy = Identity("""
                { "Effect": "Allow", "NotAction": "s3:Delete*", "Resource": "*" },
                { "Effect": "Deny", "Action": "*", "NotResource": ["arn:aws:s3:::in/*", "arn:aws:s3:::out/*"] }
                """);
            Assert.Equal(PolicyDecision.Allow, Evaluate(policy, Request("s3:PutObject", "arn:aws:s3:::out/x")));
            Assert.Equal(PolicyDecision.ImplicitDeny, Evaluate(policy, Request("s3:DeleteObject", "arn:aws:s3:::out/x")));
            Assert.Equal(PolicyDecision.ExplicitDeny, Evaluate(policy, Request("s3:PutObject", "arn:aws:s3:::elsewhere/x")));
        }

        [Theory]
        [InlineData("StringLike", "\"out/*\"", "out/job/", PolicyDecision.Allow)]
        [InlineData("StringLike", "\"out/*\"", "other/", PolicyDecision.ImplicitDeny)]
        [InlineData("StringLike", "\"out/*\"", null, PolicyDecision.ImplicitDeny)]
        [InlineData("StringEquals", "[\"\", \"out/\"]", "out/", PolicyDecision.Allow)]
        [InlineData("StringEquals", "[\"\", \"out/\"]", "out/x", PolicyDecision.ImplicitDeny)]
        [InlineData("StringNotEquals", "\"secret/\"", "out/", PolicyDecision.Allow)]
        [InlineData("StringNotEquals", "\"secret/\"", "secret/", PolicyDecision.ImplicitDeny)]
        [InlineData("StringNotEquals", "\"secret/\"", null, PolicyDecision.Allow)]
        [InlineData("StringNotLike", "\"secret/*\"", "secret/a", PolicyDecision.ImplicitDeny)]
        [InlineData("StringLikeIfExists", "\"out/*\"", null, PolicyDecision.Allow)]
        [InlineData("StringLikeIfExists", "\"out/*\"", "other/", PolicyDecision.ImplicitDeny)]
        [InlineData("Null", "\"true\"", null, PolicyDecision.Allow)]
        [InlineData("Null", "\"true\"", "out/", PolicyDecision.ImplicitDeny)]
        [InlineData("Null", "false", "out/", PolicyDecision.Allow)]
        public void Conditions_on_s3_prefix_follow_IAM_rules_for_present_and_absent_keys(string op, string values, string? prefix, PolicyDecision expected)
        {
            var policy = Identity($$"""
                { "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::out", "Condition": { "{{op}}": { "s3:prefix": {{values}} } } }
                """);
            Assert.Equal(expected, Evaluate(policy, Request("s3:ListBucket", "arn:aws:s3:::out").With("s3:prefix", prefix)));
        }

        [Fact]
        public void Condition_keys_compare_without_regard_to_case_and_all_blocks_must_hold()
        {
            var policy = Identity("""
                { "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*",
                  "Condition": { "StringLike": { "S3:Prefix": "out/*" }, "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::*:user/a*" } } }
                """);
            Assert.Equal(PolicyDecision.Allow, Evaluate(policy, Request("s3:ListBucket", "arn:aws:s3:::out").With("s3:prefix", "out/a")));
            Assert.Equal(PolicyDecision.ImplicitDeny,
                Evaluate(policy, Request("s3:ListBucket", "arn:aws:s3:::out", "arn:aws:iam::000000000000:user/bob").With("s3:prefix", "out/a")));
        }

        [Fact]
        public void Bool_and_ArnEquals_conditions_compare_values()
        {
            var policy = Identity("""
                { "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": { "Bool": { "aws:SecureTransport": false } } },
                { "Effect": "Allow", "Action": "*", "Resource": "*", "Condition": { "ArnEquals": { "aws:PrincipalArn": "arn:aws:iam::000000000000:user/alice" } } }
                """);
            Assert.Equal(PolicyDecision.ExplicitDeny, Evaluate(policy, Request("s3:GetObject", "*").With("aws:SecureTransport", "false")));
            Assert.Equal(PolicyDecision.Allow, Evaluate(policy, Request("s3:GetObject", "*").With("aws:SecureTransport", "true")));
            Assert.Equal(PolicyDecision.ImplicitDeny, Evaluate(policy, Request("s3:GetObject", "*", "arn:aws:iam::000000000000:user/bob")));
        }

        [Fact]
        public void The_default_key_policy_hands_the_decision_to_identity_policies()
        {
            var keyPolicy = DefaultKeyPolicies.CustomerManaged(Account);
            var identity = Identity($$"""{ "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "{{KeyArn}}" }""");

            Assert.Equal(PolicyDecision.Allow, KeyPolicyEvaluator.Evaluate(keyPolicy, new[] { identity }, Request("kms:Decrypt", KeyArn)));
            Assert.Equal(PolicyDecision.ImplicitDeny, KeyPolicyEvaluator.Evaluate(keyPolicy, new[] { identity }, Request("kms:Encrypt", KeyArn)));
            Assert.Equal(PolicyDecision.ImplicitDeny, KeyPolicyEvaluator.Evaluate(keyPolicy, new PolicyDocument[0], Request("kms:Decrypt", KeyArn)));
        }

        [Fact]
        public void A_key_policy_naming_the_principal_allows_without_identity_policy()
        {
            var keyPolicy = Key($$"""{ "Effect": "Allow", "Principal": { "AWS": ["{{Alice}}"] }, "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*" }""");

            Assert.Equal(PolicyDecision.Allow, KeyPolicyEvaluator.Evaluate(keyPolicy, new PolicyDocument[0], Request("kms:Decrypt", KeyArn)));
            Assert.Equal(PolicyDecision.ImplicitDeny,
                KeyPolicyEvaluator.Evaluate(keyPolicy, new PolicyDocument[0], Request("kms:Decrypt", KeyArn, "arn:aws:iam::000000000000:user/bob")));
        }

        [Fact]
        public void Without_the_account_in_the_key_policy_an_identity_policy_alone_does_not_open_the_key()
        {
            var keyPolicy = Key("""{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::000000000000:user/admin" }, "Action": "kms:*", "Resource": "*" }""");
            var identity = Identity("""{ "Effect": "Allow", "Action": "kms:*", "Resource": "*" }""");

            Assert.Equal(PolicyDecision.ImplicitDeny, KeyPolicyEvaluator.Evaluate(keyPolicy, new[] { identity }, Request("kms:Decrypt", KeyArn)));
        }

        [Fact]
        public void A_Deny_in_the_key_policy_or_in_an_identity_policy_wins()
        {
            var keyPolicy = Key($$"""
                { "Effect": "Allow", "Principal": { "AWS": "000000000000" }, "Action": "kms:*", "Resource": "*" },
                { "Effect": "Deny", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*", "Condition": { "StringNotEquals": { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } }
                """);
            var identity = Identity("""{ "Effect": "Allow", "Action": "kms:*", "Resource": "*" }""");
            var identityDeny = Identity("""{ "Effect": "Deny", "Action": "kms:Encrypt", "Resource": "*" }""");

            Assert.Equal(PolicyDecision.ExplicitDeny, KeyPolicyEvaluator.Evaluate(keyPolicy, new[] { identity }, Request("kms:Decrypt", KeyArn)));
            Assert.Equal(PolicyDecision.Allow, KeyPolicyEvaluator.Evaluate(keyPolicy, new[] { identity },
                Request("kms:Decrypt", KeyArn).With("kms:ViaService", "s3.us-east-1.amazonaws.com")));
            Assert.Equal(PolicyDecision.ExplicitDeny, KeyPolicyEvaluator.Evaluate(keyPolicy, new[] { identity, identityDeny }, Request("kms:Encrypt", KeyArn)));
        }

        [Fact]
        public void An_AWS_managed_key_is_usable_through_its_service_only()
        {
            var keyPolicy = DefaultKeyPolicies.AwsManaged(Account, "s3.us-east-1.amazonaws.com");
            AccessRequest Decrypt(string? via) => Request("kms:Decrypt", KeyArn).With("kms:ViaService", via).With("kms:CallerAccount", Account);

            Assert.Equal(PolicyDecision.Allow, KeyPolicyEvaluator.Evaluate(keyPolicy, new PolicyDocument[0], Decrypt("s3.us-east-1.amazonaws.com")));
            Assert.Equal(PolicyDecision.ImplicitDeny, KeyPolicyEvaluator.Evaluate(keyPolicy, new PolicyDocument[0], Decrypt(null)));
        }

        [Fact]
        public void Denials_are_worded_as_AWS_words_them()
        {
            var denial = new AccessDenial(Alice, "s3:PutObject", "arn:aws:s3:::out/textract/JOB/.s3_access_check", ExplicitDeny: false);
            Assert.Equal("User: arn:aws:iam::000000000000:user/alice is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::out/textract/JOB/.s3_access_check",
                denial.Message);
        }
    }
}
