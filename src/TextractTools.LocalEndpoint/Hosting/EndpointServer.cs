using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using TextractTools.LocalEndpoint.Hosting.SigV4;
using TextractTools.LocalEndpoint.Kms;
using TextractTools.LocalEndpoint.S3;
using TextractTools.LocalEndpoint.Storage;

namespace TextractTools.LocalEndpoint.Hosting
{
    /// <summary>
    /// The local endpoint: one Kestrel listener on 127.0.0.1 serving S3 and the JSON 1.1 services (KMS, Textract,
    /// ...) over their real wire protocols, with SigV4 verification. Start one per test class or per demo.
    /// </summary>
    public sealed class EndpointServer : IAsyncDisposable
    {
        private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

        private readonly ConcurrentDictionary<string, IJsonService> _jsonServices = new(StringComparer.Ordinal);
        private WebApplication? _app;
        private int _stopped;

        private EndpointServer(EndpointOptions options)
        {
            Options = options;
            Storage = new ObjectStore();
            Keys = new KeyStore(options.Region, options.AccountId);
        }

        public EndpointOptions Options { get; }

        /// <summary>The S3 objects, shared by every service of this endpoint.</summary>
        public ObjectStore Storage { get; }

        /// <summary>The KMS keys, shared by every service of this endpoint.</summary>
        public KeyStore Keys { get; }

        /// <summary>The port actually bound (the free port picked when <see cref="EndpointOptions.Port"/> was 0).</summary>
        public int Port { get; private set; }

        /// <summary>http://127.0.0.1:PORT/ - the ServiceURL for SDK clients (path-style S3).</summary>
        public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

        /// <summary>The JSON 1.1 services by X-Amz-Target prefix.</summary>
        public IReadOnlyCollection<IJsonService> JsonServices => _jsonServices.Values.ToList();

        public static async Task<EndpointServer> StartAsync(EndpointOptions options, CancellationToken ct = default)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            var server = new EndpointServer(options);
            server.Seed();
            foreach (var service in ServiceRegistry.CreateJsonServices(server)) server.AddJsonService(service);
            try
            {
                await server.ListenAsync(ct).ConfigureAwait(false);
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
            return server;
        }

        /// <summary>Creates the buckets and aliased keys the options ask for, before anyone can call.</summary>
        private void Seed()
        {
            foreach (var bucket in Options.SeedBuckets) Storage.CreateBucket(bucket);
            foreach (var alias in Options.SeedKeyAliases)
            {
                var name = alias.StartsWith("alias/", StringComparison.Ordinal) ? alias : "alias/" + alias;
                if (Keys.TryResolve(name, out _)) continue;
                var key = Keys.CreateKey("Created at start for " + name);
                Keys.CreateAlias(name, key.KeyId);
            }
        }

        /// <summary>Adds (or replaces) the JSON service answering its <see cref="IJsonService.TargetPrefix"/>; allowed at any time.</summary>
        public void AddJsonService(IJsonService service)
        {
            if (service is null) throw new ArgumentNullException(nameof(service));
            _jsonServices[service.TargetPrefix] = service;
        }

        public async Task StopAsync()
        {
            if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
            if (_app is not null)
            {
                using var timeout = new CancellationTokenSource(StopTimeout);
                try { await _app.StopAsync(timeout.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { /* connections still open after the grace period are cut */ }
                await _app.DisposeAsync().ConfigureAwait(false);
            }
            foreach (var service in _jsonServices.Values)
            {
                if (service is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                else if (service is IDisposable disposable) disposable.Dispose();
            }
        }

        public ValueTask DisposeAsync() => new(StopAsync());

        private async Task ListenAsync(CancellationToken ct)
        {
            // The empty builder reads no configuration files or environment, so nothing outside the options
            // (ASPNETCORE_URLS, appsettings.json) can move the listener, and no file watchers are created.
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(EndpointServer).Assembly.GetName().Name });
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = null; // S3 objects may be large; bodies are buffered in memory anyway
                kestrel.Listen(IPAddress.Loopback, Options.Port);
            });
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // Logs go to stderr: stdout of the executable carries only its machine-readable "Listening on" line.
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            // The host must not take over Ctrl+C/SIGTERM: the command line (or the test) decides when to stop.
            builder.Services.AddSingleton<IHostLifetime, ManualLifetime>();

            var app = builder.Build();
            var router = new RequestRouter(
                new SigV4Verifier(Options.Credentials),
                new S3Service(Storage, Keys, Options),
                prefix => _jsonServices.TryGetValue(prefix, out var service) ? service : null,
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TextractTools.LocalEndpoint"));
            app.Run(router.HandleAsync);
            _app = app;

            await app.StartAsync(ct).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("Kestrel reported no listening address.");
            Port = new Uri(address).Port;
        }

        /// <summary>A host lifetime that reacts to nothing: starting and stopping are explicit calls.</summary>
        private sealed class ManualLifetime : IHostLifetime
        {
            public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }
    }
}
