using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;

namespace TextractTools.Loading
{
    /// <summary>
    /// Finds TextractTools.Engine when the runtime asks for it. This assembly (the cmdlets) is the module's root and
    /// lives in PowerShell's default load context; the engine and its AWSSDK assemblies are kept in folders the
    /// runtime does not probe:
    /// <list type="bullet">
    /// <item>PowerShell 7: bin/core, loaded into a load context of their own by TextractTools.Loader, so the module
    /// works in a session where AWS.Tools (or anything else) already loaded another AWSSDK.Core, and the other way
    /// round.</item>
    /// <item>Windows PowerShell 5.1: bin/desktop, loaded from that folder (no load contexts there).</item>
    /// </list>
    /// Only the engine is answered here: this assembly must never name an AWSSDK type itself, or the runtime would bind
    /// it to whichever AWSSDK.Core the default context holds.
    /// </summary>
    internal static class EngineResolver
    {
        private const string EngineName = "TextractTools.Engine";
        private const string LoaderName = "TextractTools.Loader";

        private static readonly object Gate = new object();
        private static int _registered;
        private static Assembly? _engine;

        /// <summary>Hooks assembly resolution once per process (re-imports call this again).</summary>
        public static void Register()
        {
            if (Interlocked.Exchange(ref _registered, 1) == 0)
                AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
        }

        private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
        {
            if (!string.Equals(new AssemblyName(args.Name).Name, EngineName, StringComparison.OrdinalIgnoreCase)) return null;
            lock (Gate)
            {
                return _engine ??= LoadEngine(ModuleFolder());
            }
        }

        private static string ModuleFolder() =>
            Path.GetDirectoryName(typeof(EngineResolver).Assembly.Location)
            ?? throw new InvalidOperationException("TextractTools.dll was loaded without a file location; import the module from its folder.");

        private static bool IsNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        private static Assembly LoadEngine(string moduleFolder)
        {
            if (IsNetFramework)
            {
                // LoadFrom: the engine's own references (AWSSDK.*) are then found beside it in bin/desktop.
                return Assembly.LoadFrom(Path.Combine(moduleFolder, "bin", "desktop", EngineName + ".dll"));
            }
            var folder = Path.Combine(moduleFolder, "bin", "core");
            var loader = LoadLoader(Path.Combine(folder, LoaderName + ".dll"));
            var load = loader.GetType("TextractTools.Loader.ModuleLoader", throwOnError: true)!
                .GetMethod("Load", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(string) }, null)
                ?? throw new MissingMethodException("TextractTools.Loader.ModuleLoader", "Load");
            return (Assembly)load.Invoke(null, new object[] { folder, EngineName })!;
        }

        private static Assembly LoadLoader(string path)
        {
            // One loader per process: when another copy of the module loaded it from its own folder, the runtime
            // refuses a second one of the same name, and the one already loaded serves (its entry point is stable).
            try { return Assembly.LoadFrom(path); }
            catch (FileLoadException)
            {
                foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
                    if (string.Equals(assembly.GetName().Name, LoaderName, StringComparison.Ordinal)) return assembly;
                throw;
            }
        }
    }
}
