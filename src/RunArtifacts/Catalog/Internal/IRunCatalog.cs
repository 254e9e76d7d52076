using RunArtifacts.Records;

namespace RunArtifacts.Catalog.Internal;

/// <summary>
/// The contract between the store and the database behind the catalog (SQLite today; a server database can stand
/// behind the same queries later). A catalog is derived data: everything in it can be rebuilt from the run folders.
/// Implementations are safe for several threads and several processes on one machine.
/// </summary>
internal interface IRunCatalog
{
    /// <summary>Where the catalog lives (a file path or a connection description), for messages.</summary>
    string Location { get; }

    /// <summary>Whether the catalog has been created (a commit adds its rows only to a catalog that exists: the first reader builds it).</summary>
    bool Exists { get; }

    /// <summary>Reads the catalog's own state; a missing, old or half-built catalog reports <see cref="CatalogState.Usable"/> false.</summary>
    /// <exception cref="CatalogCorruptException">The catalog cannot be read.</exception>
    CatalogState ReadState();

    /// <summary>Adds runs, replacing any run with the same id or path. Does nothing when the catalog is not usable; returns whether it wrote.</summary>
    bool Upsert(IReadOnlyList<CatalogRun> runs);

    /// <summary>Which of these run ids the catalog holds.</summary>
    IReadOnlySet<string> Contains(IReadOnlyCollection<string> runIds);

    /// <summary>
    /// Adds runs found by catching up with the index and moves the mark from <paramref name="from"/> to
    /// <paramref name="to"/> in one transaction; the mark moves only if it still is <paramref name="from"/>.
    /// </summary>
    void CatchUp(IReadOnlyList<CatalogRun> runs, IndexMark from, IndexMark to);

    /// <summary>Removes runs by folder path (relative to the root) and sets the mark, in one transaction.</summary>
    void Remove(IReadOnlyCollection<string> runPaths, IndexMark mark);

    /// <summary>
    /// Builds a whole new catalog from these runs beside the live one; <see cref="ICatalogReplacement.Commit"/> then
    /// puts it in place atomically (readers see the old or the new one), disposing without committing throws it away.
    /// </summary>
    ICatalogReplacement BeginReplace(IEnumerable<CatalogRun> runs, CancellationToken cancellationToken);

    /// <summary>Deletes the catalog (its files); the next reader rebuilds it.</summary>
    void Drop();

    /// <summary>A short diagnosis of a catalog that failed to open (SQLite: the first line of <c>PRAGMA quick_check</c>).</summary>
    string QuickCheck();

    /// <summary>Deletes what a crashed rebuild left behind (called while holding the rebuild lock).</summary>
    void DeleteAbandonedBuilds();

    /// <summary>Runs matching a query, newest first.</summary>
    RunQueryResult Query(RunQuery query);

    /// <summary>One run by id, or null.</summary>
    IndexEntry? FindRun(string runId);

    /// <summary>Every file of one run, in path order (empty for an unknown run).</summary>
    IReadOnlyList<RunFile> Files(string runId);

    /// <summary>Every use of a hash, at most <paramref name="limit"/> of each kind (producers, consumers, others), newest runs first.</summary>
    HashLookup FindBySha256(string sha256, int limit);

    /// <summary>Walks the lineage of a run; null when the run is unknown.</summary>
    RunLineage? Lineage(string runId, LineageQuery query);

    /// <summary>The review events of a run, oldest first, after catching up with <c>reviews.jsonl</c> (issue 13).</summary>
    IReadOnlyList<Reviews.ReviewEvent> ReviewEvents(string runId, string reviewsPath);
}

/// <summary>A new catalog built beside the live one, waiting to replace it.</summary>
internal interface ICatalogReplacement : IDisposable
{
    /// <summary>Sets the index mark and puts the new catalog in place of the old one.</summary>
    void Commit(IndexMark mark);
}

/// <summary>The catalog's storage is damaged (not a database, truncated, malformed); it must be rebuilt.</summary>
internal sealed class CatalogCorruptException(string message, Exception? inner) : Exception(message, inner);
