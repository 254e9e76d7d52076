using RunArtifacts.Storage;

namespace RunArtifacts.Tests.Api;

/// <summary>The public surface against the committed <c>RunArtifacts.approved.txt</c>: every API change shows up in review.</summary>
public class PublicApiTests
{
    [Test]
    public void RunArtifacts_PublicApi_MatchesApproved()
        => ApiApproval.Verify(typeof(RunArtifactStore).Assembly);
}
