using System.Management.Automation;

namespace TextractTools.Loading
{
    /// <summary>
    /// PowerShell calls this when it imports the module. It only teaches the process where the engine lives; loading
    /// the engine, its AWS SDK and the load context waits for the first command that needs them, so Import-Module stays
    /// cheap (bench/import).
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        /// <inheritdoc />
        public void OnImport() => EngineResolver.Register();
    }
}
