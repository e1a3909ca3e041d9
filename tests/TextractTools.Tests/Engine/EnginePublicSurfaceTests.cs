using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using TextractTools.Engine.Session;
using Xunit;

namespace TextractTools.Tests.Engine
{
    /// <summary>
    /// No Amazon.* type in the engine's public surface: the cmdlet assembly, which sees only public members, then
    /// cannot name one (on PowerShell 7 it lives beside whatever AWSSDK AWS.Tools loaded). The compiler keeps the rule
    /// once the members are internal; this test says which member broke it if one is made public again.
    /// </summary>
    public sealed class EnginePublicSurfaceTests
    {
        [Fact]
        public void No_public_member_of_the_engine_names_an_aws_sdk_type()
        {
            var offenders = new List<string>();
            foreach (var type in typeof(AwsSession).Assembly.GetExportedTypes())
            {
                if (IsAws(type.BaseType) || type.GetInterfaces().Any(IsAws)) offenders.Add(type.FullName + " derives from an AWS SDK type");
                const BindingFlags visible = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
                foreach (var member in type.GetMembers(visible).Concat(type.GetMembers(BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                             .Where(m => m is MethodBase method ? method.IsFamily || method.IsFamilyOrAssembly : false)))
                {
                    var types = TypesOf(member);
                    if (types.Any(IsAws)) offenders.Add($"{type.FullName}.{member.Name} ({string.Join(", ", types.Where(IsAws).Select(t => t.FullName))})");
                }
            }
            Assert.True(offenders.Count == 0, "Public engine members that name AWS SDK types:\n" + string.Join("\n", offenders.Distinct()));
        }

        private static IEnumerable<Type> TypesOf(MemberInfo member) => member switch
        {
            MethodInfo m => new[] { m.ReturnType }.Concat(m.GetParameters().Select(p => p.ParameterType)),
            ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
            PropertyInfo p => new[] { p.PropertyType },
            FieldInfo f => new[] { f.FieldType },
            EventInfo e => new[] { e.EventHandlerType! },
            _ => Array.Empty<Type>(),
        };

        private static bool IsAws(Type? type)
        {
            if (type is null) return false;
            if (type.IsGenericType && type.GetGenericArguments().Any(IsAws)) return true;
            if (type.HasElementType && IsAws(type.GetElementType())) return true;
            return type.Namespace != null && type.Namespace.StartsWith("Amazon", StringComparison.Ordinal);
        }
    }
}
