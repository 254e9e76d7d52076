using System.Text.Json;
using RunArtifacts.Records;
using RunArtifacts.Serialization;

namespace RunArtifacts.Cli.Tests;

public class LsCommandTests
{
    private SampleRoot sample = null!;

    [OneTimeSetUp]
    public async Task CreateRoot() => sample = await SampleRoot.CreateAsync(withVideo: false);

    [OneTimeTearDown]
    public void RemoveRoot() => sample.Dispose();

    [Test]
    public async Task Ls_NoFilter_PrintsATableNewestFirst()
    {
        var result = await CliHarness.RunAsync("ls", "--root", sample.Root);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines[0], Does.Match(@"^CREATED \(UTC\)\s+STATUS\s+MODEL\s+MEDIA\s+OUT\s+TAGS\s+RUN_ID\s+PROMPT$"));
        Assert.That(result.Lines.Single(l => l.Contains(sample.Runs[^1].RunId, StringComparison.Ordinal)), Does.Match(@"\simage\s+2\s+cinematic,coast\s"));
        var ids = result.Lines.Skip(1).Select(l => sample.Runs.Single(r => l.Contains(r.RunId, StringComparison.Ordinal)).RunId).ToList();
        Assert.That(ids, Is.EqualTo(sample.Runs.Select(r => r.RunId)));
        Assert.That(result.Lines.Single(l => l.Contains(sample.Failed.RunId, StringComparison.Ordinal)), Does.Contain("failed:rate_limited"));
    }

    [Test]
    public async Task Ls_Json_IsOneIndexEntryPerLine()
    {
        var result = await CliHarness.RunAsync("ls", "--root", sample.Root, "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var entries = result.Lines.Select(l => JsonSerializer.Deserialize(l, RunArtifactsJsonContext.Default.IndexEntry)!).ToList();
        Assert.That(entries.Select(e => e.RunId), Is.EqualTo(sample.Runs.Select(r => r.RunId)));
        Assert.That(result.Lines[0], Is.EqualTo(JsonSerializer.Serialize(sample.Runs[0].IndexEntry, RunArtifactsJsonContext.Compact.IndexEntry)), "the line is the index line, byte for byte");
    }

    [TestCase("--model", "flux_dev")]
    [TestCase("--tag", "coast")]
    [TestCase("--status", "failed")]
    [TestCase("--limit", "2")]
    [TestCase("--since", "5d")]
    [TestCase("--until", "5d")]
    public async Task Ls_Filter_KeepsOnlyMatchingRuns(string option, string value)
    {
        var now = DateTimeOffset.UtcNow;
        Func<CommittedRunView, bool> expected = option switch
        {
            "--model" => r => r.Entry.ModelKey == value,
            "--tag" => r => r.Entry.Tags.Contains(value),
            "--status" => r => r.Entry.Status == RunStatus.Failed,
            "--since" => r => r.Entry.CreatedAt >= now.AddDays(-5),
            "--until" => r => r.Entry.CreatedAt < now.AddDays(-5),
            _ => r => r.Position < 2,
        };

        var result = await CliHarness.RunAsync("ls", "--root", sample.Root, option, value, "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var want = sample.Runs.Select((r, i) => new CommittedRunView(r.IndexEntry, i)).Where(expected).Select(r => r.Entry.RunId).ToList();
        Assert.That(want, Is.Not.Empty.And.Count.LessThan(sample.Runs.Count), "the filter must split the sample");
        Assert.That(result.Lines.Select(l => JsonSerializer.Deserialize(l, RunArtifactsJsonContext.Default.IndexEntry)!.RunId), Is.EqualTo(want));
    }

    [Test]
    public async Task Ls_BadStatus_ExitsWithBadInput()
    {
        var result = await CliHarness.RunAsync("ls", "--root", sample.Root, "--status", "exploded");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
    }

    public sealed record CommittedRunView(IndexEntry Entry, int Position);
}
