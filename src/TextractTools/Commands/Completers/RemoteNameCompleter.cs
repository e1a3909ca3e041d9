using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Completion;
using TextractTools.Engine.Session;

namespace TextractTools.Commands.Completers
{
    /// <summary>
    /// Completes names that live on the endpoint in use (buckets, key aliases). The prompt never waits more than
    /// <see cref="MaxWait"/>: what is not there by then comes from the cache (maybe stale) or not at all, while the
    /// fetch finishes in the background for the next Tab. Lists are cached per endpoint and identity for
    /// <see cref="TimeToLive"/>. A completer must never throw: any failure completes nothing.
    /// Completers are internal: PowerShell creates them through their public constructor, and keeping them out of
    /// the exported types keeps them out of the cmdlet scan at import.
    /// </summary>
    internal abstract class RemoteNameCompleter : IArgumentCompleter
    {
        internal static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);
        internal static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(3);

        /// <summary>How long a background fetch may take before it is abandoned (its SDK call cancelled).</summary>
        private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

        /// <summary>One cache for all completers: the kind of list is part of the key.</summary>
        internal static readonly TimeBoundCache Cache = new TimeBoundCache(TimeToLive, TimeSpan.FromSeconds(20));

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var word = Unquote(wordToComplete ?? "");
                var connection = CompletionConnection.From(commandName ?? "", fakeBoundParameters);
                var names = Cache.Get(ListName + "|" + connection.CacheKey, () => FetchAsync(connection.Settings), MaxWait);
                return Complete(word, names).ToList();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        /// <summary>Names the cached list: "buckets" or "kms-aliases".</summary>
        internal abstract string ListName { get; }

        internal abstract Task<IReadOnlyList<string>> ListAsync(AwsSession session, CancellationToken cancellationToken);

        /// <summary>The completions for the word typed so far from the names known.</summary>
        internal abstract IEnumerable<CompletionResult> Complete(string word, IReadOnlyList<string> names);

        private async Task<IReadOnlyList<string>> FetchAsync(AwsConnectionSettings settings)
        {
            using (var timeout = new CancellationTokenSource(FetchTimeout))
            using (var session = AwsSession.Resolve(settings))
            {
                return await ListAsync(session, timeout.Token).ConfigureAwait(false);
            }
        }

        private static string Unquote(string word)
            => word.Trim().Trim('\'', '"');
    }
}
