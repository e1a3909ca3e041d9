using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace TextractTools.Loader
{
    /// <summary>
    /// Entry point called (through reflection) by TextractTools.dll the first time it needs the engine. Only one copy
    /// of this assembly can live in the default context per process, so this signature must stay the same across
    /// versions.
    /// </summary>
    public static class ModuleLoader
    {
        private static readonly object Gate = new object();
        private static readonly Dictionary<string, ModuleLoadContext> Contexts = new Dictionary<string, ModuleLoadContext>(StringComparer.Ordinal);

        /// <summary>Loads the assembly named <paramref name="assemblyName"/> from <paramref name="folder"/> into that folder's load context.</summary>
        public static Assembly Load(string folder, string assemblyName)
        {
            lock (Gate)
            {
                var full = Path.GetFullPath(folder);
                // One context per folder: re-imports reuse it (its assemblies cannot be loaded twice anyway), and two
                // copies of the module keep their AWSSDK apart.
                if (!Contexts.TryGetValue(full, out var context))
                {
                    context = new ModuleLoadContext(full);
                    Contexts.Add(full, context);
                }
                return context.LoadFromAssemblyName(new AssemblyName(assemblyName));
            }
        }
    }
}
