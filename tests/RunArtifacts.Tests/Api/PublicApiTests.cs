using System.Reflection;
using System.Text;
using RunArtifacts.Storage;

namespace RunArtifacts.Tests.Api;

/// <summary>The public surface, sorted, against the committed *.approved.txt: every API change shows up in review.</summary>
public class PublicApiTests
{
    [Test]
    public void RunArtifacts_PublicApi_MatchesApproved()
        => Snapshot.Match("RunArtifacts.approved", Dump(typeof(RunArtifactStore).Assembly));

    internal static string Dump(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            var kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : type.IsSealed ? "sealed class" : "class";
            var bases = new[] { type.BaseType }.Where(b => b is not null && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum)).Select(b => Name(b!))
                .Concat(type.GetInterfaces().Where(i => i.IsPublic).Select(Name)).Order(StringComparer.Ordinal).ToList();
            lines.Add($"{kind} {Name(type)}{(bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty)}");
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(flags))
            {
                var text = member switch
                {
                    ConstructorInfo c => $"  ctor({Params(c)})",
                    MethodInfo m when !m.IsSpecialName && !IsCompilerGenerated(m) => $"  {(m.IsStatic ? "static " : string.Empty)}{Name(m.ReturnType)} {m.Name}{Generic(m)}({Params(m)})",
                    PropertyInfo p => $"  {(p.GetMethod?.IsStatic == true ? "static " : string.Empty)}{Name(p.PropertyType)} {p.Name} {{ {(p.GetMethod?.IsPublic == true ? "get; " : string.Empty)}{(p.SetMethod?.IsPublic == true ? (IsInit(p.SetMethod) ? "init; " : "set; ") : string.Empty)}}}",
                    FieldInfo f when type.IsEnum && f.IsStatic => $"  {f.Name} = {Convert.ToInt64(f.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}",
                    FieldInfo f when !type.IsEnum => $"  {(f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty)}{Name(f.FieldType)} {f.Name}",
                    EventInfo e => $"  event {Name(e.EventHandlerType!)} {e.Name}",
                    _ => null,
                };
                if (text is not null)
                {
                    lines.Add($"{Name(type)}:{text}");
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return new StringBuilder().AppendJoin('\n', lines).Append('\n').ToString();
    }

    private static bool IsCompilerGenerated(MethodInfo m)
        => m.Name is "<Clone>$" or "PrintMembers" || m.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is not null && m.Name is "Equals" or "GetHashCode" or "ToString" or "Deconstruct";

    private static bool IsInit(MethodInfo setter)
        => setter.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static string Generic(MethodInfo m) => m.IsGenericMethod ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;

    private static string Params(MethodBase m) => string.Join(", ", m.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : string.Empty)}"));

    private static string Name(Type t)
    {
        if (t.IsGenericParameter)
        {
            return t.Name;
        }

        if (t.IsByRef)
        {
            return "ref " + Name(t.GetElementType()!);
        }

        if (t.IsArray)
        {
            return Name(t.GetElementType()!) + "[]";
        }

        if (Nullable.GetUnderlyingType(t) is { } u)
        {
            return Name(u) + "?";
        }

        var name = t.IsNested ? Name(t.DeclaringType!) + "." + t.Name : (t.Namespace is null ? t.Name : t.Namespace + "." + t.Name);
        if (t.IsGenericType)
        {
            name = name[..name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", t.GetGenericArguments().Select(Name)) + ">";
        }

        return name;
    }
}
