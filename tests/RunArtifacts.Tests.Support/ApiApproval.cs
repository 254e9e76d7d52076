using System.Reflection;
using System.Runtime.CompilerServices;
using PublicApiGenerator;

namespace RunArtifacts.Testing;

/// <summary>
/// Public API approval for every shipped package, one format and one convention: PublicApiGenerator's C#-like listing
/// (nullability, <c>params</c>, attributes, <c>InternalsVisibleTo</c>) compared with <c>ASSEMBLY.approved.txt</c> next to
/// the calling test file. On a difference it writes <c>ASSEMBLY.received.txt</c> beside it and fails; accept a change by
/// copying received over approved, or by running the test with <c>RUNARTIFACTS_ACCEPT_API=1</c>.
/// </summary>
public static class ApiApproval
{
    /// <summary>The public API of <paramref name="assembly"/>, as approved files show it.</summary>
    public static string Generate(Assembly assembly)
        => assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            // The build stamps these; they are not API.
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],
        }).ReplaceLineEndings("\n");

    /// <summary>Fails when the public API of <paramref name="assembly"/> differs from its approved file.</summary>
    public static void Verify(Assembly assembly, [CallerFilePath] string callerFile = "")
    {
        // Deterministic CI builds map source paths to "/_/" (PathMap); map them back onto this checkout.
        if (callerFile.StartsWith("/_/", StringComparison.Ordinal))
        {
            callerFile = Path.Combine(Repo.Root, callerFile[3..]);
        }

        var name = assembly.GetName().Name!;
        var dir = Path.GetDirectoryName(callerFile)!;
        var approved = Path.Combine(dir, name + ".approved.txt");
        var received = Path.Combine(dir, name + ".received.txt");
        var actual = Generate(assembly);
        if (Environment.GetEnvironmentVariable("RUNARTIFACTS_ACCEPT_API") == "1")
        {
            File.WriteAllText(approved, actual);
        }

        if (File.Exists(approved) && File.ReadAllText(approved).ReplaceLineEndings("\n") == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(File.Exists(approved)
            ? $"The public API of {name} changed; review {received} and copy it over {approved} (or run with RUNARTIFACTS_ACCEPT_API=1)."
            : $"No approved public API for {name}; wrote {received} (rename it to {name}.approved.txt to accept).");
    }
}
