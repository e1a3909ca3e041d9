using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace TextractTools.Commands.Completers
{
    /// <summary>Completes -JobId with the ids of the jobs started in this session, newest first.</summary>
    internal sealed class JobIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var word = (wordToComplete ?? "").Trim().Trim('\'', '"');
                return SessionJobHistory.All()
                    .Where(j => j.JobId.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                    .Select(j => new CompletionResult(j.JobId, j.JobId, CompletionResultType.ParameterValue,
                        string.Format(CultureInfo.InvariantCulture, "{0} of {1}: {2}{3}", j.Kind, j.Document, j.Status,
                            j.StartedAt is null ? "" : ", started " + j.StartedAt.Value.ToLocalTime().ToString("g", CultureInfo.CurrentCulture))))
                    .ToList();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }
    }
}
