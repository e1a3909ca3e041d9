using System.Runtime.CompilerServices;

namespace TextractTools.Engine.Document.Parsing
{
    /// <summary>Options for the few methods every block of the output goes through.</summary>
    internal static class Hot
    {
        /// <summary>
        /// MethodImplOptions.AggressiveOptimization, which netstandard2.0 does not name (the runtimes we run on know
        /// it). A method marked so is compiled fully optimised at once instead of first unoptimised and again later:
        /// the parser's loops run hundreds of thousands of times within the first second, where tiering costs ~0.3 s.
        /// </summary>
        public const MethodImplOptions AggressiveOptimization = (MethodImplOptions)512;
    }
}
