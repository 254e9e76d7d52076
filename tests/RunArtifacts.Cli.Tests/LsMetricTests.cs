using System.Text.Json.Nodes;

namespace RunArtifacts.Cli.Tests;

public class LsMetricTests
{
    [Test]
    public async Task Ls_Metric_ShowsAndSortsByIt_SkippingRunsWithoutIt()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var store = CliContext.OpenStore(new DirectoryInfo(root));
        var low = await store.CreateRun("m").WithSlug("low").AddMetric("val/accuracy", 0.5).CommitAsync();
        var high = await store.CreateRun("m").WithSlug("high").AddMetric("val/accuracy", 0.9).CommitAsync();
        var mid = await store.CreateRun("m").WithSlug("mid").AddMetricPoint("val/accuracy", 0.1, 0).AddMetricPoint("val/accuracy", 0.7, 1).CommitAsync();
        await store.CreateRun("m").WithSlug("none").CommitAsync();

        var descending = await CliHarness.RunAsync("ls", "--root", root, "--metric", "val/accuracy", "--json");
        var ascending = await CliHarness.RunAsync("ls", "--root", root, "--metric", "val/accuracy", "--ascending");

        Assert.That(descending.ExitCode, Is.Zero, descending.ToString());
        Assert.That(descending.Lines.Select(l => (string?)JsonNode.Parse(l)!["run_id"]), Is.EqualTo(new[] { high.RunId, mid.RunId, low.RunId }));
        Assert.That(ascending.Lines[0], Does.Contain("VAL/ACCURACY"));
        Assert.That(ascending.Lines.Skip(1).Select(l => l.Contains(low.RunId, StringComparison.Ordinal) ? "low" : l.Contains(mid.RunId, StringComparison.Ordinal) ? "mid" : "high"), Is.EqualTo(new[] { "low", "mid", "high" }));
        Assert.That(ascending.Lines[2], Does.Contain("0.7"));
    }
}
