namespace RunArtifacts.Cli.Tests;

/// <summary>The tool ships as a .NET tool with no public API: the approved listing holds only its assembly attributes.</summary>
public class PublicApiTests
{
    [Test]
    public void Tool_PublicApi_MatchesApproved()
    {
        var assembly = typeof(ArtifactsCli).Assembly;

        Assert.That(assembly.GetExportedTypes(), Is.Empty, "the tool exports no types");
        ApiApproval.Verify(assembly);
    }
}
