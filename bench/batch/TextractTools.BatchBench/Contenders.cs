using System;
using TextractTools.Engine;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Api;
using TextractTools.Engine.Batch;
using TextractTools.Engine.Document;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Output;
using TextractTools.LocalEndpoint.Faults;

namespace TextractTools.BatchBench
{
    /// <summary>What one contender did: time, calls (as made and as attempts on the wire), retries, and what was lost.</summary>
    internal sealed record RunFigures(
        string Name, int Documents, TimeSpan Wall, long JobsStarted,
        long StartCalls, long GetCalls, long StartAttempts, long GetAttempts, long OtherAttempts,
        long Throttled, long ServerErrorsOrDrops, int Lost, int Duplicated)
    {
        public long Retries => Throttled + ServerErrorsOrDrops;
        public double PerJob(long count) => (double)count / Documents;
        public long Attempts => StartAttempts + GetAttempts + OtherAttempts;
    }

    internal static class Contenders
    {
        /// <summary>
        /// The loop people write today: one document at a time; Start, then Get every N seconds (no backoff, full
        /// answers) until the job is done, the last answer being the first page of output, then NextToken pages.
        /// </summary>
        public static async Task<RunFigures> NaiveAsync(BenchEndpoint endpoint, BenchClients clients, BenchSettings settings,
            IReadOnlyList<(string Key, string Text)> documents, CancellationToken cancellationToken)
        {
            var api = clients.Textract;
            var (startsBefore, getsBefore, jobsBefore) = (api.Starts, api.Gets, endpoint.JobCount);
            endpoint.Server.Faults.ResetStatistics();
            var poll = settings.Scaled(settings.NaivePollSec);
            var lost = 0;
            var watch = Stopwatch.StartNew();
            foreach (var (key, text) in documents)
            {
                try
                {
                    var jobId = await api.StartJobAsync(new StartJobRequest(S3Location.Of(BenchEndpoint.Bucket, key), new JobOptions { Kind = TextractJobKind.TextDetection }, null), cancellationToken);
                    JobResultPage page;
                    do
                    {
                        await Task.Delay(poll, cancellationToken);
                        page = await api.GetJobPageAsync(TextractJobKind.TextDetection, new GetJobPageRequest(jobId), cancellationToken);
                    }
                    while (page.JobStatus == "IN_PROGRESS");
                    var pages = new List<RawOutputPage> { new RawOutputPage(jobId + " page 1", page.Json) };
                    while (!string.IsNullOrEmpty(page.NextToken))
                    {
                        page = await api.GetJobPageAsync(TextractJobKind.TextDetection, new GetJobPageRequest(jobId, null, page.NextToken), cancellationToken);
                        pages.Add(new RawOutputPage(jobId + " page " + (pages.Count + 1), page.Json));
                    }
                    if (!HasText(TextractDocumentReader.Read(pages), text)) lost++;
                }
                catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    Console.Error.WriteLine($"naive: {key}: {e.Message}");
                    lost++;
                }
            }
            watch.Stop();
            return Figures("naive loop", documents.Count, watch.Elapsed, endpoint, api, startsBefore, getsBefore, jobsBefore, lost, duplicatedDeliveries: 0);
        }

        /// <summary>Our batch runner (what Invoke-TextractBatch runs), with its default poll schedule on the benchmark's clock.</summary>
        public static async Task<RunFigures> BatchAsync(BenchEndpoint endpoint, BenchClients clients, BenchSettings settings,
            IReadOnlyList<(string Key, string Text)> documents, string workFolder, CancellationToken cancellationToken)
        {
            var api = clients.Textract;
            var (startsBefore, getsBefore, jobsBefore) = (api.Starts, api.Gets, endpoint.JobCount);
            endpoint.Server.Faults.ResetStatistics();
            var options = new BatchOptions
            {
                ThrottleLimit = settings.ThrottleLimit,
                OutputFolder = Path.Combine(workFolder, "output"),
                PollSchedule = new PollSchedule(settings.Scaled(settings.PollInitialSec), settings.Scaled(settings.PollMaxSec)),
                OutputSettleTime = settings.Scaled(10),
                Region = clients.Session.Region,
                EndpointUrl = clients.Session.EndpointUrl,
            };
            var delivered = new List<TextractBatchItem>();
            var watch = Stopwatch.StartNew();
            using (var journal = BatchJournal.Open(Path.Combine(workFolder, "state.jsonl")))
            {
                var runner = new BatchRunner(api, clients.S3, journal, options)
                {
                    ItemCompleted = (item, error) =>
                    {
                        if (error is null) delivered.Add(item);
                        else Console.Error.WriteLine($"batch: {item.Document}: {error.Message}");
                    },
                    ItemDeferred = (state, error) => Console.Error.WriteLine($"batch: {state.Document} deferred: {error.Message}"),
                };
                var inputs = documents.Select(d => BatchDocument.FromS3(S3Location.Of(BenchEndpoint.Bucket, d.Key))).ToList();
                await runner.RunAsync(inputs, cancellationToken);
            }
            watch.Stop();

            var byKey = delivered.Where(i => i.Delivered).GroupBy(i => i.S3Uri).ToDictionary(g => g.Key, g => g.ToList());
            var lost = documents.Count(d => !byKey.TryGetValue($"s3://{BenchEndpoint.Bucket}/{d.Key}", out var items)
                                             || !HasText(TextractDocumentReader.ReadFolder(items[0].OutputFolder!), d.Text));
            var duplicatedDeliveries = byKey.Values.Sum(items => items.Count - 1)
                                       + Math.Max(0, Directory.GetDirectories(options.OutputFolder).Length - byKey.Count);
            return Figures("batch runner", documents.Count, watch.Elapsed, endpoint, api, startsBefore, getsBefore, jobsBefore, lost, duplicatedDeliveries);
        }

        private static bool HasText(TextractDocument document, string text) => document.Lines.Select(l => l.Text).SequenceEqual(new[] { text });

        private static RunFigures Figures(string name, int documents, TimeSpan wall, BenchEndpoint endpoint, CountingTextractApi api,
            long startsBefore, long getsBefore, int jobsBefore, int lost, int duplicatedDeliveries)
        {
            var stats = endpoint.Server.Faults.Statistics;
            long Sum(Func<OperationStatistics, bool> which, Func<OperationStatistics, long> value) => stats.Operations.Values.Where(which).Sum(value);
            bool IsStart(OperationStatistics o) => o.Operation.StartsWith("Textract.Start", StringComparison.Ordinal);
            bool IsGet(OperationStatistics o) => o.Operation.StartsWith("Textract.Get", StringComparison.Ordinal);
            var jobs = endpoint.JobCount - jobsBefore;
            return new RunFigures(name, documents, wall, jobs,
                api.Starts - startsBefore, api.Gets - getsBefore,
                Sum(IsStart, o => o.Calls), Sum(IsGet, o => o.Calls), Sum(o => !IsStart(o) && !IsGet(o), o => o.Calls),
                Sum(_ => true, o => o.Throttled + o.RateLimited), Sum(_ => true, o => o.ServerErrors + o.Dropped),
                lost, Math.Max(0, jobs - documents) + duplicatedDeliveries);
        }
    }
}
