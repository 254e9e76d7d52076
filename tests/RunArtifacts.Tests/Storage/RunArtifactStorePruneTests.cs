using RunArtifacts.Records;
using RunArtifacts.Storage;

namespace RunArtifacts.Tests.Storage;

public class RunArtifactStorePruneTests
{
    [Test]
    public async Task PruneAsync_EachRunLeavesTheTreeWholeInOneMove()
    {
        using var temp = new TempRoot();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var store = Some.Store(temp.Combine("root"), time: clock);
        var runs = new List<CommittedRun>();
        for (var i = 0; i < 4; i++)
        {
            clock.Advance(TimeSpan.FromHours(1));
            runs.Add(await store.CreateRun("m").WithSlug($"r{i}").AddOutput(temp.File($"in/{i}.png", Some.Png(seed: i))).AddOutput(temp.File($"in/{i}b.png", Some.Png(seed: i + 10))).CommitAsync());
        }

        var fileCount = Directory.GetFiles(runs[0].FullPath, "*", SearchOption.AllDirectories).Length;
        var seen = new List<string>();
        var progress = new SyncProgress(p =>
        {
            if (p.Stage != "move")
            {
                return;
            }

            // At every step each run is either whole in the tree or whole in the trash, never half.
            foreach (var r in runs)
            {
                var inTree = Directory.Exists(r.FullPath) ? Directory.GetFiles(r.FullPath, "*", SearchOption.AllDirectories).Length : 0;
                Assert.That(inTree, Is.EqualTo(0).Or.EqualTo(fileCount), r.RunId);
            }

            seen.Add($"{p.Completed}/{p.Total}");
        });

        var result = await store.PruneAsync(new PruneCriteria { KeepLast = 1 }, progress);

        Assert.That(seen, Is.EqualTo(new[] { "1/3", "2/3", "3/3" }));
        Assert.That(result.Removed.Select(m => m.RunId), Is.EqualTo(runs.Take(3).Reverse().Select(r => r.RunId)));
        Assert.That(result.Kept, Is.EqualTo(1));
        Assert.That(store.ReadIndex().Entries.Select(e => e.RunId), Is.EqualTo(new[] { runs[3].RunId }));
    }

    [Test]
    public async Task PruneAsync_KeepsIndexLinesOfRunsItDidNotRemove_EvenUnknownOnes()
    {
        using var temp = new TempRoot();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var store = Some.Store(temp.Combine("root"), time: clock);
        var failed = await store.CreateRun("m").Failed("boom").CommitAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        var ok = await store.CreateRun("m").AddOutput(temp.File("a.png", Some.Png())).CommitAsync();
        await File.AppendAllTextAsync(store.IndexPath, "{\"torn\":");

        var result = await store.PruneAsync(new PruneCriteria { Status = RunStatus.Failed });

        Assert.That(result.Removed.Single().RunId, Is.EqualTo(failed.RunId));
        Assert.That(store.ReadIndex().Entries.Select(e => e.RunId), Is.EqualTo(new[] { ok.RunId }));
        Assert.That(Directory.Exists(failed.FullPath), Is.False);
    }

    [Test]
    public void PruneAsync_NoCriterion_Throws()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));

        Assert.That(async () => await store.PruneAsync(new PruneCriteria()), Throws.ArgumentException);
        Assert.That(async () => await store.PruneAsync(new PruneCriteria { OlderThan = TimeSpan.FromDays(-1) }), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task PruneAsync_OlderThan_UsesTheStoreClock()
    {
        using var temp = new TempRoot();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var store = Some.Store(temp.Combine("root"), time: clock);
        var old = await store.CreateRun("m").Failed("x").CommitAsync();
        clock.Advance(TimeSpan.FromDays(3));
        var young = await store.CreateRun("m").Failed("y").CommitAsync();
        clock.Advance(TimeSpan.FromDays(1));

        var result = await store.PruneAsync(new PruneCriteria { OlderThan = TimeSpan.FromDays(2) });

        Assert.That(result.Removed.Select(r => r.RunId), Is.EqualTo(new[] { old.RunId }));
        Assert.That(Directory.Exists(young.FullPath), Is.True);
    }

    [Test]
    public async Task PruneAsync_OlderThanReachingBeforeYearOne_RemovesNothing()
    {
        // Now minus TimeSpan.MaxValue is before year 1: it threw ArgumentOutOfRangeException from the date arithmetic.
        using var temp = new TempRoot();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var store = Some.Store(temp.Combine("root"), time: clock);
        var run = await store.CreateRun("m").Failed("x").CommitAsync();
        clock.Advance(TimeSpan.FromDays(3650));

        var result = await store.PruneAsync(new PruneCriteria { OlderThan = TimeSpan.MaxValue });

        Assert.That(result.Removed, Is.Empty);
        Assert.That(result.Kept, Is.EqualTo(1));
        Assert.That(Directory.Exists(run.FullPath), Is.True);
    }

    private sealed class SyncProgress(Action<PruneProgress> report) : IProgress<PruneProgress>
    {
        public void Report(PruneProgress value) => report(value);
    }
}
