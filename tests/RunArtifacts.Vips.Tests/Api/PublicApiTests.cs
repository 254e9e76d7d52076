using PublicApiGenerator;

namespace RunArtifacts.Vips.Tests.Api;

/// <summary>The package's public surface (PublicApiGenerator) against the committed approved file: every API change shows up in review.</summary>
public class PublicApiTests
{
    [Test]
    public void RunArtifactsVips_PublicApi_MatchesApproved()
    {
        var api = typeof(VipsOptions).Assembly.GeneratePublicApi(new ApiGeneratorOptions { AllowNamespacePrefixes = ["Microsoft.Extensions.DependencyInjection"], ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute", "System.Runtime.CompilerServices.InternalsVisibleToAttribute"] }).ReplaceLineEndings("\n");
        var folder = Path.Combine(Repo.Root, "tests", "RunArtifacts.Vips.Tests", "Api");
        var approved = Path.Combine(folder, "RunArtifacts.Vips.approved.txt");
        var received = Path.Combine(folder, "RunArtifacts.Vips.received.txt");
        if (File.Exists(approved) && File.ReadAllText(approved).ReplaceLineEndings("\n") == api)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, api);
        Assert.Fail($"The public API changed; see {received} (rename it to RunArtifacts.Vips.approved.txt to approve).");
    }
}
