using RunArtifacts.Internal;
using RunArtifacts.Records.Internal;
using RunArtifacts.Serialization;
using RunArtifacts.Storage;

namespace RunArtifacts.Catalog.Internal;

/// <summary>
/// Keeps the catalog of one root in step with its run folders: records each commit, catches up with index lines it
/// has not seen (a writer that crashed between the index line and the catalog, an older tool), and rebuilds it from
/// the folders when it is missing, of another schema version, damaged, or behind a rewritten index.
/// </summary>
internal sealed class CatalogHost
{
    private const string RebuildLockFileName = ".catalog.rebuild.lock";

    private readonly RunArtifactStore store;
    private readonly string indexPath;

    public CatalogHost(RunArtifactStore store, IRunCatalog catalog)
    {
        this.store = store;
        Catalog = catalog;
        indexPath = store.IndexPath;
    }

    public IRunCatalog Catalog { get; }

    /// <summary>
    /// The commit's hook, right after the index line: one upsert, once the catalog exists (until then the first reader
    /// builds it from the folders, so the run's files are not even listed). Never throws; a failure is logged and
    /// repaired by the next reader.
    /// </summary>
    public void RecordCommitted(CommittedRun run)
    {
        try
        {
            if (!Catalog.Exists)
            {
                return;
            }

            Catalog.Upsert([RunFileScanner.Scan(run.IndexEntry, run.Run, run.FullPath)]);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.CatalogUpdateFailed(store.Logger, run.RunId, Catalog.Location, ex);
        }
    }

    /// <summary>Brings the catalog up to date with the index (catching up or rebuilding) and returns it, ready to query.</summary>
    public async Task<IRunCatalog> ReadyAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            string? reason;
            try
            {
                reason = TryCatchUp();
            }
            catch (CatalogCorruptException ex) when (attempt == 0)
            {
                reason = $"damaged: {ex.Message} (quick_check: {Catalog.QuickCheck()})";
            }

            if (reason is null)
            {
                return Catalog;
            }

            if (attempt > 0)
            {
                throw new ArtifactsException($"The catalog '{Catalog.Location}' could not be made ready: {reason}");
            }

            await RebuildAsync(reason, force: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a query, rebuilding once if the catalog turns out damaged midway.</summary>
    public async Task<T> QueryAsync<T>(Func<IRunCatalog, T> query, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(store.RootPath))
        {
            return query(EmptyRunCatalog.Instance);
        }

        var catalog = await ReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return query(catalog);
        }
        catch (CatalogCorruptException ex)
        {
            await RebuildAsync($"damaged: {ex.Message}", force: true, cancellationToken).ConfigureAwait(false);
            return query(await ReadyAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Null when the catalog is up to date (after catching up with new index lines); else why it needs a rebuild.</summary>
    private string? TryCatchUp()
    {
        var state = Catalog.ReadState();
        if (!state.Usable)
        {
            return File.Exists(Catalog.Location) ? "of another schema version or never completed" : "missing";
        }

        var (length, tail) = IndexMarks.Read(indexPath, state.Mark.Length);
        if (length < state.Mark.Length || tail != state.Mark.Tail)
        {
            return "index.jsonl was rewritten since the catalog last saw it";
        }

        if (length == state.Mark.Length)
        {
            return null;
        }

        var (entries, end) = IndexMarks.ReadLines(indexPath, state.Mark.Length);
        if (entries.Count > 0 || end > state.Mark.Length)
        {
            var present = Catalog.Contains(entries.Select(e => e.RunId).ToList());
            var missing = new List<CatalogRun>();
            foreach (var entry in entries.Where(e => !present.Contains(e.RunId)))
            {
                if (Scan(Path.Combine(store.RootPath, entry.RunPath)) is { } run)
                {
                    missing.Add(run);
                }
            }

            Catalog.CatchUp(missing, state.Mark, new IndexMark(end, IndexMarks.Read(indexPath, end).Tail));
            Log.CatalogCaughtUp(store.Logger, entries.Count, missing.Count, Catalog.Location);
        }

        return null;
    }

    /// <summary>Rebuilds the catalog from the run folders, one rebuild at a time per root.</summary>
    public Task RebuildAsync(string reason, bool force, CancellationToken cancellationToken)
        => Task.Run(() => Rebuild(reason, force, cancellationToken), cancellationToken);

    private void Rebuild(string reason, bool force, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(store.RootPath);
        using var gate = CatalogLock.Acquire(Path.Combine(store.RootPath, RebuildLockFileName), exclusive: true, TimeSpan.FromMinutes(10));
        if (!force)
        {
            try
            {
                // Another process may have rebuilt it while this one waited.
                if (TryCatchUp() is null)
                {
                    return;
                }
            }
            catch (CatalogCorruptException)
            {
            }
        }

        Log.CatalogRebuilding(store.Logger, Catalog.Location, reason);
        Catalog.DeleteAbandonedBuilds();

        // The mark is read before the scan: a run whose index line comes later is caught up by the next reader.
        var mark = IndexMarks.Current(indexPath);
        var runs = ScanAll(cancellationToken);
        using var replacement = Catalog.BeginReplace(runs, cancellationToken);
        replacement.Commit(mark);
    }

    /// <summary>Reads every run folder into catalog rows, on every core.</summary>
    public List<CatalogRun> ScanAll(CancellationToken cancellationToken)
    {
        var folders = store.EnumerateRunFolders().ToList();
        var runs = new CatalogRun?[folders.Count];
        Parallel.For(0, folders.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => runs[i] = Scan(folders[i]));
        return runs.OfType<CatalogRun>().ToList();
    }

    /// <summary>One run folder as catalog rows; null when its records cannot be read or name another folder (reindex reports those).</summary>
    public CatalogRun? Scan(string runDirectory)
    {
        var relative = Path.GetRelativePath(store.RootPath, runDirectory).Replace('\\', '/');
        try
        {
            var manifestPath = Path.Combine(runDirectory, "manifest.json");
            var manifestBytes = RecordReader.ReadBytes(manifestPath);
            var manifest = RecordReader.Read(manifestBytes, manifestPath, Schemas.RecordKind.Manifest, RunArtifactsJsonContext.Default.ManifestRecord);
            if (manifest.RunPath != relative)
            {
                return null;
            }

            var runPath = Path.Combine(runDirectory, "run.json");
            var runBytes = RecordReader.ReadBytes(runPath);
            var run = RecordReader.Read(runBytes, runPath, Schemas.RecordKind.Run, RunArtifactsJsonContext.Default.RunRecord);

            // The two records were just read whole: the scan hashes these bytes instead of reading the files again.
            return RunFileScanner.Scan(RecordFactory.IndexEntry(manifest), run, runDirectory, [("manifest.json", manifestBytes), ("run.json", runBytes)]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArtifactFormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// For a maintenance step that rewrites the index under its lock (prune): called before the new index replaces the
    /// old one; returns whether the catalog was in step with the old index (then the step may patch it; else it is dropped).
    /// </summary>
    public bool InStepBeforeRewrite()
    {
        try
        {
            // Catch up with lines appended since the last reader first, so that the catalog can be patched, not dropped.
            return TryCatchUp() is null && Catalog.ReadState() is { Usable: true } state && IndexMarks.Current(indexPath) == state.Mark;
        }
        catch (Exception ex) when (ex is CatalogCorruptException or IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            return false;
        }
    }

    /// <summary>Called under the index lock right after prune rewrote the index: removes the pruned runs, or drops a catalog that was out of step.</summary>
    public void AfterPrune(bool inStep, IReadOnlyCollection<string> removedRunPaths)
    {
        try
        {
            if (inStep)
            {
                Catalog.Remove(removedRunPaths, IndexMarks.Current(indexPath));
            }
            else if (File.Exists(Catalog.Location))
            {
                Catalog.Drop();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.CatalogUpdateFailed(store.Logger, "(prune)", Catalog.Location, ex);
        }
    }

    /// <summary>For reindex: builds a new catalog from the folders beside the live one; null (logged) when that fails.</summary>
    public ICatalogReplacement? PrepareRebuild(CancellationToken cancellationToken)
    {
        try
        {
            return Catalog.BeginReplace(ScanAll(cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            Log.CatalogUpdateFailed(store.Logger, "(reindex)", Catalog.Location, ex);
            return null;
        }
    }

    /// <summary>For reindex, under the index lock right after the new index is in place: puts the new catalog in place with the new index's mark.</summary>
    public void CommitRebuild(ICatalogReplacement? replacement)
    {
        try
        {
            if (replacement is null)
            {
                Catalog.Drop();
            }
            else
            {
                replacement.Commit(IndexMarks.Current(indexPath));
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.CatalogUpdateFailed(store.Logger, "(reindex)", Catalog.Location, ex);
        }
    }
}
