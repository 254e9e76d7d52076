using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace RunArtifacts.Cli.Tests;

/// <summary>
/// <c>artifacts lineage</c>, <c>artifacts find</c> and the gallery's lineage links, over a chain A → B → C and a
/// diamond A → (B, C) → D committed through <c>artifacts commit</c> (real PNGs, real ffmpeg thumbnails).
/// </summary>
[NonParallelizable]
public class LineageCommandTests
{
    private TempRoot temp = null!;
    private string root = null!;
    private string a = null!, b = null!, c = null!, d = null!;

    [OneTimeSetUp]
    public async Task CommitThroughTheTool()
    {
        temp = new TempRoot("ra-lineage-cli-");
        root = temp.Combine("root");
        var png = temp.File("a.png", Some.Png(seed: 1));
        a = await CommitAsync("model-a", [], [png]);

        // B consumed A's original; C consumed B's thumbnail (a derivative); D consumed B's and C's originals.
        b = await CommitAsync("model-b", [Path.Combine(a, "original", "output_01.png")], [temp.File("b.png", Some.Png(seed: 2))]);
        var bThumb = Directory.GetFiles(Path.Combine(b, "thumb")).Single(f => !f.EndsWith(".json", StringComparison.Ordinal));
        c = await CommitAsync("model-c", [bThumb], [temp.File("c.png", Some.Png(seed: 3))]);
        d = await CommitAsync("model-d", [Path.Combine(b, "original", "output_01.png"), Path.Combine(c, "original", "output_01.png")], [temp.File("d.png", Some.Png(seed: 4))]);
    }

    [OneTimeTearDown]
    public void Remove() => temp.Dispose();

    private static string Id(string folder) => Path.GetFileName(folder);

    [Test]
    public async Task Lineage_UpAtEachDepth_IndentedTreeWithTheLinkingFiles()
    {
        var one = await CliHarness.RunAsync("lineage", Id(c), "--root", root, "--up", "--depth", "1");
        var two = await CliHarness.RunAsync("lineage", Id(c), "--root", root, "--up", "--depth", "2");

        Assert.That(one.ExitCode, Is.Zero, one.ToString());
        Assert.That(one.Lines[0], Does.StartWith(Id(c) + "  model-c  "));
        Assert.That(one.Out, Does.Contain("upstream:").And.Not.Contain("downstream:"));
        Assert.That(one.Out, Does.Contain($"  <- {Id(b)}  model-b  ").And.Not.Contain(Id(a)));
        Assert.That(one.Out, Does.Contain("via inputs/ref_01.webp <- thumb/output_01.webp"));
        var lines = two.Out.Split('\n');
        Assert.That(lines, Has.Some.StartsWith($"  <- {Id(b)}"));
        Assert.That(lines, Has.Some.StartsWith($"    <- {Id(a)}  model-a  ").And.Some.Contains("via inputs/ref_01.png <- original/output_01.png"));
    }

    [Test]
    public async Task Lineage_DownFromA_DiamondMeetsOnceAndIsNotExpandedTwice()
    {
        var result = await CliHarness.RunAsync("lineage", Id(a), "--root", root, "--down", "--depth", "3");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("downstream:").And.Not.Contain("upstream:"));
        var dLines = result.Out.Split('\n').Where(l => l.Contains(Id(d), StringComparison.Ordinal)).ToList();
        Assert.That(dLines, Has.Count.EqualTo(2), result.Out);
        Assert.That(dLines.Count(l => l.EndsWith("(shown above)", StringComparison.Ordinal)), Is.EqualTo(1));

        var shallow = await CliHarness.RunAsync("lineage", Id(a), "--root", root, "--down", "--depth", "1");
        Assert.That(shallow.Out, Does.Contain(Id(b)).And.Not.Contain(Id(c)).And.Not.Contain(Id(d)));
    }

    [Test]
    public async Task Lineage_JsonDotMermaid_SameGraph()
    {
        var json = await CliHarness.RunAsync("lineage", Id(d), "--root", root, "--up", "--json");
        var dot = await CliHarness.RunAsync("lineage", Id(d), "--root", root, "--up", "--dot");
        var mermaid = await CliHarness.RunAsync("lineage", Id(d), "--root", root, "--up", "--mermaid");

        var graph = JsonNode.Parse(json.Out)!;
        Assert.That(graph["nodes"]!.AsArray().Select(n => n!["entry"]!["run_id"]!.GetValue<string>()), Is.EquivalentTo(new[] { Id(a), Id(b), Id(c), Id(d) }));
        var edges = graph["edges"]!.AsArray().Select(e => (e!["upstream"]!.GetValue<string>(), e["downstream"]!.GetValue<string>())).ToList();
        Assert.That(edges, Is.EquivalentTo(new[] { (Id(a), Id(b)), (Id(b), Id(c)), (Id(b), Id(d)), (Id(c), Id(d)) }));
        Assert.That(dot.Out, Does.StartWith("digraph lineage {").And.Contain($"\"{Id(a)}\" -> \"{Id(b)}\"").And.EndWith("}\n"));
        Assert.That(dot.Out.Split('\n').Count(l => l.Contains(" -> \"", StringComparison.Ordinal)), Is.EqualTo(4));
        Assert.That(mermaid.Out, Does.StartWith("flowchart LR\n"));
        Assert.That(mermaid.Out.Split('\n').Count(l => l.Contains("-->|", StringComparison.Ordinal)), Is.EqualTo(4));
    }

    [Test]
    public async Task Lineage_BadUsage_ExitsWithBadInput()
    {
        Assert.That((await CliHarness.RunAsync("lineage", Id(a), "--root", root, "--up", "--down")).ExitCode, Is.EqualTo(2));
        Assert.That((await CliHarness.RunAsync("lineage", "20990101_000000_none", "--root", root)).ExitCode, Is.EqualTo(2));
        Assert.That((await CliHarness.RunAsync("lineage", Id(a), "--root", root, "--json", "--dot")).ExitCode, Is.EqualTo(2));
    }

    [Test]
    public async Task Find_OutputDerivativeAndInput_NamesRunsAndPaths()
    {
        var output = await CliHarness.RunAsync("find", "--root", root, "--sha256", Sha(Path.Combine(a, "original", "output_01.png")));
        Assert.That(output.ExitCode, Is.Zero, output.ToString());
        Assert.That(output.Out, Does.Contain("produced by:").And.Contain("consumed by:"));
        Assert.That(output.Lines.Single(l => l.StartsWith(Id(a), StringComparison.Ordinal)), Does.Contain("original/output_01.png").And.Contain("output"));
        Assert.That(output.Lines.Single(l => l.StartsWith(Id(b), StringComparison.Ordinal)), Does.Contain("inputs/ref_01.png").And.Contain("input"));

        var thumb = Directory.GetFiles(Path.Combine(b, "thumb")).Single(f => !f.EndsWith(".json", StringComparison.Ordinal));
        var derivative = JsonNode.Parse((await CliHarness.RunAsync("find", "--root", root, "--sha256", Sha(thumb).ToUpperInvariant(), "--json")).Out)!;
        Assert.That(derivative["produced"]!.AsArray().Single()!["role"]!.GetValue<string>(), Is.EqualTo("derivative"));
        Assert.That(derivative["produced"]!.AsArray().Single()!["run_id"]!.GetValue<string>(), Is.EqualTo(Id(b)));
        Assert.That(derivative["consumed"]!.AsArray().Single()!["run_id"]!.GetValue<string>(), Is.EqualTo(Id(c)));

        var input = JsonNode.Parse((await CliHarness.RunAsync("find", "--root", root, "--sha256", Sha(Path.Combine(d, "inputs", "ref_02.png")), "--json")).Out)!;
        Assert.That(input["consumed"]!.AsArray().Single()!["path"]!.GetValue<string>(), Is.EqualTo("inputs/ref_02.png"));
        Assert.That(input["produced"]!.AsArray().Single()!["run_id"]!.GetValue<string>(), Is.EqualTo(Id(c)));

        var none = await CliHarness.RunAsync("find", "--root", root, "--sha256", new string('a', 64));
        Assert.That(none.Out, Does.Contain("no file of any run has this content"));
        Assert.That((await CliHarness.RunAsync("find", "--root", root, "--sha256", "xyz")).ExitCode, Is.EqualTo(2));
    }

    [Test]
    public async Task Gallery_RunViewLinksUpstreamAndDownstreamRuns()
    {
        var result = await CliHarness.RunAsync("gallery", "--root", root, "--out", temp.Combine("g.html"));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());

        var html = await File.ReadAllTextAsync(temp.Combine("g.html"));
        var ids = GalleryCommandTests.Data(html)["runs"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
        var details = GalleryCommandTests.Details(html);
        JsonNode Of(string folder) => details[ids.IndexOf(Id(folder))]!;
        string[] Links(JsonNode node, string side) => node[side]?.AsArray().Select(x => x!.GetValue<string>()).ToArray() ?? [];

        Assert.That(Links(Of(b), "up"), Is.EqualTo(new[] { Id(a) }));
        Assert.That(Links(Of(b), "down"), Is.EquivalentTo(new[] { Id(c), Id(d) }));
        Assert.That(Links(Of(d), "up"), Is.EquivalentTo(new[] { Id(b), Id(c) }));
        Assert.That(Links(Of(a), "up"), Is.Empty);
        Assert.That(html, Does.Contain("Upstream (made an input of this run)"));
    }

    [Test]
    public async Task Ls_FromTheCatalog_SameRowsAsTheIndexNewestFirst()
    {
        var ls = await CliHarness.RunAsync("ls", "--root", root, "--json");
        Assert.That(ls.ExitCode, Is.Zero, ls.ToString());
        var index = (await File.ReadAllLinesAsync(Path.Combine(root, "index.jsonl"))).Reverse().ToArray();
        Assert.That(ls.Lines, Is.EqualTo(index), "each line is the index line, byte for byte, newest first");
    }

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private async Task<string> CommitAsync(string model, string[] inputs, string[] outputs)
    {
        var args = new List<string> { "commit", "--root", root, "--model-key", model, "--prompt", $"{model} prompt" };
        foreach (var input in inputs)
        {
            args.AddRange(["--input", input]);
        }

        foreach (var output in outputs)
        {
            args.AddRange(["--output", output]);
        }

        var result = await CliHarness.RunAsync([.. args]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return result.Out.Trim();
    }
}
