namespace RunArtifacts.IO.Internal;

/// <summary>
/// Flushes a staged run before its publish rename: every folder of the run and every file not already flushed by the
/// copy that staged it (the small files: texts, logs, records, sidecars), all at once. The fsyncs are issued together
/// from several threads, so the file system commits its journal once for all of them (group commit) where one fsync
/// after another paid one commit and one disk-cache flush each. What is flushed before the rename is unchanged.
/// </summary>
internal static class StagedRunFlush
{
    private const int Workers = 8;

    private static readonly Lazy<System.Collections.Concurrent.BlockingCollection<Action>> Queue = new(StartWorkers);

    /// <summary>Fsyncs the run folder, its subfolders and its files except <paramref name="alreadyFlushed"/> (run-relative, '/'-separated).</summary>
    /// <exception cref="IOException">A file could not be flushed.</exception>
    public static void Flush(string runDirectory, IReadOnlySet<string> alreadyFlushed)
    {
        var items = new List<(string Path, bool Directory)> { (runDirectory, true) };
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var sub in Directory.EnumerateDirectories(runDirectory, "*", options))
        {
            items.Add((sub, true));
        }

        foreach (var file in Directory.EnumerateFiles(runDirectory, "*", options))
        {
            if (!alreadyFlushed.Contains(Path.GetRelativePath(runDirectory, file).Replace('\\', '/')))
            {
                items.Add((file, false));
            }
        }

        FsyncAll(items);
    }

    /// <summary>
    /// Runs <paramref name="flush"/> (a blocking fsync) on a flush worker and returns at once: for a flush that can go
    /// to the disk together with the caller's next one (one journal commit for both).
    /// </summary>
    public static Task Start(Action flush)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue.Value.Add(() =>
        {
            try
            {
                flush();
                done.SetResult();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                done.SetException(ex);
            }
        });
        return done.Task;
    }

    /// <summary>Fsyncs every item, the first on this thread and the others on the flush workers, and waits for all.</summary>
    private static void FsyncAll(List<(string Path, bool Directory)> items)
    {
        Exception? failure = null;
        using var done = new CountdownEvent(items.Count - 1);
        for (var i = 1; i < items.Count; i++)
        {
            var item = items[i];
            Queue.Value.Add(() =>
            {
                try
                {
                    Fsync(item);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Interlocked.CompareExchange(ref failure, ex, null);
                }
                finally
                {
                    done.Signal();
                }
            });
        }

        try
        {
            Fsync(items[0]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Interlocked.CompareExchange(ref failure, ex, null);
        }

        done.Wait();
        if (failure is not null)
        {
            throw failure as IOException ?? new IOException(failure.Message, failure);
        }
    }

    private static void Fsync((string Path, bool Directory) item)
    {
        if (item.Directory)
        {
            NativeFs.FsyncDirectory(item.Path);
            return;
        }

        using var stream = new FileStream(item.Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 0);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>A few background threads that only wait on fsync (never the thread pool, which a blocked fsync would starve).</summary>
    private static System.Collections.Concurrent.BlockingCollection<Action> StartWorkers()
    {
        var queue = new System.Collections.Concurrent.BlockingCollection<Action>();
        for (var i = 0; i < Workers; i++)
        {
            new Thread(() =>
            {
                foreach (var work in queue.GetConsumingEnumerable())
                {
                    work();
                }
            })
            { IsBackground = true, Name = "RunArtifacts fsync" }.Start();
        }

        return queue;
    }
}
