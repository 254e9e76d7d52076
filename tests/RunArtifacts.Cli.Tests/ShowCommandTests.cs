using System.Text.Json;
using RunArtifacts.Records;
using RunArtifacts.Serialization;

namespace RunArtifacts.Cli.Tests;

public class ShowCommandTests
{
    private SampleRoot sample = null!;

    [OneTimeSetUp]
    public async Task CreateRoot() => sample = await SampleRoot.CreateAsync();

    [OneTimeTearDown]
    public void RemoveRoot() => sample.Dispose();

    [Test]
    public async Task Show_SucceededRun_ListsOutputsWithSizesDimensionsAndDerivatives()
    {
        var run = sample.Runs.Single(r => r.RunId.EndsWith("_lighthouse", StringComparison.Ordinal));

        var result = await CliHarness.RunAsync("show", run.RunId, "--root", sample.Root);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("run       " + run.RunId));
        Assert.That(result.Out, Does.Contain("status    succeeded"));
        Assert.That(result.Out, Does.Contain("prompt    a lighthouse at dusk, cinematic"));
        Assert.That(result.Out, Does.Contain("tags      cinematic, coast"));
        Assert.That(result.Out, Does.Contain("outputs (2)"));
        var hero = run.Run.Outputs[0];
        var heroLine = result.Lines.Single(l => l.StartsWith(hero.RelativePath + " ", StringComparison.Ordinal));
        Assert.That(heroLine, Does.Contain("image/png"));
        Assert.That(heroLine, Does.Contain($"{hero.Width}x{hero.Height}"), "dimensions of the original");
        Assert.That(heroLine, Does.Contain(RunArtifacts.Cli.Commands.ShowCommand.FormatBytes(hero.Bytes)));
        Assert.That(result.Lines, Has.Some.StartsWith("thumb  thumb/output_01.webp"), "the derivative is listed under its output");
        Assert.That(result.Out, Does.Contain("inputs (1)"));
        Assert.That(result.Lines, Has.Some.StartsWith("inputs/ref_01.png  reference"));
        Assert.That(result.Out, Does.Contain("errors (0)"));
        Assert.That(result.Lines, Has.Some.EqualTo("run.json"));
    }

    [Test]
    public async Task Show_FailedRun_PrintsItsShapedError()
    {
        var result = await CliHarness.RunAsync("show", sample.Failed.RunId, "--root", sample.Root);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("status    failed (rate_limited)"));
        Assert.That(result.Out, Does.Contain("errors (1)"));
        Assert.That(result.Lines, Has.Some.EqualTo("rate_limited: Provider answered 429: rate limit exceeded (stage submit, http 429)"));
        Assert.That(result.Out, Does.Contain("outputs (0)"));
    }

    [Test]
    public async Task Show_Json_WritesTheRunRecordOnOneLine()
    {
        var result = await CliHarness.RunAsync("show", sample.Video.RunId, "--root", sample.Root, "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines, Has.Length.EqualTo(1));
        var record = JsonSerializer.Deserialize(result.Lines[0], RunArtifactsJsonContext.Default.RunRecord)!;
        Assert.That(record.RunId, Is.EqualTo(sample.Video.RunId));
        Assert.That(record.Outputs[0].Kind, Is.EqualTo(AssetKind.Video));
        Assert.That(record.Outputs[0].PosterPath, Is.EqualTo("thumb/output_01_poster.jpg"));
        Assert.That(record.Outputs[0].WebPath, Is.EqualTo("web/output_01.webm"));
        Assert.That(record, Is.EqualTo(sample.Video.Run).Using<RunRecord>((a, b) => JsonSerializer.Serialize(a, RunArtifactsJsonContext.Compact.RunRecord) == JsonSerializer.Serialize(b, RunArtifactsJsonContext.Compact.RunRecord)));
    }

    [Test]
    public async Task Show_RunFoundThroughTheIndexWhenTheIdDoesNotNameItsDateFolder()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var store = Some.Store(root);
        var run = await store.CreateRun("m").AddOutput(temp.File("a.png", Some.Png())).CommitAsync();
        var moved = Path.Combine(root, "2001-01-01", run.RunId);
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        Directory.Move(run.FullPath, moved);
        var index = await File.ReadAllTextAsync(store.IndexPath);
        await File.WriteAllTextAsync(store.IndexPath, index.Replace(run.RunPath, "2001-01-01/" + run.RunId, StringComparison.Ordinal));

        var result = await CliHarness.RunAsync("show", run.RunId, "--root", root);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("folder    " + moved));
    }

    [TestCase("20990101_000000_nobody")]
    [TestCase("../etc")]
    [TestCase("20260101_000000_x/../../y")]
    public async Task Show_UnknownOrUnsafeRunId_ExitsWithBadInput(string id)
    {
        var result = await CliHarness.RunAsync("show", id, "--root", sample.Root);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.StartWith("artifacts: "));
        Assert.That(result.Out, Is.Empty);
    }

    [Test]
    public async Task Show_RunRecordOfAnotherMajorVersion_RefusedNamingTheVersion()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var store = Some.Store(root);
        var run = await store.CreateRun("m").WithPrompt("p").CommitAsync();
        var path = Path.Combine(run.FullPath, "run.json");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("\"schema_version\": \"1.", "\"schema_version\": \"2.", StringComparison.Ordinal));

        var result = await CliHarness.RunAsync("show", run.RunId, "--root", root);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("major 2"));
        Assert.That(result.Out, Is.Empty);
    }
}
