using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace TextractTools.BatchBench
{
    /// <summary>
    /// Starts the local endpoint with scaled quotas, puts the documents in it twice (one copy per contender, so that
    /// neither finds the other's jobs), runs our batch runner, then the naive loop, and writes the report.
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            BenchSettings settings;
            try { settings = BenchSettings.Parse(args); }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }

            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
            var loadBefore = LoadAverage();
            var work = Path.Combine(Path.GetTempPath(), "tt-batchbench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(work);
            try
            {
                await using var endpoint = await BenchEndpoint.StartAsync(settings);
                var pair = endpoint.Server.Options.Credentials.First();
                using var clients = new BenchClients(endpoint.Server.BaseUri, endpoint.Server.Options.Region, pair.Key, pair.Value, settings.Scale);
                Console.WriteLine($"Endpoint {endpoint.Server.BaseUri}; writing {settings.Documents} documents twice ...");
                var forBatch = endpoint.AddDocuments("batch", settings.Documents);
                var forNaive = endpoint.AddDocuments("naive", settings.Documents);

                Console.WriteLine("Batch runner ...");
                var ours = await Contenders.BatchAsync(endpoint, clients, settings, forBatch, work, cancel.Token);
                Console.WriteLine($"  {ours.Wall.TotalSeconds:0.0} s, {ours.PerJob(ours.GetAttempts):0.00} Get attempts/job, lost {ours.Lost}, duplicated {ours.Duplicated}");
                Console.WriteLine("Naive loop ...");
                var naive = await Contenders.NaiveAsync(endpoint, clients, settings, forNaive, cancel.Token);
                Console.WriteLine($"  {naive.Wall.TotalSeconds:0.0} s, {naive.PerJob(naive.GetAttempts):0.00} Get attempts/job, lost {naive.Lost}, duplicated {naive.Duplicated}");

                var environment = $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, " +
                                  $"load average before: {loadBefore}, after: {LoadAverage()}; started {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz}; arguments: {string.Join(" ", args)}";
                var report = Report.Write(settings, ours, naive, environment);
                Console.WriteLine();
                Console.WriteLine(report);
                if (settings.Report.Length > 0)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.Report))!);
                    File.WriteAllText(settings.Report, report);
                    Console.WriteLine("Report: " + settings.Report);
                }
                return ours.Lost + ours.Duplicated + naive.Lost + naive.Duplicated == 0 ? 0 : 1;
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                Console.Error.WriteLine("Stopped.");
                return 130;
            }
            finally
            {
                try { Directory.Delete(work, true); } catch (IOException) { }
            }
        }

        private static string LoadAverage()
        {
            try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return "n/a"; }
        }
    }
}
