using System.IO;
using System.Reflection;

namespace TextractTools.Loader
{
    /// <summary>
    /// Entry point called by TextractTools.psm1. Only one copy of this assembly can live in the default context per
    /// process, so this signature must stay the same across versions.
    /// </summary>
    public static class ModuleLoader
    {
        private static readonly object Gate = new object();
        private static ModuleLoadContext? _context;
        private static string? _folder;

        /// <summary>Loads TextractTools.dll from <paramref name="folder"/> into the module's own load context.</summary>
        public static Assembly LoadModuleAssembly(string folder)
        {
            lock (Gate)
            {
                var full = Path.GetFullPath(folder);
                // Re-import of the same module reuses the context: its assemblies cannot be loaded twice anyway.
                if (_context is null || _folder != full)
                {
                    _context = new ModuleLoadContext(full);
                    _folder = full;
                }
                return _context.LoadFromAssemblyName(new AssemblyName("TextractTools"));
            }
        }
    }
}
