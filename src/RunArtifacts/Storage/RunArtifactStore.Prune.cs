using RunArtifacts.Records;
using RunArtifacts.Storage.Internal;

namespace RunArtifacts.Storage;

public sealed partial class RunArtifactStore
{
    /// <summary>The prefix of the folders under <c>.staging/</c> that hold runs being pruned.</summary>
    internal const string TrashPrefix = "trash-";

    /// <summary>
    /// Removes whole runs by retention criteria. The run folders (not the index) decide what exists. Each run that goes
    /// is first moved out of the tree into <c>.staging/trash-…/</c> with one rename on the same volume, so no reader
    /// ever sees a half-deleted run; then <c>index.jsonl</c> is rewritten without those runs under the index lock
    /// (lines appended meanwhile by other writers are kept); then the trash is deleted. A crash leaves either the run
    /// in place or the run in the trash, which <see cref="RecoverAsync(CancellationToken)"/> deletes; an index line
    /// left pointing at a moved run is dropped by <see cref="ReindexAsync"/>. Empty date folders are left in place.
    /// </summary>
    /// <param name="criteria">Which runs go; see <see cref="PruneCriteria"/>.</param>
    /// <param name="progress">Receives progress per stage; optional.</param>
    /// <param name="cancellationToken">Cancels the scan and the moves; once runs have moved, the index is rewritten regardless.</param>
    /// <returns>The runs removed (or that would be, for a dry run), newest first.</returns>
    /// <exception cref="ArgumentException">The criteria set nothing, or hold a negative value.</exception>
    /// <remarks>The scan and the moves are file-system work: they run on the thread pool.</remarks>
    public Task<PruneResult> PruneAsync(PruneCriteria criteria, IProgress<PruneProgress>? progress = null, CancellationToken cancellationToken = default)
        => Task.Run(() => PruneCoreAsync(criteria, progress, cancellationToken), cancellationToken);

    private async Task<PruneResult> PruneCoreAsync(PruneCriteria criteria, IProgress<PruneProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        criteria.Validate();

        var folders = EnumerateRunFolders().ToList();
        var runs = new List<(ManifestRecord Manifest, string Folder)>(folders.Count);
        var unreadable = new List<string>();
        for (var i = 0; i < folders.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folder = folders[i];
            var (manifest, relative) = await TryReadManifestAsync(folder, cancellationToken).ConfigureAwait(false);
            if (manifest is null)
            {
                unreadable.Add(relative);
            }
            else
            {
                runs.Add((manifest, folder));
            }

            progress?.Report(new PruneProgress("scan", i + 1, folders.Count));
        }

        // An age reaching back beyond year 1 matches no run (the earliest time there is as the cutoff), rather than overflowing.
        var now = TimeProvider.GetUtcNow();
        var cutoff = criteria.OlderThan is { } age ? (age < now - DateTimeOffset.MinValue ? now - age : DateTimeOffset.MinValue) : (DateTimeOffset?)null;
        var doomed = runs
            .Where(r => criteria.Status is null || r.Manifest.Status == criteria.Status)
            .OrderByDescending(r => r.Manifest.CreatedAt)
            .ThenByDescending(r => r.Manifest.RunId, StringComparer.Ordinal)
            .Skip(criteria.KeepLast ?? 0)
            .Where(r => cutoff is null || r.Manifest.CreatedAt < cutoff)
            .ToList();

        if (criteria.DryRun || doomed.Count == 0)
        {
            return new PruneResult(doomed.Select(d => d.Manifest).ToList(), runs.Count - doomed.Count, unreadable, criteria.DryRun);
        }

        var stagingRoot = Path.Combine(RootPath, StagingArea.FolderName);
        Directory.CreateDirectory(stagingRoot);
        var token = $"{TrashPrefix}{TimeProvider.GetUtcNow().UtcDateTime:yyyyMMddHHmmss}-{System.Environment.ProcessId}-{Guid.NewGuid():N}";
        var trash = Path.Combine(stagingRoot, token);
        var lockPath = trash + StagingArea.LockSuffix;

        // Held for the whole prune: recover leaves a trash folder alone while its lock is held, and deletes it once the
        // process that made it is gone (the OS drops the lock).
        var trashLock = new FileStream(lockPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        var removed = new List<ManifestRecord>(doomed.Count);
        try
        {
            Directory.CreateDirectory(trash);
            var moved = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                for (var i = 0; i < doomed.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var (manifest, folder) = doomed[i];
                    var target = Path.Combine(trash, manifest.RunPath.Replace('/', Path.DirectorySeparatorChar));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    try
                    {
                        Directory.Move(folder, target);
                        moved.Add(manifest.RunPath);
                        removed.Add(manifest);
                    }
                    catch (DirectoryNotFoundException)
                    {
                        // Another prune took it first.
                    }

                    progress?.Report(new PruneProgress("move", i + 1, doomed.Count));
                }
            }
            finally
            {
                if (moved.Count > 0)
                {
                    // Read inside the lock that ReplaceAsync holds, so lines appended by concurrent commits are kept.
                    progress?.Report(new PruneProgress("index", 0, 1));
                    var catalogInStep = false;
                    await Index.ReplaceAsync(Surviving(moved), stagingRoot, Options.FlushToDisk, CancellationToken.None, () => catalogInStep = Catalog.InStepBeforeRewrite(), () => Catalog.AfterPrune(catalogInStep, moved)).ConfigureAwait(false);
                    progress?.Report(new PruneProgress("index", 1, 1));
                }
            }

            progress?.Report(new PruneProgress("delete", 0, 1));
            StagingArea.TryDeleteDirectory(trash);
            progress?.Report(new PruneProgress("delete", 1, 1));
        }
        finally
        {
            await trashLock.DisposeAsync().ConfigureAwait(false);
            if (!Directory.Exists(trash))
            {
                File.Delete(lockPath);
            }
        }

        return new PruneResult(removed, runs.Count - removed.Count, unreadable, DryRun: false);
    }

    private IEnumerable<IndexEntry> Surviving(HashSet<string> moved)
    {
        foreach (var entry in Index.ReadAll(null).Entries)
        {
            if (!moved.Contains(entry.RunPath))
            {
                yield return entry;
            }
        }
    }
}
