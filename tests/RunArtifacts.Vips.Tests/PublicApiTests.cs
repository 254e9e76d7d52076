using System.Reflection;

namespace RunArtifacts.Vips.Tests;

/// <summary>The package's public surface, sorted, compared with the committed <c>PublicApi.approved.txt</c>.</summary>
public class PublicApiTests
{
    [Test]
    public void PublicApi_MatchesApproved()
    {
        var lines = new List<string>();
        foreach (var type in typeof(VipsOptions).Assembly.GetExportedTypes())
        {
            lines.Add($"type {type.FullName}");
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var m in type.GetMembers(flags))
            {
                var text = m switch
                {
                    ConstructorInfo c => $"ctor({Params(c)})",
                    MethodInfo mi when mi.IsSpecialName => null,
                    MethodInfo mi => $"{(mi.IsStatic ? "static " : string.Empty)}{Name(mi.ReturnType)} {mi.Name}({Params(mi)})",
                    PropertyInfo p => $"{Name(p.PropertyType)} {p.Name} {{ {(p.GetMethod?.IsPublic == true ? "get; " : string.Empty)}{(p.SetMethod?.IsPublic == true ? "set; " : string.Empty)}}}",
                    FieldInfo f => $"{(f.IsLiteral ? "const " : string.Empty)}{Name(f.FieldType)} {f.Name}",
                    _ => $"{m.MemberType} {m.Name}",
                };
                if (text is not null)
                {
                    lines.Add($"  {type.FullName}: {text}");
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        var received = string.Join('\n', lines) + "\n";
        var dir = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..");
        var approvedPath = Path.Combine(dir, "PublicApi.approved.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).Replace("\r\n", "\n", StringComparison.Ordinal) : string.Empty;
        if (approved != received)
        {
            File.WriteAllText(Path.Combine(dir, "PublicApi.received.txt"), received);
        }

        Assert.That(received, Is.EqualTo(approved), "public API changed: review PublicApi.received.txt and copy it over PublicApi.approved.txt");
    }

    private static string Params(MethodBase m) => string.Join(", ", m.GetParameters().Select(p => Name(p.ParameterType)));

    private static string Name(Type t)
    {
        if (Nullable.GetUnderlyingType(t) is { } u)
        {
            return Name(u) + "?";
        }

        if (!t.IsGenericType)
        {
            return t.Name;
        }

        var name = t.Name[..t.Name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(", ", t.GetGenericArguments().Select(Name))}>";
    }
}
