using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TextractTools.LocalEndpoint.Faults;
using TextractTools.LocalEndpoint.Hosting;
using TextractService = TextractTools.LocalEndpoint.Textract.TextractService;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace TextractTools.BatchBench
{
    /// <summary>
    /// The local endpoint as an account with quotas: Start and Get TPS (token buckets), a concurrent-job limit, and
    /// job durations drawn evenly from a range, all on the benchmark's clock. Holds the documents each contender reads.
    /// </summary>
    internal sealed class BenchEndpoint : IAsyncDisposable
    {
        public const string Bucket = "bench-batch";

        private BenchEndpoint(EndpointServer server) => Server = server;

        public EndpointServer Server { get; }

        public int JobCount => Server.JsonServices.OfType<TextractService>().Single().JobCount;

        public static async Task<BenchEndpoint> StartAsync(BenchSettings settings)
        {
            var options = new EndpointOptions { MaxConcurrentJobs = settings.ConcurrentJobs };
            options.SeedBuckets.Add(Bucket);
            var start = new FaultRule
            {
                Tps = settings.ScaledRate(settings.StartTps),
                Burst = Math.Max(1, settings.StartTps), // one real second of burst, not one scaled second (100x more)
                JobMinMs = (int)settings.Scaled(settings.JobMinSec).TotalMilliseconds,
                JobMaxMs = (int)settings.Scaled(settings.JobMaxSec).TotalMilliseconds,
            };
            options.Faults = new FaultPlan(new Dictionary<string, FaultRule>
            {
                ["Textract.Start*"] = start,
                ["Textract.Get*"] = new FaultRule { Tps = settings.ScaledRate(settings.GetTps), Burst = Math.Max(1, settings.GetTps) },
            }, settings.Seed);
            return new BenchEndpoint(await EndpointServer.StartAsync(options));
        }

        /// <summary>Puts <paramref name="count"/> one-page PDFs under <paramref name="prefix"/>; returns each key with the text it holds.</summary>
        public IReadOnlyList<(string Key, string Text)> AddDocuments(string prefix, int count)
        {
            var documents = new List<(string, string)>();
            for (var i = 1; i <= count; i++)
            {
                var text = $"Benchmark document {i} of {count}";
                var key = $"{prefix}/doc-{i:0000}.pdf";
                Server.Storage.PutObject(Bucket, key, Pdf(text));
                documents.Add((key, text));
            }
            return documents;
        }

        private static byte[] Pdf(string text)
        {
            var builder = new PdfDocumentBuilder();
            var font = builder.AddStandard14Font(Standard14Font.Helvetica);
            builder.AddPage(PageSize.A4).AddText(text, 12, new PdfPoint(50, 700), font);
            return builder.Build();
        }

        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }
}
