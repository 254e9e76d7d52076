
namespace RunArtifacts.Tests.Api;

/// <summary>Publishes tests/RunArtifacts.AotSmoke with native AOT (trim and AOT warnings are errors) and runs the binary.</summary>
[NonParallelizable]
[Category("Slow")]
public class PublishAotTests
{
    [Test]
    [CancelAfter(900_000)]
    public async Task AotSmoke_PublishedNatively_CommitsAndReadsRuns(CancellationToken cancellationToken)
    {
        using var temp = new TempRoot();
        var project = Path.Combine(Repo.Root, "tests", "RunArtifacts.AotSmoke", "RunArtifacts.AotSmoke.csproj");
        var publishDir = temp.Combine("publish");

        var (code, output) = await RunAsync("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "-o", publishDir, "-p:TreatWarningsAsErrors=true", "-nologo", "-v", "q"], cancellationToken);
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Not.Contain("warning IL"), "no trim or AOT warnings");

        var root = temp.Combine("root");
        var (runCode, runOutput) = await RunAsync(Path.Combine(publishDir, "RunArtifacts.AotSmoke"), [root], cancellationToken);
        Assert.That(runCode, Is.Zero, runOutput);
        Assert.That(runOutput, Does.StartWith("ok "));
        Assert.That(BundleAssert.RunFolders(root), Has.Count.EqualTo(2));
        foreach (var folder in BundleAssert.RunFolders(root))
        {
            BundleAssert.IsWhole(folder);
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] args, CancellationToken cancellationToken)
    {
        var result = await ChildProcess.RunAsync(file, args, cancellationToken, TimeSpan.FromMinutes(15));
        return (result.ExitCode, result.Out + result.Error);
    }
}
