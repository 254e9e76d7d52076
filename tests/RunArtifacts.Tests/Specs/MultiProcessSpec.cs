
namespace RunArtifacts.Tests.Specs;

/// <summary>Several real processes commit into one root at once; some are killed mid-commit.</summary>
[NonParallelizable]
public class MultiProcessSpec
{
    [Test]
    [CancelAfter(180_000)]
    public async Task FourProcesses_SameModelSameSecond_EveryRunWholeExactlyOneIndexLineEach(CancellationToken cancellationToken)
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        const int perProcess = 12;
        var processes = Enumerable.Range(0, 4)
            .Select(_ => DummyProcess.Start(root, "shared model", perProcess.ToString(System.Globalization.CultureInfo.InvariantCulture), "--fixed-time", "2026-03-26T21:45:12Z"))
            .ToList();
        foreach (var p in processes)
        {
            using (p)
            {
                var exit = await p.WaitForExitAsync(cancellationToken);
                Assert.That(exit, Is.Zero, p.Error);
            }
        }

        var folders = BundleAssert.RunFolders(root);
        Assert.That(folders, Has.Count.EqualTo(4 * perProcess));
        foreach (var folder in folders)
        {
            BundleAssert.IsWhole(folder);
        }

        var lines = await File.ReadAllLinesAsync(Path.Combine(root, "index.jsonl"), cancellationToken);
        Assert.That(lines, Has.Length.EqualTo(4 * perProcess), "exactly one line per run");
        var store = Some.Store(root);
        var read = store.ReadIndex();
        Assert.That(read.SkippedLines, Is.Zero, "no torn line");
        Assert.That(read.Entries.Select(e => e.RunPath), Is.EquivalentTo(folders.Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))));
        Assert.That(read.Entries.Select(e => e.RunId).Distinct().Count(), Is.EqualTo(4 * perProcess));
    }

    [Test]
    [Category("Slow")]
    [CancelAfter(600_000)]
    public async Task WriterKilledAtRandomPoints_NoPartialRunEverVisible_RecoverAndReindexLeaveConsistentRoot(CancellationToken cancellationToken)
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var random = new Random(20260326);
        const int kills = 30;
        var committedBeforeKill = 0;
        for (var i = 0; i < kills; i++)
        {
            // Each writer would commit 1,000 runs; it is killed after it has reported i % 4 of them (0 = during startup or
            // the first commit), plus a random few milliseconds into the next commit. What is checked does not depend on
            // how fast the machine is: the kill always lands while the writer is working.
            using var process = DummyProcess.Start(root, "crashy", "1000", "--bytes", (1 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var wanted = i % 4;
            for (var seen = 0; seen < wanted; seen++)
            {
                var line = await process.ReadLineAsync(cancellationToken);
                Assert.That(line, Does.StartWith("committed "), $"writer {i} reported its commit {seen + 1} ({process.Error})");
            }

            await Task.Delay(random.Next(0, 40), cancellationToken);
            Assert.That(process.HasExited, Is.False, $"writer {i} is still working when it is killed");
            await process.KillAsync();
            committedBeforeKill += wanted;
            await process.WaitForExitAsync(cancellationToken);

            // Whatever is visible is whole, every time.
            foreach (var folder in BundleAssert.RunFolders(root))
            {
                BundleAssert.IsWhole(folder);
            }
        }

        var store = Some.Store(root);
        var recovered = await store.RecoverAsync(TimeSpan.Zero, cancellationToken);
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(root, ".staging")), Is.Empty, $"recover cleaned staging ({recovered})");
        Assert.That(recovered.InProgress, Is.Zero);

        var folders = BundleAssert.RunFolders(root);
        Assert.That(folders, Has.Count.GreaterThanOrEqualTo(committedBeforeKill), "every commit a writer reported before it was killed is there");
        var before = store.ReadIndex();
        Assert.That(before.Entries.Count, Is.LessThanOrEqualTo(folders.Count), "the index never names a run that is not there");

        var reindexed = await store.ReindexAsync(cancellationToken);
        Assert.That(reindexed.Runs, Is.EqualTo(folders.Count));
        Assert.That(reindexed.Unreadable, Is.Empty);
        var after = store.ReadIndex();
        Assert.That(after.SkippedLines, Is.Zero);
        Assert.That(after.Entries.Select(e => e.RunPath), Is.EquivalentTo(folders.Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))));
        TestContext.Out.WriteLine($"{folders.Count} runs survived {kills} kills; recover removed {recovered.RemovedStagingFolders} staging folders and {recovered.RemovedLockFiles} files; the index had {before.Entries.Count} lines and {before.SkippedLines} torn");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Recover_LeavesACommitInProgressAlone(CancellationToken cancellationToken)
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var store = Some.Store(root);
        var staging = Path.Combine(root, ".staging");
        Directory.CreateDirectory(staging);
        // A live writer: lock held.
        Directory.CreateDirectory(Path.Combine(staging, "live"));
        await using var held = new FileStream(Path.Combine(staging, "live.lock"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        // A crashed writer: lock file left, nobody holds it.
        Directory.CreateDirectory(Path.Combine(staging, "dead"));
        await File.WriteAllTextAsync(Path.Combine(staging, "dead", "partial.bin"), "x", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(staging, "dead.lock"), string.Empty, cancellationToken);

        var result = await store.RecoverAsync(TimeSpan.Zero, cancellationToken);

        Assert.That(result.InProgress, Is.EqualTo(1));
        Assert.That(result.RemovedStagingFolders, Is.EqualTo(1));
        Assert.That(Directory.Exists(Path.Combine(staging, "live")), Is.True);
        Assert.That(Directory.Exists(Path.Combine(staging, "dead")), Is.False);
        Assert.That(File.Exists(Path.Combine(staging, "dead.lock")), Is.False);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Reindex_RestoresLostLinesAndDropsLinesOfMissingRuns(CancellationToken cancellationToken)
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var store = Some.Store(root);
        var a = await store.CreateRun("m").WithPrompt("a").CommitAsync(cancellationToken);
        var b = await store.CreateRun("m").WithPrompt("b").CommitAsync(cancellationToken);
        var c = await store.CreateRun("m").WithPrompt("c").CommitAsync(cancellationToken);
        // Lose b's line (a crash between publish and append), and remove c's folder by hand.
        var lines = (await File.ReadAllLinesAsync(store.IndexPath, cancellationToken)).Where(l => !l.Contains(b.RunId, StringComparison.Ordinal));
        await File.WriteAllLinesAsync(store.IndexPath, lines, cancellationToken);
        Directory.Delete(c.FullPath, recursive: true);

        var result = await store.ReindexAsync(cancellationToken);

        Assert.That(result.Runs, Is.EqualTo(2));
        Assert.That(store.ReadIndex().Entries.Select(e => e.RunId), Is.EqualTo(new[] { b.RunId, a.RunId }));
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(root, ".staging")), Is.Empty, "no temporary index left");
    }

}
