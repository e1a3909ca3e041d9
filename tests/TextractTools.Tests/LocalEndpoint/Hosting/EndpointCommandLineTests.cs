using System;
using TextractTools.LocalEndpoint.Hosting;
using Xunit;

namespace TextractTools.Tests.LocalEndpoint.Hosting
{
    public sealed class EndpointCommandLineTests
    {
        [Fact]
        public void Options_are_read_into_EndpointOptions()
        {
            var parsed = EndpointCommandLine.Parse(new[]
            {
                "--port", "4566", "--region", "eu-west-1", "--access-key", "AK", "--secret-key", "SK",
                "--job-seconds", "7", "--replay", "/r1", "--replay", "/r2",
            });
            Assert.Null(parsed.Error);
            Assert.Equal(4566, parsed.Options.Port);
            Assert.Equal("eu-west-1", parsed.Options.Region);
            Assert.Equal("SK", Assert.Single(parsed.Options.Credentials, c => c.Key == "AK").Value);
            Assert.Single(parsed.Options.Credentials);
            Assert.Equal(TimeSpan.FromSeconds(7), parsed.Options.JobDuration);
            Assert.Equal(new[] { "/r1", "/r2" }, parsed.Options.ReplayFolders);
        }

        [Theory]
        [InlineData("--port", "http")]
        [InlineData("--port", "70000")]
        [InlineData("--access-key", "AK")]
        [InlineData("--bogus")]
        [InlineData("--region")]
        public void Bad_arguments_are_reported(params string[] args)
        {
            Assert.NotNull(EndpointCommandLine.Parse(args).Error);
        }

        [Fact]
        public void Help_is_recognised()
        {
            Assert.True(EndpointCommandLine.Parse(new[] { "--help" }).ShowHelp);
        }
    }
}
