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
using TextractTools.LocalEndpoint.Policy;
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
        private readonly ConcurrentDictionary<string, IQueryService> _queryServices = new(StringComparer.Ordinal);
        private WebApplication? _app;
        private int _stopped;

        private EndpointServer(EndpointOptions options)
        {
            Options = options;
            Storage = new ObjectStore();
            Keys = new KeyStore(options.Region, options.AccountId);
            Queues = new Sqs.QueueStore(options.Region, options.AccountId, () => BaseUri);
            Topics = new Sns.TopicStore(options.Region, options.AccountId);
            Notifications = new Sns.NotificationPublisher(Topics, Queues, () => BaseUri);
            Faults = new Faults.FaultInjector(options.Faults);
        }

        /// <summary>The fault layer (FAULTS.md): replace its plan at any time, read its per-operation call statistics.</summary>
        public Faults.FaultInjector Faults { get; }

        public EndpointOptions Options { get; }

        /// <summary>The S3 objects, shared by every service of this endpoint.</summary>
        public ObjectStore Storage { get; }

        /// <summary>The KMS keys, shared by every service of this endpoint.</summary>
        public KeyStore Keys { get; }

        /// <summary>The SQS queues, served by SQS and delivered to by SNS.</summary>
        public Sqs.QueueStore Queues { get; }

        /// <summary>The SNS topics, served by SNS and published to by Textract's NotificationChannel.</summary>
        public Sns.TopicStore Topics { get; }

        /// <summary>Delivers what is published to a topic to its subscribed queues.</summary>
        public Sns.NotificationPublisher Notifications { get; }

        /// <summary>The permission checks of the policy file (<see cref="Authorizer.AllowAll"/> without one).</summary>
        public Authorizer Authorizer { get; private set; } = Authorizer.AllowAll;

        /// <summary>The port actually bound (the free port picked when <see cref="EndpointOptions.Port"/> was 0).</summary>
        public int Port { get; private set; }

        /// <summary>http://127.0.0.1:PORT/ - the ServiceURL for SDK clients (path-style S3).</summary>
        public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

        /// <summary>The JSON 1.1 services by X-Amz-Target prefix.</summary>
        public IReadOnlyCollection<IJsonService> JsonServices => _jsonServices.Values.ToList();

        public static async Task<EndpointServer> StartAsync(EndpointOptions options, CancellationToken ct = default)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            var policy = LoadPolicy(options);
            var server = new EndpointServer(options);
            if (policy is not null) server.Authorizer = new Authorizer(policy, server.Keys);
            server.Seed();
            foreach (var service in ServiceRegistry.CreateJsonServices(server)) server.AddJsonService(service);
            foreach (var service in ServiceRegistry.CreateQueryServices(server)) server._queryServices[service.SigningName] = service;
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

        /// <summary>
        /// Reads the policy file before anything listens, so that a bad file stops the start with a message naming the
        /// file and the problem. Its principals' credentials join the accepted ones; its AccountId becomes the account
        /// of every ARN (the keys are created after this).
        /// </summary>
        private static PolicyFile? LoadPolicy(EndpointOptions options)
        {
            if (options.PolicyFile is null) return null;
            var policy = PolicyFile.Load(options.PolicyFile);
            if (policy.AccountId is not null) options.AccountId = policy.AccountId;
            foreach (var principal in policy.Principals.Values)
            {
                // The same pair again is fine (options reused for a second start); another secret would make one of
                // the two callers unable to sign, and an administrator's key id would lose its administrator rights.
                if (options.Credentials.TryGetValue(principal.AccessKeyId, out var secret) && secret != principal.SecretKey)
                {
                    throw new PolicyFileException($"Policy file '{options.PolicyFile}': Principals.{principal.AccessKeyId} uses the access key id " +
                        "of the endpoint's own credentials (--access-key); give the principal an access key id of its own.");
                }
                options.Credentials[principal.AccessKeyId] = principal.SecretKey;
            }
            return policy;
        }

        /// <summary>Creates the buckets and aliased keys the options ask for, before anyone can call.</summary>
        private void Seed()
        {
            foreach (var bucket in Options.SeedBuckets) Storage.CreateBucket(bucket);
            foreach (var alias in Options.SeedKeyAliases)
            {
                var name = alias.StartsWith("alias/", StringComparison.Ordinal) ? alias : "alias/" + alias;
                if (Keys.TryResolve(name, out _)) continue;
                var key = Keys.CreateKey("Created at start for " + name, SeededKeyId(Options, name));
                Keys.CreateAlias(name, key.KeyId);
            }
            SeedQueuesAndTopics();
        }

        /// <summary>--create-queue and --create-topic; a topic and a queue of the same name are subscribed together.</summary>
        private void SeedQueuesAndTopics()
        {
            try
            {
                foreach (var queue in Options.SeedQueues) Queues.CreateQueue(queue);
                foreach (var topic in Options.SeedTopics)
                {
                    var topicArn = Topics.CreateTopic(topic);
                    if (Options.SeedQueues.Contains(topic)) Topics.SubscribeQueue(topicArn, Queues.ArnOf(topic));
                }
            }
            catch (Exception e) when (e is Sqs.SqsError or Sns.SnsError)
            {
                throw new InvalidOperationException("A queue or topic to create at start is invalid: " + e.Message, e);
            }
        }

        /// <summary>
        /// The ARN of the key --create-key ALIAS makes: its id is derived from account, region and alias, so that a
        /// policy file written before the endpoint starts can name the key by ARN, as real policies do.
        /// </summary>
        public static string SeededKeyArn(EndpointOptions options, string alias)
        {
            var name = alias.StartsWith("alias/", StringComparison.Ordinal) ? alias : "alias/" + alias;
            return $"arn:aws:kms:{options.Region}:{options.AccountId}:key/{SeededKeyId(options, name)}";
        }

        private static string SeededKeyId(EndpointOptions options, string aliasName)
        {
            var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{options.AccountId}/{options.Region}/{aliasName}"));
            return new Guid(hash.AsSpan(0, 16)).ToString();
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
            // Long polls would otherwise hold the shutdown for up to 20 s each; they answer "no messages" now.
            Queues.Close();
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
                new S3Service(Storage, Keys, Options, Authorizer),
                prefix => _jsonServices.TryGetValue(prefix, out var service) ? service : null,
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TextractTools.LocalEndpoint"),
                name => _queryServices.TryGetValue(name, out var queryService) ? queryService : null,
                Faults);
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
