using Microsoft.Extensions.Logging;
using RunArtifacts.Storage;
using RunArtifacts.Storage.Internal;

namespace RunArtifacts.Tests.Storage;

/// <summary>
/// <see cref="RunArtifactsOptions.DeferPublishFlush"/>: a commit returns with its run whole, published and indexed; the
/// rename's and the index line's fsync are done by the store's group flusher, waited for by FlushAsync and dispose; a
/// background failure is logged and thrown by the next FlushAsync; recover and reindex restore what a power loss can leave.
/// </summary>
public class DeferredFlushTests
{
    [Test]
    public async Task CommitAsync_DeferPublishFlush_RunAndLineExistAtOnce_FlushAsyncFsyncsTheFolderAndTheIndex()
    {
        using var temp = new TempRoot();
        var fs = new CountingFileSystem();
        var store = Store(temp, fs);

        var runs = new List<CommittedRun>();
        for (var i = 0; i < 3; i++)
        {
            runs.Add(await store.CreateRun("m").WithPrompt($"p{i}").CommitAsync());
            BundleAssert.IsWhole(runs[^1].FullPath);
        }

        Assert.That(store.ReadIndex().Entries.Select(e => e.RunId), Is.EquivalentTo(runs.Select(r => r.RunId)));
        await store.FlushAsync();

        Assert.That(store.Context.Flusher.Pending, Is.False);
        Assert.That(store.Context.Flusher.FlushCount, Is.InRange(1, 3));
        Assert.That(fs.Files, Has.Some.EqualTo(store.IndexPath));
        Assert.That(fs.Directories, Has.Some.EqualTo(Path.GetDirectoryName(runs[0].FullPath)));
        Assert.That(fs.Directories, Has.Some.EqualTo(store.RootPath), "the index was created by these commits: its entry in the root is flushed");
        Assert.That(fs.Files, Has.Count.EqualTo(store.Context.Flusher.FlushCount), "one fsync of the index per flush round, not per run");
    }

    [Test]
    public async Task CommitAsync_DeferPublishFlushOff_TheCommitFlushesItself_TheGroupFlusherIsNotUsed()
    {
        using var temp = new TempRoot();
        var fs = new CountingFileSystem();
        var store = Store(temp, fs, defer: false);

        await store.CreateRun("m").WithPrompt("p").CommitAsync();
        await store.FlushAsync();

        Assert.That(store.Context.Flusher.FlushCount, Is.Zero);
        Assert.That(fs.Files, Is.Empty);
        Assert.That(fs.Directories, Is.Empty);
    }

    [Test]
    public async Task FlushAsync_CommitsDuringARunningFlush_ShareTheNextOneFsyncOfTheIndex()
    {
        using var temp = new TempRoot();
        var fs = new CountingFileSystem { HoldFirstIndexFsync = true };
        var store = Store(temp, fs);

        await store.CreateRun("m").WithPrompt("first").CommitAsync();
        await fs.FirstIndexFsyncEntered.Task.WaitAsync(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 4; i++)
        {
            await store.CreateRun("m").WithPrompt($"p{i}").CommitAsync();
        }

        var flushed = store.FlushAsync();
        Assert.That(flushed.IsCompleted, Is.False, "the first flush is still held");
        fs.ReleaseFirstIndexFsync.SetResult();
        await flushed;

        Assert.That(store.ReadIndex().Entries, Has.Count.EqualTo(5));
        Assert.That(store.Context.Flusher.FlushCount, Is.EqualTo(2), "one round for the first run, one for the four committed while it ran");
        Assert.That(fs.Files, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task FlushAsync_BackgroundFlushFailed_LoggedAndThrownOnceByTheNextFlush()
    {
        using var temp = new TempRoot();
        var fs = new CountingFileSystem { FailDirectories = true };
        var log = new ListLoggerFactory();
        var store = Store(temp, fs, loggerFactory: log);

        var run = await store.CreateRun("m").WithPrompt("p").CommitAsync();
        BundleAssert.IsWhole(run.FullPath);

        var ex = await Assert.ThrowsAsync<ArtifactCommitException>(() => store.FlushAsync());
        Assert.That(ex!.Published, Is.True);
        Assert.That(ex.Stage, Is.EqualTo(CommitStage.Publish));
        Assert.That(ex.InnerException, Is.InstanceOf<IOException>());
        Assert.That(ex.Message, Does.Contain("1 run(s)").And.Contain("power loss"));
        Assert.That(log.AtLeast(LogLevel.Error), Has.Some.Contains("background flush of 1 published run(s)"));

        fs.FailDirectories = false;
        await store.CreateRun("m").WithPrompt("q").CommitAsync();
        await Assert.DoesNotThrowAsync(() => store.FlushAsync(), "a failure is reported once");
    }

    [Test]
    public async Task DisposeAsync_BackgroundFlushFailed_Throws()
    {
        using var temp = new TempRoot();
        var store = Store(temp, new CountingFileSystem { FailDirectories = true });
        await store.CreateRun("m").WithPrompt("p").CommitAsync();

        await Assert.ThrowsAsync<ArtifactCommitException>(async () => await store.DisposeAsync());
    }

    [Test]
    public async Task RecoverAndReindex_WhatAPowerLossBeforeTheFlushCanLeave_RestoreAConsistentRoot()
    {
        using var temp = new TempRoot();
        var store = Store(temp, new CountingFileSystem());
        var kept = await store.CreateRun("m").WithPrompt("kept").CommitAsync();
        var unindexed = await store.CreateRun("m").WithPrompt("line lost").CommitAsync();
        var unrenamed = await store.CreateRun("m").WithPrompt("rename lost").CommitAsync();
        await store.FlushAsync();

        // The state a power loss can leave: the last run's rename did not reach the disk (its flushed staging folder is
        // back in .staging/, its index line did), and the run before it lost its index line (its rename reached the disk).
        var staged = Path.Combine(store.RootPath, ".staging", "stg-" + unrenamed.RunId);
        Directory.Move(unrenamed.FullPath, staged);
        var lines = File.ReadAllLines(store.IndexPath);
        File.WriteAllLines(store.IndexPath, lines.Where(l => !l.Contains(unindexed.RunId, StringComparison.Ordinal)));

        var reopened = Some.Store(store.RootPath);
        var recovered = await reopened.RecoverAsync(TimeSpan.Zero, CancellationToken.None);
        var reindexed = await reopened.ReindexAsync();

        Assert.That(recovered.RemovedStagingFolders, Is.EqualTo(1));
        Assert.That(Directory.Exists(staged), Is.False);
        Assert.That(reindexed.Runs, Is.EqualTo(2));
        Assert.That(reopened.ReadIndex().Entries.Select(e => e.RunId), Is.EquivalentTo(new[] { kept.RunId, unindexed.RunId }));
        Assert.That(BundleAssert.RunFolders(store.RootPath), Has.Count.EqualTo(2));
        BundleAssert.IsWhole(unindexed.FullPath);
    }

    private static RunArtifactStore Store(TempRoot temp, CountingFileSystem fs, bool defer = true, ILoggerFactory? loggerFactory = null)
    {
        var store = new RunArtifactStore(new RunArtifactsOptions { Root = temp.Combine("root"), FlushToDisk = true, DeferPublishFlush = defer }, loggerFactory: loggerFactory);
        store.FileSystem = fs;
        return store;
    }

    /// <summary>The real fsyncs, counted; optionally failing, or holding the first index fsync until released.</summary>
    private sealed class CountingFileSystem : StoreFileSystem
    {
        private int held;

        public List<string> Directories { get; } = [];

        public List<string> Files { get; } = [];

        public bool FailDirectories { get; set; }

        public bool HoldFirstIndexFsync { get; init; }

        public TaskCompletionSource FirstIndexFsyncEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource ReleaseFirstIndexFsync { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void FsyncDirectory(string directory)
        {
            lock (Directories)
            {
                Directories.Add(directory);
            }

            if (FailDirectories)
            {
                throw new IOException("Input/output error (simulated)");
            }

            base.FsyncDirectory(directory);
        }

        public override void FsyncFile(string path)
        {
            lock (Files)
            {
                Files.Add(path);
            }

            if (HoldFirstIndexFsync && Interlocked.Exchange(ref held, 1) == 0)
            {
                FirstIndexFsyncEntered.SetResult();
                ReleaseFirstIndexFsync.Task.Wait(TimeSpan.FromMinutes(1));
            }

            base.FsyncFile(path);
        }
    }
}
