using System;
using System.Linq;
using TextractTools.Engine.Api;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Validation;
using Xunit;

namespace TextractTools.Tests.Engine.Validation
{
    /// <summary>A job's options checked once, before any upload or call, including what only the job's region decides.</summary>
    public sealed class StartOptionsValidationTests
    {
        private static JobOptions Analysis(Action<JobOptions>? change = null)
        {
            var options = new JobOptions { Features = new[] { "Tables" } };
            change?.Invoke(options);
            return options;
        }

        private static ParameterValueException Refused(JobOptions options, string? region = "us-east-1") =>
            Assert.Throws<ParameterValueException>(() => StartRequestValidator.ValidateOptions(options, region));

        [Fact]
        public void Valid_options_pass_including_a_key_without_an_output_location()
        {
            // -KmsKeyId without -OutputUri is valid: Textract keeps the output, encrypted under the customer's key.
            StartRequestValidator.ValidateOptions(new JobOptions { KmsKeyId = "alias/textract" }, "us-east-1");
            StartRequestValidator.ValidateOptions(Analysis(o => o.Output = TextractTools.Engine.S3Location.Of("out-bucket", "a/../b")), "us-east-1");
        }

        [Fact]
        public void An_empty_key_is_refused_never_read_as_no_key()
        {
            var e = Refused(Analysis(o => o.KmsKeyId = ""));
            Assert.Equal("EmptyKmsKeyId", e.ErrorId);
            Assert.Equal("EmptyKmsKeyId", Refused(Analysis(o => o.KmsKeyId = "  ")).ErrorId);
        }

        [Fact]
        public void A_key_or_topic_of_another_region_is_refused_once_the_region_is_known()
        {
            const string key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
            Assert.Contains("is a key in eu-west-1", Refused(Analysis(o => o.KmsKeyId = key)).Message);
            StartRequestValidator.ValidateOptions(Analysis(o => o.KmsKeyId = key), region: null);

            var topic = Refused(Analysis(o =>
            {
                o.NotificationTopicArn = "arn:aws:sns:eu-west-1:111122223333:done";
                o.NotificationRoleArn = "arn:aws:iam::111122223333:role/textract";
            }));
            Assert.Equal("InvalidNotificationTopicArn", topic.ErrorId);
            Assert.Contains("the topic is in eu-west-1, but the job runs in us-east-1", topic.Message);
        }

        [Theory]
        [InlineData("   ")]
        [InlineData("\t")]
        public void Query_text_of_white_space_only_is_refused(string text)
        {
            var e = Refused(Analysis(o => o.Queries = new[] { new QuerySpec(text) }));
            Assert.Equal("InvalidQuery", e.ErrorId);
            Assert.Contains("only white space", e.Message);
            Assert.Contains("only white space", Refused(Analysis(o => o.Queries = new[] { new QuerySpec("What is the total?", text) })).Message);
        }

        [Fact]
        public void Thirty_queries_on_a_page_pass_and_thirty_one_are_refused()
        {
            var thirty = Enumerable.Range(1, 30).Select(i => new QuerySpec("Question " + i)).ToArray();
            StartRequestValidator.ValidateOptions(Analysis(o => o.Queries = thirty), "us-east-1");

            var e = Refused(Analysis(o => o.Queries = thirty.Append(new QuerySpec("One more")).ToArray()));
            Assert.Equal("TooManyQueries", e.ErrorId);
            Assert.Equal(ParameterProblem.LimitExceeded, e.Problem);
            Assert.Contains("31 queries look at page 1", e.Message);
            Assert.Contains("at most 30", e.Message);
        }

        [Fact]
        public void Queries_are_counted_per_page_they_look_at()
        {
            // 20 on page 1, 20 on page 2: no page has more than 30.
            var spread = Enumerable.Range(1, 40).Select(i => new QuerySpec("Q" + i, null, new[] { i <= 20 ? "1" : "2" })).ToArray();
            StartRequestValidator.ValidateOptions(Analysis(o => o.Queries = spread), "us-east-1");

            // 20 on every page and 11 on pages 3 to 5: page 3 has 31.
            var overlapping = Enumerable.Range(1, 20).Select(i => new QuerySpec("All " + i, null, new[] { "*" }))
                .Concat(Enumerable.Range(1, 11).Select(i => new QuerySpec("Mid " + i, null, new[] { "3-5" }))).ToArray();
            Assert.Contains("31 queries look at page 3", Refused(Analysis(o => o.Queries = overlapping)).Message);
            Assert.Equal((3, 31), StartRequestValidator.BusiestPage(overlapping));

            // Open ranges count from where they begin.
            var open = Enumerable.Range(1, 31).Select(i => new QuerySpec("Late " + i, null, new[] { i % 2 == 0 ? "7-*" : "9" })).ToArray();
            Assert.Equal((9, 31), StartRequestValidator.BusiestPage(open));
        }

        [Fact]
        public void Refusals_name_the_parameter_without_the_runtimes_suffix()
        {
            var e = Refused(Analysis(o => o.JobTag = "has space"));
            Assert.Equal("InvalidJobTag", e.ErrorId);
            Assert.Equal("JobTag", e.ParamName);
            Assert.StartsWith("-JobTag:", e.Message);
            Assert.DoesNotContain("(Parameter", e.Message);
        }
    }
}
