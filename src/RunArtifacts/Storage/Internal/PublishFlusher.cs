using Microsoft.Extensions.Logging;
using RunArtifacts.Internal;
using RunArtifacts.IO.Internal;

namespace RunArtifacts.Storage.Internal;

/// <summary>
/// The group flusher of <see cref="RunArtifactsOptions.DeferPublishFlush"/>: the second flush round of a commit (the date
/// folder a run was renamed into, and <c>index.jsonl</c> after its line was appended) done in the background instead of
/// inside the commit. Requests made while a flush is running are collected into the next one, so one fsync of the index
/// serves every line appended before it and one fsync of a date folder every rename into it (group commit). Like
/// PostgreSQL's WAL writer (<c>wal_writer_delay</c>), a round starts <see cref="Delay"/> after the first request it serves,
/// not at once: an immediate round would contend with the next commit's own flush for the disk, where one round per
/// interval serves every commit made in it. <see cref="FlushAsync"/> starts the round at once. A failure is logged and
/// kept until the next <see cref="FlushAsync"/>, which throws it.
/// </summary>
internal sealed class PublishFlusher(string root, string indexPath, Func<StoreFileSystem> fileSystem, PublishFolders folders, ILogger logger)
{
    /// <summary>How long a request waits for others to join its flush round, unless <see cref="FlushAsync"/> is called.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(100);

    private readonly Lock gate = new();
    private Timer? timer;
    private bool timerArmed;
    private bool draining;
    private bool kicked;
    private HashSet<string> folderBatch = new(StringComparer.Ordinal);
    private bool indexBatch;
    private bool indexCreatedBatch;
    private int runsBatch;
    private TaskCompletionSource? collecting;
    private TaskCompletionSource? flushing;
    private Exception? failure;
    private int failedRuns;
    private int flushCount;

    /// <summary>How many flush rounds ran (each one fsync of every folder and of the index it collected); tests read it.</summary>
    public int FlushCount => Volatile.Read(ref flushCount);

    /// <summary>Whether a request is waiting or a flush is running.</summary>
    public bool Pending
    {
        get
        {
            lock (gate)
            {
                return collecting is not null || flushing is not null;
            }
        }
    }

    /// <summary>Asks for the run's rename (its date folder) and, when its line was appended, the index to be made durable.</summary>
    /// <param name="publishFolder">The folder the run was renamed into.</param>
    /// <param name="indexLine">Whether the run's index line was appended (false when the append failed).</param>
    /// <param name="indexCreated">Whether that line created <c>index.jsonl</c> (its entry in the root is flushed too).</param>
    public void Request(string publishFolder, bool indexLine, bool indexCreated)
    {
        lock (gate)
        {
            folderBatch.Add(publishFolder);
            indexBatch |= indexLine;
            indexCreatedBatch |= indexCreated;
            runsBatch++;
            if (collecting is not null)
            {
                return;
            }

            collecting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!draining)
            {
                // A running round arms the timer for this batch when it ends.
                ArmTimer();
            }
        }
    }

    /// <summary>Starts a round for the waiting batch now, unless one is running (it then starts the next one at once when it ends).</summary>
    private void Kick()
    {
        lock (gate)
        {
            if (collecting is null)
            {
                return;
            }

            if (draining)
            {
                kicked = true;
                return;
            }

            draining = true;
            kicked = false;
        }

        _ = StagedRunFlush.Start(Drain);
    }

    /// <summary>Under the lock: starts the round after <see cref="Delay"/>.</summary>
    private void ArmTimer()
    {
        if (timerArmed)
        {
            return;
        }

        timerArmed = true;
        timer ??= new Timer(static state => ((PublishFlusher)state!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
        timer.Change(Delay, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        lock (gate)
        {
            timerArmed = false;
        }

        Kick();
    }

    /// <summary>
    /// Waits for every flush requested before the call; then throws the first background failure not yet reported
    /// (once: the next call starts clean).
    /// </summary>
    /// <exception cref="ArtifactCommitException">A background flush failed since the last call.</exception>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Task wait;
        lock (gate)
        {
            wait = collecting?.Task ?? flushing?.Task ?? Task.CompletedTask;
        }

        Kick();
        await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        Exception? error;
        int runs;
        lock (gate)
        {
            (error, runs, failure, failedRuns) = (failure, failedRuns, null, 0);
        }

        if (error is not null)
        {
            throw new ArtifactCommitException(
                $"A background flush of published runs in '{root}' failed ({error.Message}); {runs} run(s) published and indexed before it may not survive a power loss (after one, 'recover' and 'reindex' restore a consistent root).",
                error)
            { Stage = CommitStage.Publish, Published = true };
        }
    }

    /// <summary>
    /// Flushes the waiting batch (on a flush worker); then the next one at once if a waiter asked for it, else after
    /// <see cref="Delay"/> if requests came in meanwhile.
    /// </summary>
    private void Drain()
    {
        var first = true;
        while (true)
        {
            HashSet<string> batchFolders;
            bool index, indexCreated;
            int runs;
            TaskCompletionSource done;
            lock (gate)
            {
                if (collecting is null || (!first && !kicked))
                {
                    draining = false;
                    if (collecting is not null)
                    {
                        ArmTimer();
                    }

                    return;
                }

                first = false;
                kicked = false;
                (done, flushing, collecting) = (collecting, collecting, null);
                (batchFolders, index, indexCreated, runs) = (folderBatch, indexBatch, indexCreatedBatch, runsBatch);
                (folderBatch, indexBatch, indexCreatedBatch, runsBatch) = (new(StringComparer.Ordinal), false, false, 0);
            }

            try
            {
                FlushBatch(batchFolders, index, indexCreated);
            }
            catch (Exception ex)
            {
                // Any failure (not only I/O): it must reach the next FlushAsync, and a flush worker must not die of it.
                Log.BackgroundFlushFailed(logger, runs, root, ex);
                lock (gate)
                {
                    failure ??= ex;
                    failedRuns += runs;
                }
            }

            Interlocked.Increment(ref flushCount);
            lock (gate)
            {
                // The round is over before its waiters run: one that returns from FlushAsync must not still see it as
                // pending (cleared on the loop's next turn, it raced with the waiter's continuation).
                flushing = null;
            }

            done.SetResult();
        }
    }

    /// <summary>
    /// The index's fsync, then each folder's, on this thread (a flush worker). Not fanned out to the other workers: this
    /// worker would block waiting for them, and several stores' rounds at once could hold every worker. Sequential costs
    /// little: the index's fsync commits the file system's journal with the renames in it (ext4, XFS), so the folders'
    /// fsyncs after it find little or nothing left to write. Every fsync is attempted; the first failure is thrown.
    /// </summary>
    private void FlushBatch(HashSet<string> batchFolders, bool index, bool indexCreated)
    {
        var system = fileSystem();
        Exception? first = null;
        void Attempt(Action flush)
        {
            try
            {
                flush();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                first ??= ex;
            }
        }

        if (index)
        {
            Attempt(() => system.FsyncFile(indexPath));
            if (indexCreated)
            {
                Attempt(() => system.FsyncDirectory(root));
            }
        }

        foreach (var folder in batchFolders)
        {
            Attempt(() =>
            {
                system.FsyncDirectory(folder);
                folders.MakeEntryDurable(root, folder);
            });
        }

        if (first is not null)
        {
            throw first as IOException ?? new IOException(first.Message, first);
        }
    }
}
