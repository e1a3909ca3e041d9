// netstandard2.0 lacks the attribute C# needs for init-only setters and records; the compiler only needs the name.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}
