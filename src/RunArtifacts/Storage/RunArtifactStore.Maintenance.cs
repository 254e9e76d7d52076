using System.Globalization;
using RunArtifacts.Internal;
using RunArtifacts.Records;
using RunArtifacts.Records.Internal;
using RunArtifacts.Serialization;
using RunArtifacts.Storage.Internal;

namespace RunArtifacts.Storage;

public sealed partial class RunArtifactStore
{
    /// <summary>Recover with a grace period: an unlocked lock file younger than <paramref name="grace"/> is left alone (its writer may be between creating and locking it).</summary>
    /// <remarks>The scan is file-system work: it runs on the thread pool, and the token is checked between entries.</remarks>
    internal Task<RecoverResult> RecoverAsync(TimeSpan grace, CancellationToken cancellationToken)
        => Task.Run(() => RecoverCoreAsync(grace, cancellationToken), cancellationToken);

    private async Task<RecoverResult> RecoverCoreAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        var staging = Path.Combine(RootPath, StagingArea.FolderName);
        if (!Directory.Exists(staging))
        {
            return new RecoverResult(0, 0, 0);
        }

        int folders = 0, files = 0, inProgress = 0;
        var now = DateTime.UtcNow;
        foreach (var dir in Directory.EnumerateDirectories(staging))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lockPath = dir + StagingArea.LockSuffix;
            using var held = TryLock(lockPath);
            if (held is null && File.Exists(lockPath))
            {
                inProgress++;
                continue;
            }

            if (held is null && now - Directory.GetLastWriteTimeUtc(dir) < grace)
            {
                // No lock file yet and very new: a writer may be between creating its lock and its folder.
                inProgress++;
                continue;
            }

            if (held is not null && now - File.GetLastWriteTimeUtc(lockPath) < grace && now - Directory.GetLastWriteTimeUtc(dir) < grace)
            {
                inProgress++;
                continue;
            }

            StagingArea.TryDeleteDirectory(dir);
            if (!Directory.Exists(dir))
            {
                folders++;
            }

            if (held is not null)
            {
                File.Delete(lockPath);
                files++;
            }
        }

        foreach (var file in Directory.EnumerateFiles(staging))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(file);
            if (name.EndsWith(StagingArea.LockSuffix, StringComparison.Ordinal) && !Directory.Exists(file[..^StagingArea.LockSuffix.Length]))
            {
                using var held = TryLock(file);
                if (held is not null && now - File.GetLastWriteTimeUtc(file) >= grace)
                {
                    File.Delete(file);
                    files++;
                }
            }
            else if (name.StartsWith("index.", StringComparison.Ordinal) && name.EndsWith(".jsonl", StringComparison.Ordinal))
            {
                // A reindex that crashed; the index lock proves no reindex is running now.
                using var gate = await Index.LockAsync(cancellationToken).ConfigureAwait(false);
                if (File.Exists(file))
                {
                    File.Delete(file);
                    files++;
                }
            }
        }

        Log.Recovered(Logger, folders + files, RootPath);
        return new RecoverResult(folders, files, inProgress);
    }

    /// <summary>
    /// Rebuilds <c>index.jsonl</c> from the run folders (the source of truth), ordered by creation time, and replaces
    /// it atomically. Runs whose index line was lost come back; lines of runs that no longer exist go. The catalog
    /// (<c>catalog.sqlite</c>) is rebuilt from the same folders into a new file that replaces the old one together with the index.
    /// </summary>
    /// <param name="cancellationToken">Cancels the scan; the old index is kept.</param>
    /// <returns>How many runs were indexed and which folders could not be read.</returns>
    /// <remarks>The scan reads every run folder: it runs on the thread pool, and the token is checked between folders.</remarks>
    public Task<ReindexResult> ReindexAsync(CancellationToken cancellationToken = default)
        => Task.Run(() => ReindexCoreAsync(cancellationToken), cancellationToken);

    private async Task<ReindexResult> ReindexCoreAsync(CancellationToken cancellationToken)
    {
        var previous = Index.ReadAll(null).Entries.Count;
        var entries = new List<IndexEntry>();
        var unreadable = new List<string>();
        foreach (var runDir in EnumerateRunFolders())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (manifest, relative) = await TryReadManifestAsync(runDir, cancellationToken).ConfigureAwait(false);
            if (manifest is null)
            {
                unreadable.Add(relative);
                continue;
            }

            entries.Add(RecordFactory.IndexEntry(manifest));
        }

        entries.Sort((a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : string.CompareOrdinal(a.RunId, b.RunId));
        using var catalog = Catalog.PrepareRebuild(cancellationToken);
        await Index.ReplaceAsync(entries, Path.Combine(RootPath, StagingArea.FolderName), Options.FlushToDisk, cancellationToken, afterSwap: () => Catalog.CommitRebuild(catalog)).ConfigureAwait(false);
        Log.Reindexed(Logger, entries.Count, RootPath, unreadable.Count);
        return new ReindexResult(entries.Count, unreadable, previous);
    }

    /// <summary>Every run folder under the root (<c>DATE/RUN_ID</c>, or <c>PROJECT/RUN_ID</c> under the project layout), in name order.</summary>
    internal IEnumerable<string> EnumerateRunFolders()
    {
        if (!Directory.Exists(RootPath))
        {
            yield break;
        }

        foreach (var date in Directory.EnumerateDirectories(RootPath).Where(d => IsRunParentFolder(Path.GetFileName(d))).Order(StringComparer.Ordinal))
        {
            // A project folder (project layout) holds runs named YYYY-MM-DD_HH-MM-SS_…; other folders of that shape are not runs.
            var isDate = DateFolderPattern().IsMatch(Path.GetFileName(date));
            foreach (var run in Directory.EnumerateDirectories(date).Order(StringComparer.Ordinal))
            {
                if (isDate || ProjectRunPattern().IsMatch(Path.GetFileName(run)))
                {
                    yield return run;
                }
            }
        }
    }

    /// <summary>
    /// Reads a run folder's manifest through <see cref="RecordReader"/> (so another major version is refused, as
    /// everywhere else); null when it is missing, unreadable, or names another folder than the one it is in.
    /// </summary>
    internal async Task<(ManifestRecord? Manifest, string RelativePath)> TryReadManifestAsync(string runDir, CancellationToken cancellationToken)
    {
        var relative = Path.GetRelativePath(RootPath, runDir).Replace('\\', '/');
        try
        {
            var manifest = await RecordReader.ReadFileAsync(Path.Combine(runDir, "manifest.json"), Schemas.RecordKind.Manifest, RunArtifactsJsonContext.Default.ManifestRecord, cancellationToken).ConfigureAwait(false);
            return (manifest.RunPath == relative ? manifest : null, relative);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArtifactFormatException)
        {
            return (null, relative);
        }
    }

    /// <summary>
    /// Finds a run folder by run id: in the date folder its id names when the run is there, else by scanning the date
    /// folders (a run filed under another date). Does not read the index.
    /// </summary>
    /// <param name="runId">The run id (the run folder's name), as <c>artifacts ls</c> prints it.</param>
    /// <returns>The absolute path of the run folder, or null when there is no such run (or the id is not a folder name).</returns>
    public string? FindRunFolder(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        if (runId.Length == 0 || runId.Contains('/', StringComparison.Ordinal) || runId.Contains('\\', StringComparison.Ordinal) || runId.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        if (runId.Length >= 8 && DateTime.TryParseExact(runId[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var candidate = Path.Combine(RootPath, Naming.DateFolder(new DateTimeOffset(day, TimeSpan.Zero)), runId);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return EnumerateRunFolders().FirstOrDefault(d => Path.GetFileName(d) == runId);
    }

    private static FileStream? TryLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
