using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace TextractTools.Loader
{
    /// <summary>
    /// The load context that holds TextractTools.Engine.dll and its dependencies (AWSSDK.*, System.IO.Hashing, ...)
    /// apart from PowerShell's default context, so the module works beside AWS.Tools or any other module that loaded a
    /// different AWSSDK.Core. (The cmdlet assembly, TextractTools.dll, is the module's root in the default context.) Names found in the module's folder are loaded from there; everything else (PowerShell
    /// itself, the framework) falls back to the default context.
    /// </summary>
    public sealed class ModuleLoadContext : AssemblyLoadContext
    {
        private readonly string _folder;

        public ModuleLoadContext(string folder)
            : base("TextractTools", isCollectible: false)
        {
            _folder = folder;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var name = assemblyName.Name ?? "";
            // PowerShell's own assemblies must be the ones the host loaded: a second copy would make the engine's
            // types foreign to PowerShell (and, for the cmdlet assembly, the module would export nothing).
            if (BelongsToDefaultContext(name)) return null;
            var path = Path.Combine(_folder, name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        private static bool BelongsToDefaultContext(string name) =>
            name.Equals("System.Management.Automation", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Microsoft.PowerShell.", StringComparison.OrdinalIgnoreCase)
            || name.Equals("netstandard", StringComparison.OrdinalIgnoreCase)
            || name.Equals("TextractTools.Loader", StringComparison.OrdinalIgnoreCase)
            || name.Equals("TextractTools", StringComparison.OrdinalIgnoreCase);
    }
}
