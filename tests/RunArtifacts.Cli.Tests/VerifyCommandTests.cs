using System.Text.Json.Nodes;

namespace RunArtifacts.Cli.Tests;

public class VerifyCommandTests
{
    [Test]
    public async Task Verify_CleanRoot_ExitsZeroWithSummary()
    {
        using var temp = new TempRoot();
        var store = Bundles.StoreWithDerivatives(temp.Combine("root"));
        await Bundles.VarietyAsync(store, temp);

        var (code, stdout, stderr) = await RunAsync("verify", "--root", store.RootPath);

        Assert.That(code, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.StartWith("verified 4 run(s): 4 passed, 0 failed"));
        Assert.That(stderr, Is.Empty);
    }

    [Test]
    public async Task Verify_BrokenRun_ExitsOneNamingRunFileAndCheck()
    {
        using var temp = new TempRoot();
        var store = Bundles.StoreWithDerivatives(temp.Combine("root"));
        var runs = await Bundles.VarietyAsync(store, temp);
        File.Delete(Path.Combine(runs[0].FullPath, "web/output_02.png"));

        var (code, stdout, stderr) = await RunAsync("verify", "--root", store.RootPath);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain($"FAIL  {runs[0].RunPath}  web/output_02.png  missing:"));
        Assert.That(stderr, Does.Contain("3 passed, 1 failed"));
    }

    [Test]
    public async Task Verify_JsonForSelectedRuns_OneLinePerRunThenSummary()
    {
        using var temp = new TempRoot();
        var store = Bundles.StoreWithDerivatives(temp.Combine("root"));
        var runs = await Bundles.VarietyAsync(store, temp);
        await File.WriteAllTextAsync(Path.Combine(runs[3].FullPath, "extra.bin"), "x");

        var (code, stdout, _) = await RunAsync("verify", "--root", store.RootPath, runs[1].RunId, runs[3].RunId, "--json");

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.That(code, Is.EqualTo(1));
        Assert.That(lines.Select(l => (string?)l["type"]), Is.EqualTo(new[] { "run", "run", "summary" }));
        Assert.That(lines.Take(2).Select(l => (string?)l["run_id"]), Is.EqualTo(new[] { runs[1].RunId, runs[3].RunId }));
        Assert.That(lines[1]["problems"]![0]!["check"]!.GetValue<string>(), Is.EqualTo("unaccounted"));
        Assert.That(lines[2]["runs_failed"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task Verify_MissingRoot_ExitsTwo()
    {
        using var temp = new TempRoot();

        var (code, _, stderr) = await RunAsync("verify", "--root", temp.Combine("nope"));

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("does not exist"));
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var result = await CliHarness.RunAsync(args);
        return (result.ExitCode, result.Out, result.Error);
    }
}
