using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;

namespace TextractTools.Commands
{
    /// <summary>Resolves -Path (wildcards) and -LiteralPath to existing files, reporting each that is not one.</summary>
    internal static class LocalFiles
    {
        public static IEnumerable<string> Resolve(PSCmdlet cmdlet, IEnumerable<string> paths, bool literal)
        {
            foreach (var path in paths)
            {
                var resolved = new List<string>();
                try
                {
                    if (literal)
                        resolved.Add(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
                    else
                        resolved.AddRange(cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out _));
                }
                catch (ItemNotFoundException e)
                {
                    cmdlet.WriteError(ErrorRecords.Make(e, "DocumentNotFound", ErrorCategory.ObjectNotFound, path, "Check the path of the local document."));
                    continue;
                }
                foreach (var file in resolved)
                {
                    if (File.Exists(file))
                    {
                        yield return file;
                        continue;
                    }
                    var error = Directory.Exists(file)
                        ? new ArgumentException($"'{file}' is a folder; give documents (for example {System.IO.Path.Combine(file, "*.pdf")}).")
                        : (Exception)new FileNotFoundException($"The document '{file}' does not exist.", file);
                    cmdlet.WriteError(ErrorRecords.Make(error, "DocumentNotFound", ErrorCategory.ObjectNotFound, file, "Check the path of the local document."));
                }
            }
        }
    }
}
