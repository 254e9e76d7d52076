namespace RunArtifacts.FFmpeg.Tests;

/// <summary>The package's public surface against the committed <c>RunArtifacts.FFmpeg.approved.txt</c>.</summary>
public class PublicApiTests
{
    [Test]
    public void PublicApi_MatchesApproved()
        => ApiApproval.Verify(typeof(FFmpegOptions).Assembly);
}
