using PublicApiGenerator;

namespace RunArtifacts.NUnit.Tests.Api;

/// <summary>The package's public surface against the committed approved file: every API change shows up in review.</summary>
public class PublicApiTests
{
    [Test]
    public void RunArtifactsNUnit_PublicApi_MatchesApproved()
    {
        var api = typeof(RecordRunAttribute).Assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute", "System.Runtime.CompilerServices.InternalsVisibleToAttribute"] });
        var approved = Path.Combine(TestContext.CurrentContext.TestDirectory, "Api", "RunArtifacts.NUnit.approved.txt");
        var received = Path.Combine(Specs.ChildDotnetTest.RepoRoot, "tests", "RunArtifacts.NUnit.Tests", "Api", "RunArtifacts.NUnit.received.txt");
        api = api.ReplaceLineEndings("\n");
        if (File.Exists(approved) && File.ReadAllText(approved).ReplaceLineEndings("\n") == api)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, api);
        Assert.Fail($"The public API changed; see {received} (rename it to RunArtifacts.NUnit.approved.txt to approve).");
    }
}
