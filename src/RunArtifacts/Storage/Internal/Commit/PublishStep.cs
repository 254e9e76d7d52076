using RunArtifacts.IO.Internal;
using RunArtifacts.Records.Internal;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>
/// Step 7, <see cref="CommitStage.Publish"/>: one rename of the staged folder into its date folder. A name taken by
/// another writer is refused by the rename itself; the records are then rewritten for the next suffix and the rename tried again.
/// </summary>
internal static class PublishStep
{
    /// <returns>The run, and the flush that makes its rename durable (completed when flushing is off or deferred: then
    /// <see cref="IndexStep"/> hands it to the store's group flusher), which
    /// <see cref="IndexStep"/> waits for after it has flushed the index line, so both reach the disk in one journal commit.</returns>
    public static (CommittedRun Run, Task Durable) Run(CommitContext context, StagingArea staging, AssembledRun records, CancellationToken cancellationToken)
    {
        while (!context.FileSystem.TryPublish(records.Directory, Path.Combine(records.DateDirectory, records.RunId)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            records.WriteFor(records.Attempt + 1);
        }

        staging.Published = true;
        var durable = Task.CompletedTask;
        if (context.Options.FlushToDisk && !context.DeferPublishFlush)
        {
            // The rename is durable once the folder it landed in is flushed (on ext4 and XFS the rename is one journal
            // transaction, so the staging entry goes with it). The date folder's own entry in the root is flushed once
            // per folder, not per commit. The staging root is not flushed: a staging entry that a crash brought back
            // would be a stale staging folder, which recover removes, and flushing it after the date folder could not
            // prevent that anyway. The flush starts here and is waited for after the index line's own flush: the two
            // fsyncs then share one journal commit and one disk-cache flush instead of paying one each, one after the other.
            var dateDirectory = records.DateDirectory;
            durable = StagedRunFlush.Start(() =>
            {
                NativeFs.FsyncDirectory(dateDirectory);
                context.PublishFolders.MakeEntryDurable(context.RootPath, dateDirectory);
            });
        }

        var run = new CommittedRun
        {
            RunId = records.RunId,
            RunPath = records.Run.RunPath,
            FullPath = Path.Combine(records.DateDirectory, records.RunId),
            Run = records.Run,
            Manifest = records.Manifest,
            IndexEntry = RecordFactory.IndexEntry(records.Manifest),
        };
        return (run, durable);
    }

    /// <summary>
    /// A hint for the first suffix to try (the rename still decides): the first free one, found with O(log n) existence
    /// checks (gallop, then bisect) instead of listing a date folder that may hold thousands of runs.
    /// </summary>
    internal static int FirstCandidate(string dateDir, string baseId)
    {
        bool Taken(int n) => Directory.Exists(Path.Combine(dateDir, Naming.WithSuffix(baseId, n)));
        if (!Taken(1))
        {
            return 1;
        }

        int taken = 1, free = 2;
        while (Taken(free))
        {
            taken = free;
            if (free >= 1 << 24)
            {
                return free + 1;
            }

            free *= 2;
        }

        while (free - taken > 1)
        {
            var mid = taken + ((free - taken) / 2);
            if (Taken(mid))
            {
                taken = mid;
            }
            else
            {
                free = mid;
            }
        }

        return free;
    }
}
