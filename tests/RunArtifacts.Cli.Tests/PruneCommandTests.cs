using System.Text.Json;
using System.Text.Json.Nodes;
using RunArtifacts.Records;
using RunArtifacts.Serialization;

namespace RunArtifacts.Cli.Tests;

public class PruneCommandTests
{
    private SampleRoot template = null!;
    private SampleRoot sample = null!;

    [OneTimeSetUp]
    public async Task CreateTemplate() => template = await SampleRoot.CreateAsync(withVideo: false);

    [OneTimeTearDown]
    public void RemoveTemplate() => template.Dispose();

    /// <summary>Every test prunes a root of its own, copied from the one made once for the fixture.</summary>
    [SetUp]
    public void CopyRoot() => sample = template.Copy();

    [TearDown]
    public void RemoveRoot() => sample.Dispose();

    [Test]
    public async Task Prune_DryRun_ListsWhatWouldGoAndTouchesNothing()
    {
        var before = Snapshot();

        var result = await CliHarness.RunAsync("prune", "--root", sample.Root, "--keep-last", "2", "--dry-run");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var listed = result.Lines.Where(l => l.StartsWith("would remove  ", StringComparison.Ordinal)).Select(l => l.Split("  ")[1]).ToList();
        Assert.That(listed, Is.EqualTo(sample.Runs.Skip(2).Select(r => r.RunPath)));
        Assert.That(result.Lines[^1], Is.EqualTo($"would remove {sample.Runs.Count - 2} run(s); kept 2"));
        Assert.That(Snapshot(), Is.EqualTo(before));
    }

    [Test]
    public async Task Prune_KeepLast_RemovesOlderRunsAndRewritesTheIndex()
    {
        var result = await CliHarness.RunAsync("prune", "--root", sample.Root, "--keep-last", "2");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var kept = sample.Runs.Take(2).ToList();
        var gone = sample.Runs.Skip(2).ToList();
        Assert.That(gone.Select(r => Directory.Exists(sample.RunFolder(r))), Is.All.False);
        Assert.That(kept.Select(r => File.Exists(Path.Combine(sample.RunFolder(r), "run.json"))), Is.All.True);
        Assert.That(IndexRunIds(), Is.EquivalentTo(kept.Select(r => r.RunId)));
        Assert.That(Directory.EnumerateFileSystemEntries(Path.Combine(sample.Root, ".staging")).Where(p => Path.GetFileName(p).StartsWith("trash-", StringComparison.Ordinal)), Is.Empty, "the trash is deleted");
        var ls = await CliHarness.RunAsync("ls", "--root", sample.Root, "--json");
        Assert.That(ls.Lines, Has.Length.EqualTo(2));
        Assert.That(ls.Error, Is.Empty, "no torn lines");
    }

    [Test]
    public async Task Prune_StatusAndOlderThanCombined_RemovesOnlyRunsMatchingBoth()
    {
        // Runs are one day apart, the newest about three days old: the two oldest succeeded runs are older than 5 days.
        var expected = sample.Runs.Where(r => r.Status == RunStatus.Succeeded && r.Run.CreatedAt < DateTimeOffset.UtcNow.AddDays(-5)).ToList();
        Assert.That(expected, Is.Not.Empty.And.Count.LessThan(sample.Runs.Count(r => r.Status == RunStatus.Succeeded)));

        var result = await CliHarness.RunAsync("prune", "--root", sample.Root, "--status", "succeeded", "--older-than", "5d", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var json = JsonNode.Parse(result.Lines.Single())!.AsObject();
        Assert.That(json["dry_run"]!.GetValue<bool>(), Is.False);
        Assert.That(json["removed"]!.AsArray().Select(n => n!["run_id"]!.GetValue<string>()), Is.EqualTo(expected.Select(r => r.RunId)));
        Assert.That(json["kept"]!.GetValue<int>(), Is.EqualTo(sample.Runs.Count - expected.Count));
        Assert.That(IndexRunIds(), Is.EquivalentTo(sample.Runs.Except(expected).Select(r => r.RunId)));
        Assert.That(Directory.Exists(sample.RunFolder(sample.Failed)), Is.True);
    }

    [Test]
    public async Task Prune_StatusFailed_RemovesTheFailedRunOnly()
    {
        var result = await CliHarness.RunAsync("prune", "--root", sample.Root, "--status", "failed");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines[0], Is.EqualTo($"removed  {sample.Failed.RunPath}  failed  {sample.Failed.Run.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z"));
        Assert.That(Directory.Exists(sample.RunFolder(sample.Failed)), Is.False);
        Assert.That(IndexRunIds(), Is.EquivalentTo(sample.Runs.Where(r => r != sample.Failed).Select(r => r.RunId)));
    }

    [TestCase]
    [TestCase("--keep-last", "-1")]
    [TestCase("--older-than", "soon")]
    [TestCase("--older-than", "99999999999d")]
    [TestCase("--older-than", "Infinityw")]
    [TestCase("--status", "pending")]
    public async Task Prune_MissingOrBadCriteria_ExitsWithBadInputAndRemovesNothing(params string[] args)
    {
        var before = Snapshot();

        var result = await CliHarness.RunAsync(["prune", "--root", sample.Root, .. args]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(Snapshot(), Is.EqualTo(before));
    }

    [Test]
    public async Task Prune_OlderThanReachingBeforeYearOne_RemovesNothing()
    {
        // 9,999,999 days is a duration .NET holds, but now minus it is before year 1: that overflowed in the store and
        // killed the tool. No run is that old.
        var before = Snapshot();

        var result = await CliHarness.RunAsync("prune", "--root", sample.Root, "--older-than", "9999999d", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(JsonNode.Parse(result.Lines.Single())!["removed"]!.AsArray(), Is.Empty);
        Assert.That(Snapshot(), Is.EqualTo(before));
        var ls = await CliHarness.RunAsync("ls", "--root", sample.Root, "--since", "9999999d", "--json");
        Assert.That(ls.ExitCode, Is.Zero, ls.ToString());
        Assert.That(ls.Lines, Has.Length.EqualTo(sample.Runs.Count), "since that long ago is every run");
    }

    [Test]
    public async Task Recover_LeftoverTrashOfACrashedPrune_IsDeleted()
    {
        // What a prune that died after its move leaves: the run in .staging/trash-…, its lock file no longer held.
        var trash = Path.Combine(sample.Root, ".staging", "trash-20260101000000-1-deadbeef");
        var run = sample.Runs[^1];
        Directory.CreateDirectory(Path.Combine(trash, Path.GetDirectoryName(run.RunPath)!));
        Directory.Move(sample.RunFolder(run), Path.Combine(trash, run.RunPath));
        await File.WriteAllTextAsync(trash + ".lock", string.Empty);
        var old = DateTime.UtcNow.AddMinutes(-5);
        File.SetLastWriteTimeUtc(trash + ".lock", old);
        Directory.SetLastWriteTimeUtc(trash, old);

        var result = await CliHarness.RunAsync("recover", "--root", sample.Root, "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(JsonNode.Parse(result.Out)!["removed_staging_folders"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(Directory.Exists(trash), Is.False);
        Assert.That(File.Exists(trash + ".lock"), Is.False);
    }

    private List<string> IndexRunIds()
        => File.ReadAllLines(Path.Combine(sample.Root, "index.jsonl")).Select(l => JsonSerializer.Deserialize(l, RunArtifactsJsonContext.Default.IndexEntry)!.RunId).ToList();

    private string Snapshot()
        => string.Join('\n', Directory.EnumerateFileSystemEntries(sample.Root, "*", SearchOption.AllDirectories).Where(p => !p.EndsWith(".index.lock", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
           + "\n" + File.ReadAllText(Path.Combine(sample.Root, "index.jsonl"));
}
