using TextractTools.Engine.Validation;
using Xunit;

namespace TextractTools.Tests.Engine.Validation
{
    public sealed class TextractIdentifiersTests
    {
        [Theory]
        [InlineData("a")]
        [InlineData("2b78a8c0e247151172b2bd30c94accba30cd772e9c3db85b7e435069f6b18718")]
        [InlineData("job_1-A")]
        public void Job_ids_of_the_services_pattern_pass(string id) => TextractIdentifiers.ValidateJobId(id);

        [Theory]
        [InlineData(null, "is empty")]
        [InlineData("", "is empty")]
        [InlineData(" abc", "white space")]
        [InlineData("s3://bucket/prefix/job/", "characters other than")]
        [InlineData("a.b", "characters other than")]
        [InlineData("01234567890123456789012345678901234567890123456789012345678901234", "longer than 64")]
        public void Other_job_ids_are_refused(string? id, string reason)
        {
            var e = Assert.Throws<ParameterValueException>(() => TextractIdentifiers.ValidateJobId(id));
            Assert.Equal("InvalidJobId", e.ErrorId);
            Assert.Equal("JobId", e.ParamName);
            Assert.Contains(reason, e.Message);
        }
    }
}
