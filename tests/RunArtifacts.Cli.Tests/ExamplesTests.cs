using System.Text.Json.Nodes;

namespace RunArtifacts.Cli.Tests;

/// <summary>
/// The examples in <c>examples/python</c> and <c>examples/node</c> run against the tool built with these tests (passed
/// by the <c>ARTIFACTS</c> environment variable), as a Python or Node caller would run them.
/// </summary>
[Category("Slow")]
public class ExamplesTests
{
    [TestCase("python3", "examples/python/commit_runs.py")]
    [TestCase("node", "examples/node/commit_runs.mjs")]
    public void Example_CommitsListsAndShows_ASucceededAndAFailedRun(string interpreter, string script)
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var artifacts = $"dotnet {Path.Combine(TestContext.CurrentContext.TestDirectory, "artifacts.dll")}";

        var result = ChildProcess.RunAsync(interpreter, [Path.Combine(Repo.Root, script), root], timeout: TimeSpan.FromMinutes(4), environment: new Dictionary<string, string?> { ["ARTIFACTS"] = artifacts })
            .GetAwaiter().GetResult();

        Assert.That(result.ExitCode, Is.EqualTo(0), $"{script}: {result}");
        var stdout = result.Out;
        var summary = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!;
        Assert.That((int?)summary["listed"], Is.EqualTo(2));
        Assert.That(Directory.GetDirectories(root, "*", SearchOption.AllDirectories).Select(Path.GetFileName), Does.Contain((string?)summary["failed"]));
    }
}
