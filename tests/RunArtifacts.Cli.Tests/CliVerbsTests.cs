using System.Text.Json;
using System.Text.Json.Nodes;
using RunArtifacts.Serialization;

namespace RunArtifacts.Cli.Tests;

/// <summary>The verbs that were there before the gallery, driven end to end, and --help on every verb.</summary>
public class CliVerbsTests
{
    private static readonly string[] Verbs = ["commit", "demo", "gallery", "ls", "prune", "recover", "reindex", "show"];

    [TestCaseSource(nameof(Verbs))]
    public async Task Help_EveryVerb_DescribesItselfAndExitsZero(string verb)
    {
        var result = await CliHarness.RunAsync(verb, "--help");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("Usage:").And.Contain(verb));
        if (verb != "demo")
        {
            Assert.That(result.Out, Does.Contain("--root"));
        }
    }

    [Test]
    public async Task CommitThenLsThenReindex_RoundTripThroughTheShell()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var image = temp.File("in/out.png", Some.Png(48, 32));

        var commit = await CliHarness.RunAsync("commit", "--root", root, "--model-key", "flux dev", "--prompt", "a cat", "--output", image, "--tag", "pets", "--json");
        Assert.That(commit.ExitCode, Is.Zero, commit.ToString());
        var runId = JsonNode.Parse(commit.Out)!["run_id"]!.GetValue<string>();

        var ls = await CliHarness.RunAsync("ls", "--root", root, "--json");
        Assert.That(ls.Lines.Select(l => JsonSerializer.Deserialize(l, RunArtifactsJsonContext.Default.IndexEntry)!.RunId), Is.EqualTo(new[] { runId }));

        File.Delete(Path.Combine(root, "index.jsonl"));
        var reindex = await CliHarness.RunAsync("reindex", "--root", root, "--json");
        Assert.That(reindex.ExitCode, Is.Zero, reindex.ToString());
        Assert.That(JsonNode.Parse(reindex.Out)!["runs"]!.GetValue<int>(), Is.EqualTo(1));

        var show = await CliHarness.RunAsync("show", runId, "--root", root);
        Assert.That(show.Out, Does.Contain("tags      pets").And.Contain("original/output_01.png"));
    }

    [Test]
    public async Task Recover_CleanRoot_RemovesNothing()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        await Some.Store(root).CreateRun("m").AddOutput(temp.File("a.png", Some.Png())).CommitAsync();

        var result = await CliHarness.RunAsync("recover", "--root", root);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.StartWith("removed 0 staging folder(s)"));
    }

    [Test]
    public async Task NonInteractive_Output_HasNoProgressBarEscapes()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        await Some.Store(root).CreateRun("m").AddOutput(temp.File("a.png", Some.Png())).CommitAsync();

        var results = new[]
        {
            await CliHarness.RunAsync("gallery", "--root", root),
            await CliHarness.RunAsync("prune", "--root", root, "--keep-last", "5"),
            await CliHarness.RunAsync("ls", "--root", root),
        };

        foreach (var r in results)
        {
            Assert.That(r.ExitCode, Is.Zero, r.ToString());
            Assert.That(r.Out + r.Error, Does.Not.Contain("\u001b["), "no ANSI escapes when the output is not a terminal");
        }
    }
}
