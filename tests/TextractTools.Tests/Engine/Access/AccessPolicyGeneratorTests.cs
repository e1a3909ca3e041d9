using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using TextractTools.Engine.Access;
using TextractTools.Engine.Api;
using Xunit;

namespace TextractTools.Tests.Engine.Access
{
    /// <summary>The generated policies: exact statements, the JSON shape IAM reads, and least privilege.</summary>
    public sealed class AccessPolicyGeneratorTests
    {
        private const string KeyArn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        private const string RoleArn = "arn:aws:iam::111122223333:role/TextractNotifications";
        private const string TopicArn = "arn:aws:sns:eu-west-1:111122223333:textract-jobs";
        private const string StarterArn = "arn:aws:iam::111122223333:user/textract-starter";
        private const string ReaderArn = "arn:aws:iam::111122223333:role/results-reader";

        private static AccessPlan Plan(string outputPrefix = "textract/", string? key = KeyArn, string? role = null, string? topic = null) => new()
        {
            InputBucket = "textract-input",
            InputPrefix = "invoices/",
            OutputBucket = "textract-output",
            OutputPrefix = outputPrefix,
            KmsKeyArn = key,
            NotificationRoleArn = role,
            NotificationTopicArn = topic,
            StarterPrincipalArn = StarterArn,
            ReaderPrincipalArn = ReaderArn,
        };

        private static GeneratedAccessPolicy Policy(AccessPlan plan, AccessPolicyKind kind) =>
            Assert.Single(AccessPolicyGenerator.Generate(plan), p => p.Kind == kind);

        private static void AssertStatement(PolicyDocument document, string sid, string[] actions, string[] resources)
        {
            var statement = document.Find(sid);
            Assert.NotNull(statement);
            Assert.Equal("Allow", statement!.Effect);
            Assert.Equal(actions, statement.Action);
            Assert.Equal(resources, statement.Resource);
        }

        [Fact]
        public void The_starter_policy_grants_each_step_on_exactly_the_plans_resources()
        {
            var starter = Policy(Plan(role: RoleArn, topic: TopicArn), AccessPolicyKind.StarterIdentityPolicy).Document;

            Assert.Equal(
                new[] { "StartTextractJobs", "ReadTextractJobResults", "ReadInputDocuments", "WriteTextractOutput", "UseOutputKey", "PassNotificationRole" },
                starter.Statement.Select(s => s.Sid));
            AssertStatement(starter, "StartTextractJobs", new[] { "textract:StartDocumentTextDetection", "textract:StartDocumentAnalysis" }, new[] { "*" });
            AssertStatement(starter, "ReadTextractJobResults", new[] { "textract:GetDocumentTextDetection", "textract:GetDocumentAnalysis" }, new[] { "*" });
            AssertStatement(starter, "ReadInputDocuments", new[] { "s3:GetObject" }, new[] { "arn:aws:s3:::textract-input/invoices/*" });
            AssertStatement(starter, "WriteTextractOutput", new[] { "s3:PutObject" }, new[] { "arn:aws:s3:::textract-output/textract/*" });
            // No kms:Encrypt or kms:ReEncrypt*: no step of a job or an upload calls them.
            AssertStatement(starter, "UseOutputKey", new[] { "kms:GenerateDataKey", "kms:Decrypt", "kms:DescribeKey" }, new[] { KeyArn });
            AssertStatement(starter, "PassNotificationRole", new[] { "iam:PassRole" }, new[] { RoleArn });
            Assert.All(starter.Statement, s => Assert.Null(s.Principal));
        }

        [Fact]
        public void What_only_the_preflight_needs_is_a_policy_of_its_own()
        {
            var plan = Plan();
            plan.UploadBucket = "textract-upload";
            plan.UploadPrefix = "inbox";
            var preflight = Policy(plan, AccessPolicyKind.PreflightIdentityPolicy);

            Assert.Equal(StarterArn, preflight.AttachTo);
            Assert.Contains("Optional", preflight.Description);
            Assert.Equal(new[] { "CheckBucketRegions", "RemovePreflightProbes" }, preflight.Document.Statement.Select(s => s.Sid));
            AssertStatement(preflight.Document, "CheckBucketRegions", new[] { "s3:GetBucketLocation" },
                new[] { "arn:aws:s3:::textract-input", "arn:aws:s3:::textract-upload", "arn:aws:s3:::textract-output" });
            AssertStatement(preflight.Document, "RemovePreflightProbes", new[] { "s3:DeleteObject", "s3:DeleteObjectVersion" },
                new[] { "arn:aws:s3:::textract-output/textract/.textracttools-preflight/*", "arn:aws:s3:::textract-upload/inbox/.textracttools-preflight/*" });
            // Nothing a job needs is in it, and nothing in it is in the job's policy.
            var starterActions = Policy(plan, AccessPolicyKind.StarterIdentityPolicy).Document.Statement.SelectMany(s => s.Action).ToList();
            Assert.DoesNotContain(starterActions, a => a.StartsWith("s3:Delete", StringComparison.Ordinal) || a == "s3:GetBucketLocation");
        }

        [Fact]
        public void Uploads_of_local_documents_are_granted_on_the_upload_prefix()
        {
            var plan = Plan();
            plan.UploadBucket = "textract-upload";
            plan.UploadPrefix = "inbox/";
            var starter = Policy(plan, AccessPolicyKind.StarterIdentityPolicy).Document;

            Assert.Equal(new[] { "StartTextractJobs", "ReadTextractJobResults", "ReadInputDocuments", "UploadInputDocuments", "WriteTextractOutput", "UseOutputKey" },
                starter.Statement.Select(s => s.Sid));
            AssertStatement(starter, "UploadInputDocuments", new[] { "s3:PutObject", "s3:AbortMultipartUpload" }, new[] { "arn:aws:s3:::textract-upload/inbox/*" });
            // Textract reads what was uploaded, and the uploader's HEAD (s3:GetObject) looks there first.
            AssertStatement(starter, "ReadInputDocuments", new[] { "s3:GetObject" }, new[] { "arn:aws:s3:::textract-input/invoices/*", "arn:aws:s3:::textract-upload/inbox/*" });

            // Uploads under the input prefix: one grant covers both.
            var inside = Plan();
            inside.UploadBucket = "textract-input";
            inside.UploadPrefix = "invoices/new";
            var starterInside = Policy(inside, AccessPolicyKind.StarterIdentityPolicy).Document;
            AssertStatement(starterInside, "ReadInputDocuments", new[] { "s3:GetObject" }, new[] { "arn:aws:s3:::textract-input/invoices/*" });
            AssertStatement(starterInside, "UploadInputDocuments", new[] { "s3:PutObject", "s3:AbortMultipartUpload" }, new[] { "arn:aws:s3:::textract-input/invoices/new/*" });

            // Only uploads: the upload prefix is the input.
            var only = new AccessPlan { UploadBucket = "textract-upload", UploadPrefix = "inbox/", OutputBucket = "textract-output" };
            only.Validate();
            AssertStatement(AccessPolicyGenerator.StarterPolicy(only), "ReadInputDocuments", new[] { "s3:GetObject" }, new[] { "arn:aws:s3:::textract-upload/inbox/*" });
        }

        [Theory]
        [InlineData(new[] { TextractJobKind.ExpenseAnalysis }, new[] { "textract:StartExpenseAnalysis" }, new[] { "textract:GetExpenseAnalysis" })]
        [InlineData(new[] { TextractJobKind.LendingAnalysis }, new[] { "textract:StartLendingAnalysis" }, new[] { "textract:GetLendingAnalysis", "textract:GetLendingAnalysisSummary" })]
        [InlineData(new[] { TextractJobKind.LendingAnalysis, TextractJobKind.TextDetection, TextractJobKind.LendingAnalysis },
            new[] { "textract:StartDocumentTextDetection", "textract:StartLendingAnalysis" },
            new[] { "textract:GetDocumentTextDetection", "textract:GetLendingAnalysis", "textract:GetLendingAnalysisSummary" })]
        public void The_textract_actions_are_those_of_the_planned_kinds_and_no_others(TextractJobKind[] kinds, string[] start, string[] results)
        {
            var plan = Plan();
            plan.Kinds = kinds;
            var starter = AccessPolicyGenerator.StarterPolicy(plan);

            AssertStatement(starter, "StartTextractJobs", start, new[] { "*" });
            AssertStatement(starter, "ReadTextractJobResults", results, new[] { "*" });
            Assert.Equal(start.Concat(results).OrderBy(a => a), starter.Statement.SelectMany(s => s.Action).Where(a => a.StartsWith("textract:", StringComparison.Ordinal)).OrderBy(a => a));
        }

        [Fact]
        public void The_reader_policy_reads_and_lists_the_output_prefix_only()
        {
            var reader = Policy(Plan(), AccessPolicyKind.ReaderIdentityPolicy).Document;

            Assert.Equal(new[] { "ReadTextractOutput", "ListTextractOutput", "DecryptTextractOutput" }, reader.Statement.Select(s => s.Sid));
            AssertStatement(reader, "ReadTextractOutput", new[] { "s3:GetObject" }, new[] { "arn:aws:s3:::textract-output/textract/*" });
            AssertStatement(reader, "ListTextractOutput", new[] { "s3:ListBucket" }, new[] { "arn:aws:s3:::textract-output" });
            var condition = Assert.Single(reader.Find("ListTextractOutput")!.Condition);
            Assert.Equal(("StringLike", "s3:prefix"), (condition.Operator, condition.Key));
            Assert.Equal(new[] { "textract/*" }, condition.Values);
            AssertStatement(reader, "DecryptTextractOutput", new[] { "kms:Decrypt", "kms:DescribeKey" }, new[] { KeyArn });
        }

        [Fact]
        public void Key_policy_statements_name_each_principal_with_resource_star()
        {
            var keyPolicy = Policy(Plan(), AccessPolicyKind.KeyPolicyStatements);

            Assert.Equal(KeyArn, keyPolicy.AttachTo);
            var starter = keyPolicy.Document.Find(AccessStatementIds.AllowStarterToUseKey)!;
            Assert.Equal("AWS", starter.Principal!.Type);
            Assert.Equal(new[] { StarterArn }, starter.Principal.Identifiers);
            Assert.Equal(AccessPolicyGenerator.StarterKeyActions, starter.Action);
            Assert.Equal(new[] { "*" }, starter.Resource);
            var reader = keyPolicy.Document.Find(AccessStatementIds.AllowReaderToDecrypt)!;
            Assert.Equal(new[] { ReaderArn }, reader.Principal!.Identifiers);
            Assert.Equal(new[] { "kms:Decrypt", "kms:DescribeKey" }, reader.Action);
        }

        [Fact]
        public void Optional_parts_appear_only_when_planned()
        {
            var minimal = new AccessPlan { InputBucket = "textract-input", OutputBucket = "textract-output", OutputPrefix = "textract/" };
            var policies = AccessPolicyGenerator.Generate(minimal);

            Assert.Equal(new[] { AccessPolicyKind.StarterIdentityPolicy, AccessPolicyKind.PreflightIdentityPolicy, AccessPolicyKind.ReaderIdentityPolicy }, policies.Select(p => p.Kind));
            var sids = policies.SelectMany(p => p.Document.Statement).Select(s => s.Sid).ToList();
            Assert.DoesNotContain("UseOutputKey", sids);
            Assert.DoesNotContain("DecryptTextractOutput", sids);
            Assert.DoesNotContain("PassNotificationRole", sids);
            Assert.DoesNotContain("UploadInputDocuments", sids);

            var withTopic = AccessPolicyGenerator.Generate(Plan(role: RoleArn, topic: TopicArn));
            var publish = Assert.Single(withTopic, p => p.Kind == AccessPolicyKind.NotificationRolePolicy);
            Assert.Equal(RoleArn, publish.AttachTo);
            AssertStatement(publish.Document, "PublishJobNotifications", new[] { "sns:Publish" }, new[] { TopicArn });
            Assert.DoesNotContain(AccessPolicyGenerator.Generate(Plan(role: RoleArn)), p => p.Kind == AccessPolicyKind.NotificationRolePolicy);
        }

        [Theory]
        [InlineData("textract", "textract")]
        [InlineData("textract/", "textract")]
        [InlineData("/textract/", "textract")]
        [InlineData("a/b/", "a/b")]
        [InlineData("", "textract_output")]
        public void The_output_prefix_is_the_folder_Textract_writes_under(string given, string folder)
        {
            var plan = Plan(outputPrefix: given);
            Assert.Equal(folder, plan.OutputKeyPrefix);
            Assert.Equal($"arn:aws:s3:::textract-output/{folder}/*", Policy(plan, AccessPolicyKind.StarterIdentityPolicy).Document.Find("WriteTextractOutput")!.Resource.Single());
        }

        [Fact]
        public void S3_arns_follow_the_partition_of_the_key()
        {
            var plan = Plan(key: "arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
            var resources = AccessPolicyGenerator.Generate(plan).SelectMany(p => p.Document.Statement).SelectMany(s => s.Resource).Where(r => r.Contains(":s3:::")).ToList();
            Assert.NotEmpty(resources);
            Assert.All(resources, r => Assert.StartsWith("arn:aws-cn:s3:::", r));
        }

        [Fact]
        public void Every_grant_is_least_privilege()
        {
            var plan = Plan(role: RoleArn, topic: TopicArn);
            var statements = AccessPolicyGenerator.Generate(plan).SelectMany(p => p.Document.Statement).ToList();

            Assert.All(statements, s => Assert.Equal("Allow", s.Effect));
            // No wildcard action at all.
            Assert.All(statements.SelectMany(s => s.Action), a => Assert.DoesNotContain("*", a));
            // Nothing that encrypts with the key directly or moves ciphertext between keys: no step needs it.
            Assert.DoesNotContain(statements.SelectMany(s => s.Action), a => a == "kms:Encrypt" || a.StartsWith("kms:ReEncrypt", StringComparison.Ordinal));
            // Resource "*" only where nothing narrower exists: Textract actions, and key policies (where it means the key).
            Assert.All(statements.Where(s => s.Resource.Contains("*")),
                s => Assert.True(s.Principal != null || s.Action.All(a => a.StartsWith("textract:", StringComparison.Ordinal)), s.Sid));
            // S3 object grants stay inside the planned prefixes; bucket grants name only the planned buckets.
            foreach (var resource in statements.SelectMany(s => s.Resource).Where(r => r.StartsWith("arn:aws:s3:::", StringComparison.Ordinal)))
                Assert.Contains(resource, new[]
                {
                    "arn:aws:s3:::textract-input/invoices/*", "arn:aws:s3:::textract-output/textract/*",
                    "arn:aws:s3:::textract-output/textract/.textracttools-preflight/*", "arn:aws:s3:::textract-input", "arn:aws:s3:::textract-output",
                });
            // The reader can neither write nor delete, nor use the key to encrypt.
            var reader = Policy(plan, AccessPolicyKind.ReaderIdentityPolicy).Document.Statement.SelectMany(s => s.Action).ToList();
            Assert.DoesNotContain(reader, a => a.Contains("Put") || a.Contains("Delete") || a.Contains("Encrypt") || a.Contains("GenerateDataKey"));
            // Writing output is PutObject on the OUTPUT prefix, never GetObject on the input (the widely copied mistake).
            var write = Policy(plan, AccessPolicyKind.StarterIdentityPolicy).Document.Find("WriteTextractOutput")!;
            Assert.Equal(new[] { "s3:PutObject" }, write.Action);
            Assert.DoesNotContain(write.Resource, r => r.Contains("textract-input"));
            // Listing is a bucket grant: it must carry the prefix condition.
            Assert.All(statements.Where(s => s.Action.Contains("s3:ListBucket")), s => Assert.NotEmpty(s.Condition));
        }

        [Fact]
        public void The_json_has_a_stable_shape_and_order()
        {
            var policies = AccessPolicyGenerator.Generate(Plan());
            var json = Policy(Plan(), AccessPolicyKind.ReaderIdentityPolicy).Json;

            Assert.Equal(json, AccessPolicyGenerator.Generate(Plan()).Single(p => p.Kind == AccessPolicyKind.ReaderIdentityPolicy).Json);
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            Assert.Equal(new[] { "Version", "Statement" }, root.EnumerateObject().Select(p => p.Name));
            Assert.Equal("2012-10-17", root.GetProperty("Version").GetString());
            var list = root.GetProperty("Statement").EnumerateArray().ToList();
            Assert.Equal(new[] { "Sid", "Effect", "Action", "Resource" }, list[0].EnumerateObject().Select(p => p.Name));
            Assert.Equal(new[] { "Sid", "Effect", "Action", "Resource", "Condition" }, list[1].EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Array, list[0].GetProperty("Action").ValueKind);
            Assert.Equal(JsonValueKind.Array, list[0].GetProperty("Resource").ValueKind);
            Assert.Equal("textract/*", list[1].GetProperty("Condition").GetProperty("StringLike").GetProperty("s3:prefix")[0].GetString());

            using var keyJson = JsonDocument.Parse(policies.Single(p => p.Kind == AccessPolicyKind.KeyPolicyStatements).Json);
            var keyStatement = keyJson.RootElement.GetProperty("Statement")[0];
            Assert.Equal(new[] { "Sid", "Effect", "Principal", "Action", "Resource" }, keyStatement.EnumerateObject().Select(p => p.Name));
            Assert.Equal(StarterArn, keyStatement.GetProperty("Principal").GetProperty("AWS")[0].GetString());
        }

        [Fact]
        public void The_ordered_object_matches_the_json()
        {
            var policy = Policy(Plan(), AccessPolicyKind.ReaderIdentityPolicy);
            var ordered = policy.Policy;

            Assert.Equal(new object[] { "Version", "Statement" }, ordered.Keys.Cast<object>());
            var statements = (OrderedDictionary[])ordered["Statement"]!;
            Assert.Equal(new object[] { "Sid", "Effect", "Action", "Resource", "Condition" }, statements[1].Keys.Cast<object>());
            var roundTrip = JsonSerializer.Serialize(ToPlain(ordered));
            Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(policy.Json).RootElement), roundTrip);
        }

        private static object ToPlain(object value) => value switch
        {
            OrderedDictionary d => d.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => ToPlain(e.Value!)),
            string s => s,
            System.Collections.IEnumerable many => many.Cast<object>().Select(ToPlain).ToList(),
            _ => value,
        };

        [Fact]
        public void A_plan_that_would_grant_the_wrong_thing_is_refused_before_any_call()
        {
            var alias = Plan(key: "alias/textract");
            var e = Assert.Throws<ArgumentException>(() => alias.Validate());
            Assert.Equal("KmsKeyId", e.ParamName);
            Assert.Contains("key ARN", e.Message);
            alias.Validate(requireKeyArn: false);

            Assert.Equal("NotificationRoleArn", Assert.Throws<ArgumentException>(() => Plan(topic: TopicArn).Validate()).ParamName);
            Assert.Equal("NotificationRoleArn", Assert.Throws<ArgumentException>(() => Plan(role: "arn:aws:iam::111122223333:user/not-a-role").Validate()).ParamName);
            Assert.Equal("OutputUri", Assert.Throws<ArgumentException>(() => new AccessPlan { InputBucket = "textract-input" }.Validate()).ParamName);
            var badPrincipal = Plan();
            badPrincipal.ReaderPrincipalArn = "results-reader";
            Assert.Equal("ReaderPrincipalArn", Assert.Throws<ArgumentException>(() => badPrincipal.Validate()).ParamName);
        }
    }
}
