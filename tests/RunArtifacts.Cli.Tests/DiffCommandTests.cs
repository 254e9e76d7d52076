using System.Text.Json.Nodes;

namespace RunArtifacts.Cli.Tests;

public class DiffCommandTests
{
    [Test]
    public async Task Diff_TwoRunsDifferingInOneKeyOneMetricOnePackage_ShowsExactlyThose()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var store = CliContext.OpenStore(new DirectoryInfo(root));
        var a = await store.CreateRun("m").WithSlug("a").WithResolvedConfig("lr: 0.001\nbatch: 32\n").AddMetric("acc", 0.5).AddMetric("loss", 1).AddPackageVersion("numpy", "1.26.4").CommitAsync();
        var b = await store.CreateRun("m").WithSlug("b").WithResolvedConfig("lr: 0.001\nbatch: 64\n").AddMetric("acc", 0.75).AddMetric("loss", 1).AddPackageVersion("numpy", "2.0.0").CommitAsync();

        var text = await CliHarness.RunAsync("diff", a.RunId, b.RunId, "--root", root);
        var json = await CliHarness.RunAsync("diff", a.RunId, b.RunId, "--root", root, "--json");

        Assert.That(text.ExitCode, Is.Zero, text.ToString());
        Assert.That(text.Out, Does.Contain("  ~ batch: 32 -> 64\n").And.Contain("  ~ acc: 0.5 -> 0.75 (+0.25)\n").And.Contain("  = loss: 1 -> 1 (0)\n").And.Contain("  ~ package_versions.numpy: 1.26.4 -> 2.0.0\n"));
        var doc = JsonNode.Parse(json.Out)!;
        Assert.Multiple(() =>
        {
            Assert.That(doc["config"]!.AsArray().Select(k => (string?)k!["key"]), Is.EqualTo(new[] { "batch" }));
            Assert.That(doc["metrics"]!.AsArray().Where(m => (bool)m!["changed"]!).Select(m => (string?)m!["name"]), Is.EqualTo(new[] { "acc" }));
            Assert.That(doc["environment"]!.AsArray().Select(k => (string?)k!["key"]), Is.EqualTo(new[] { "package_versions.numpy" }));
        });
    }

    [Test]
    public async Task Diff_UnknownRun_ExitsBadInput()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        await CliContext.OpenStore(new DirectoryInfo(root)).CreateRun("m").CommitAsync();

        var result = await CliHarness.RunAsync("diff", "20260101_000000_x", "20260101_000000_y", "--root", root);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("No run '20260101_000000_x'"));
    }
}
