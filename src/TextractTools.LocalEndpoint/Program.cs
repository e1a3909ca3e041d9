using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.LocalEndpoint.Hosting;

namespace TextractTools.LocalEndpoint
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            using var stop = new CancellationTokenSource();
            // Ctrl+C and SIGTERM end the endpoint cleanly (exit code 0) instead of killing the process.
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            return RunAsync(args, Console.In, Console.Out, Console.Error, stop.Token).GetAwaiter().GetResult();

            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }
        }

        /// <summary>
        /// The command line with its streams passed in, so tests can drive it in-process: starts the endpoint, writes
        /// the "Listening on" line, and returns once stdin closes, a "stop" line arrives, or <paramref name="stop"/> fires.
        /// </summary>
        public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken stop)
        {
            if (args.Length > 0 && args[0] == "write-sample")
            {
                if (args.Length != 2)
                {
                    stderr.WriteLine("Usage: TextractTools.LocalEndpoint write-sample DIR");
                    return 2;
                }
                Samples.ProjectSample.WriteTo(args[1]);
                stdout.WriteLine(System.IO.Path.Combine(args[1], Samples.ProjectSample.FileName));
                return 0;
            }

            var commandLine = EndpointCommandLine.Parse(args);
            if (commandLine.ShowHelp)
            {
                stdout.WriteLine(EndpointCommandLine.Usage);
                return 0;
            }
            if (commandLine.Error is not null)
            {
                stderr.WriteLine(commandLine.Error);
                return 2;
            }

            EndpointServer server;
            try
            {
                server = await EndpointServer.StartAsync(commandLine.Options, stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException || e is InvalidOperationException)
            {
                stderr.WriteLine("Could not start the endpoint: " + e.Message);
                return 1;
            }

            await using (server.ConfigureAwait(false))
            {
                stdout.WriteLine("Listening on " + server.BaseUri);
                stdout.Flush();
                var stdinDone = commandLine.IgnoreStdin ? Task.Delay(Timeout.Infinite, stop) : WaitForStopLineAsync(stdin);
                try
                {
                    await Task.WhenAny(stdinDone, Task.Delay(Timeout.Infinite, stop)).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
            return 0;
        }

        /// <summary>Completes when stdin ends or a line "stop" is read. A dedicated thread: ReadLine blocks.</summary>
        private static Task WaitForStopLineAsync(TextReader stdin) =>
            Task.Factory.StartNew(() =>
            {
                string? line;
                while ((line = stdin.ReadLine()) is not null)
                {
                    if (string.Equals(line.Trim(), "stop", StringComparison.OrdinalIgnoreCase)) return;
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }
}
