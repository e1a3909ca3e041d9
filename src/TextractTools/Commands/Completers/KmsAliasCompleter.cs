using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Completion;
using TextractTools.Engine.Session;

namespace TextractTools.Commands.Completers
{
    /// <summary>
    /// Completes KMS key parameters (-KmsKeyId, -ExpectedKmsKeyId) with the key aliases of the endpoint in use;
    /// "tex" finds alias/textract as well as "alias/tex" does.
    /// </summary>
    internal sealed class KmsAliasCompleter : RemoteNameCompleter
    {
        private const string AliasPrefix = "alias/";

        internal override string ListName => "kms-aliases";

        internal override Task<IReadOnlyList<string>> ListAsync(AwsSession session, CancellationToken cancellationToken)
            => ResourceNameLister.ListKmsAliasesAsync(session, cancellationToken);

        internal override IEnumerable<CompletionResult> Complete(string word, IReadOnlyList<string> names)
            => names
                .Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                            || n.StartsWith(AliasPrefix + word, StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, "KMS key " + n));
    }
}
