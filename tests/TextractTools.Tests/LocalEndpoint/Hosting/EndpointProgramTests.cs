using System;
using System.Diagnostics;
using System.IO;
using System.IO.Pipes;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using TextractTools.LocalEndpoint;
using Xunit;

namespace TextractTools.Tests.LocalEndpoint.Hosting
{
    /// <summary>The command line: the "Listening on" line, answering requests, and stopping through stdin.</summary>
    public sealed class EndpointProgramTests
    {
        private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

        [Fact]
        public async Task RunAsync_listens_and_stops_on_a_stop_line()
        {
            using var stdinPipe = new AnonymousPipeServerStream(PipeDirection.Out);
            using var stdinReader = new StreamReader(new AnonymousPipeClientStream(PipeDirection.In, stdinPipe.ClientSafePipeHandle));
            using var stdoutPipe = new AnonymousPipeServerStream(PipeDirection.In);
            using var stdoutWriter = new StreamWriter(new AnonymousPipeClientStream(PipeDirection.Out, stdoutPipe.ClientSafePipeHandle)) { AutoFlush = true };
            using var stdoutReader = new StreamReader(stdoutPipe);
            using var timeout = new CancellationTokenSource(Bound);

            var run = Program.RunAsync(new[] { "--port", "0" }, stdinReader, stdoutWriter, TextWriter.Null, timeout.Token);
            var baseUri = ParseListeningLine(await stdoutReader.ReadLineAsync(timeout.Token));
            await AssertAnswersS3Async(baseUri);

            using (var stdinWriter = new StreamWriter(stdinPipe, leaveOpen: true)) await stdinWriter.WriteLineAsync("stop");
            Assert.Equal(0, await run.WaitAsync(Bound));
        }

        [Fact]
        public async Task Help_prints_usage_and_exits()
        {
            var stdout = new StringWriter();
            Assert.Equal(0, await Program.RunAsync(new[] { "--help" }, TextReader.Null, stdout, TextWriter.Null, CancellationToken.None));
            Assert.Contains("--port", stdout.ToString());
        }

        [Fact]
        public async Task The_built_executable_runs_until_stdin_closes()
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "TextractTools.LocalEndpoint.dll");
            Assert.True(File.Exists(dll), dll + " is copied beside the tests by the project reference");
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add("--port");
            start.ArgumentList.Add("0");
            using var process = Process.Start(start)!;
            try
            {
                using var timeout = new CancellationTokenSource(Bound);
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                // stderr is read only on failure: reading it earlier would wait for the process to end.
                if (line is null) Assert.Fail("no output; stderr: " + await process.StandardError.ReadToEndAsync(timeout.Token));
                await AssertAnswersS3Async(ParseListeningLine(line));

                process.StandardInput.Close();
                await process.WaitForExitAsync(timeout.Token);
                Assert.Equal(0, process.ExitCode);
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
        }

        private static Uri ParseListeningLine(string? line)
        {
            Assert.NotNull(line);
            Assert.Matches(@"^Listening on http://127\.0\.0\.1:\d+/$", line);
            return new Uri(line!.Substring("Listening on ".Length));
        }

        /// <summary>A real SDK call proves the printed address is the endpoint, with its default credentials.</summary>
        private static async Task AssertAnswersS3Async(Uri baseUri)
        {
            var defaults = new TextractTools.LocalEndpoint.Hosting.EndpointOptions();
            var pair = System.Linq.Enumerable.First(defaults.Credentials);
            using var s3 = new AmazonS3Client(new BasicAWSCredentials(pair.Key, pair.Value), new AmazonS3Config
            {
                ServiceURL = baseUri.ToString(), ForcePathStyle = true, AuthenticationRegion = defaults.Region, MaxErrorRetry = 0,
                Timeout = TimeSpan.FromSeconds(30),
            });
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = "cli-check" });
            var buckets = await s3.ListBucketsAsync(new ListBucketsRequest());
            Assert.Equal(HttpStatusCode.OK, buckets.HttpStatusCode);
            Assert.Contains(buckets.Buckets, b => b.BucketName == "cli-check");
        }
    }
}
