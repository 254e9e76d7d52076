using RunArtifacts.Index;
using RunArtifacts.Records;

namespace RunArtifacts.Tests.Index;

public class IndexReadingTests
{
    [Test]
    public async Task ReadIndex_FiltersByModelTagStatusAndTime()
    {
        using var temp = new TempRoot();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = Some.Store(temp.Combine("root"), time: clock);
        for (var i = 0; i < 10; i++)
        {
            var builder = store.CreateRun(i % 2 == 0 ? "even" : "odd").AddTags(i < 5 ? "early" : "late");
            _ = i % 3 == 0 ? builder.Failed("boom") : builder.Succeeded();
            await builder.CommitAsync();
            clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.That(store.ReadIndex(new IndexQuery { ModelKey = "even" }).Entries, Has.Count.EqualTo(5));
        Assert.That(store.ReadIndex(new IndexQuery { Tag = "late" }).Entries, Has.Count.EqualTo(5));
        Assert.That(store.ReadIndex(new IndexQuery { Status = RunStatus.Failed }).Entries, Has.Count.EqualTo(4));
        var window = store.ReadIndex(new IndexQuery { Since = new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero), Until = new DateTimeOffset(2026, 1, 1, 5, 0, 0, TimeSpan.Zero) });
        Assert.That(window.Entries.Select(e => e.CreatedAt.Hour), Is.EqualTo(new[] { 4, 3, 2 }));
        var newestOddLate = store.ReadIndex(new IndexQuery { ModelKey = "odd", Tag = "late", Limit = 2 });
        Assert.That(newestOddLate.Entries.Select(e => e.CreatedAt.Hour), Is.EqualTo(new[] { 9, 7 }));
    }

    [Test]
    public async Task ReadIndex_Newest_ReadsFromTheEndAcrossBlockBoundaries()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var ids = new List<string>();
        for (var i = 0; i < 400; i++)
        {
            // Long prompts make lines long enough to cross several 64 KiB read blocks.
            ids.Add((await store.CreateRun("m").WithPrompt(new string((char)('a' + (i % 26)), 300)).AddTags($"t{i}").CommitAsync()).RunId);
        }

        var newest = store.ReadIndex(new IndexQuery { Limit = 150 });

        Assert.That(newest.Entries.Select(e => e.RunId), Is.EqualTo(ids.AsEnumerable().Reverse().Take(150)));
        Assert.That(newest.SkippedLines, Is.Zero);
    }

    [Test]
    public async Task ReadIndex_BadLineInTheMiddle_SkippedAndCounted()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        await store.CreateRun("m").CommitAsync();
        await File.AppendAllTextAsync(store.IndexPath, "not json at all\n{\"run_id\":\"x\"}\n");
        await store.CreateRun("m").CommitAsync();

        Assert.That(store.ReadIndex().SkippedLines, Is.EqualTo(2));
        Assert.That(store.ReadIndex().Entries, Has.Count.EqualTo(2));
        Assert.That(store.ReadIndex(new IndexQuery { Limit = 10 }).SkippedLines, Is.EqualTo(2));
    }
}
