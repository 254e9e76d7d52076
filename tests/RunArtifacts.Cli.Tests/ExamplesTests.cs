using System.Diagnostics;
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
        var start = new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Repo.Root, script));
        start.ArgumentList.Add(root);
        start.Environment["ARTIFACTS"] = $"dotnet {Path.Combine(TestContext.CurrentContext.TestDirectory, "artifacts.dll")}";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{script} did not finish within 4 minutes");
        }

        Assert.That(process.ExitCode, Is.EqualTo(0), $"{script}: {stdout.Result}\n{stderr.Result}");
        var summary = JsonNode.Parse(stdout.Result.Trim().Split('\n')[^1])!;
        Assert.That((int?)summary["listed"], Is.EqualTo(2));
        Assert.That(Directory.GetDirectories(root, "*", SearchOption.AllDirectories).Select(Path.GetFileName), Does.Contain((string?)summary["failed"]));
    }
}
