using RunArtifacts.Catalog;
using RunArtifacts.Catalog.Internal;
using RunArtifacts.Records;
using RunArtifacts.Storage.Internal;

namespace RunArtifacts.Storage;

/// <summary>The reading API: runs found, queried and opened through the catalog (<c>catalog.sqlite</c>).</summary>
public sealed partial class RunArtifactStore
{
    private CatalogHost? catalogHost;

    /// <summary>Absolute path of the catalog, <c>catalog.sqlite</c> in the root: derived from the run folders, rebuilt when missing, stale or damaged.</summary>
    public string CatalogPath => Path.Combine(RootPath, SqliteRunCatalog.FileName);

    internal CatalogHost Catalog => LazyInitializer.EnsureInitialized(ref catalogHost, () =>
        new CatalogHost(this, new SqliteRunCatalog(RootPath, Path.Combine(RootPath, StagingArea.FolderName), Options.IndexLockTimeout, Options.FlushToDisk)));

    /// <summary>Finds a run by id.</summary>
    /// <param name="runId">The run id (the folder's name).</param>
    /// <param name="cancellationToken">Cancels a catalog rebuild, if one is needed first.</param>
    /// <returns>Its index entry, or <see langword="null"/> when the root has no such run.</returns>
    public Task<IndexEntry?> FindRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return Catalog.QueryAsync(c => c.FindRun(runId), cancellationToken);
    }

    /// <summary>Opens a run by id: its records, and each output joined with its clip sidecar and its derivatives with their view sidecars.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The bundle, or <see langword="null"/> when the root has no such run.</returns>
    /// <exception cref="ArtifactFormatException">A record of the run is missing, damaged, or of an unknown major version.</exception>
    public async Task<RunBundle?> OpenRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var entry = await FindRunAsync(runId, cancellationToken).ConfigureAwait(false);
        var folder = entry is not null && RunFolderOf(entry) is { } known && Directory.Exists(known) ? known : FindRunFolder(runId);
        return folder is null ? null : await RunBundle.OpenAsync(folder, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queries runs by model, tag, status, time range and prompt text, newest first, a page at a time.</summary>
    /// <param name="query">Filters and paging; all runs when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels a catalog rebuild, if one is needed first.</param>
    /// <returns>The page of index entries and whether more match.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative offset or limit.</exception>
    public Task<RunQueryResult> QueryRunsAsync(RunQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new RunQuery();
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset, nameof(query));
        if (query.Limit is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(limit, nameof(query));
        }

        return Catalog.QueryAsync(c => c.Query(query), cancellationToken);
    }

    /// <summary>
    /// Walks the lineage of a run by content hash: run B depends on run A when an input of B has the SHA-256 of an
    /// output or a derivative of A.
    /// </summary>
    /// <param name="runId">The starting run.</param>
    /// <param name="query">Depth, direction and the bound per shared hash; depth 3, both ways, 50 links per hash when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels a catalog rebuild, if one is needed first.</param>
    /// <returns>The graph around the run, or <see langword="null"/> when the root has no such run.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative depth or a bound below 1.</exception>
    public Task<RunLineage?> GetLineageAsync(string runId, LineageQuery? query = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        query ??= new LineageQuery();
        ArgumentOutOfRangeException.ThrowIfNegative(query.Depth, nameof(query));
        ArgumentOutOfRangeException.ThrowIfLessThan(query.MaxLinksPerHash, 1, nameof(query));
        return Catalog.QueryAsync(c => c.Lineage(runId, query), cancellationToken);
    }

    /// <summary>Every use of a content hash in the root: the runs that produced it, the runs that consumed it, and where.</summary>
    /// <param name="sha256">64 hexadecimal digits (either case).</param>
    /// <param name="limit">At most this many uses of each kind (produced, consumed, other), newest runs first; the rest are counted.</param>
    /// <param name="cancellationToken">Cancels a catalog rebuild, if one is needed first.</param>
    /// <returns>The uses; empty when no file of any run has this hash.</returns>
    /// <exception cref="ArgumentException">The text is not a SHA-256 in hex.</exception>
    public Task<HashLookup> FindBySha256Async(string sha256, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var hash = sha256.Trim().ToLowerInvariant();
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"'{sha256}' is not a SHA-256 (64 hexadecimal digits).", nameof(sha256));
        }

        return Catalog.QueryAsync(c => c.FindBySha256(hash, limit), cancellationToken);
    }

    /// <summary>Every file of a run as the catalog records it (role, path, hash, size, MIME type), in path order.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels a catalog rebuild, if one is needed first.</param>
    /// <returns>The files; empty when the root has no such run.</returns>
    public Task<IReadOnlyList<RunFile>> GetRunFilesAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return Catalog.QueryAsync(c => c.Files(runId), cancellationToken);
    }

    /// <summary>Absolute path of the folder an index entry names, or null when the entry's path is not a path inside the root.</summary>
    /// <param name="entry">An index entry of this root.</param>
    /// <returns>The folder.</returns>
    public string? RunFolderOf(IndexEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var full = Path.GetFullPath(Path.Combine(RootPath, entry.RunPath));
        return full.StartsWith(RootPath + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }
}
