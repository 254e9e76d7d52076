using RunArtifacts.Records;

namespace RunArtifacts.Catalog.Internal;

/// <summary>The answers for a root that does not exist yet: nothing, and nothing is created to say so.</summary>
internal sealed class EmptyRunCatalog : IRunCatalog
{
    public static readonly EmptyRunCatalog Instance = new();

    public string Location => "(no root)";

    public bool Exists => false;

    public CatalogState ReadState() => new(true, IndexMark.Empty);

    public bool Upsert(IReadOnlyList<CatalogRun> runs) => false;

    public IReadOnlySet<string> Contains(IReadOnlyCollection<string> runIds) => new HashSet<string>();

    public void CatchUp(IReadOnlyList<CatalogRun> runs, IndexMark from, IndexMark to)
    {
    }

    public void Remove(IReadOnlyCollection<string> runPaths, IndexMark mark)
    {
    }

    public ICatalogReplacement BeginReplace(IEnumerable<CatalogRun> runs, CancellationToken cancellationToken) => throw new NotSupportedException("A root that does not exist has no catalog to replace.");

    public IReadOnlyList<Reviews.ReviewEvent> ReviewEvents(string runId, string reviewsPath) => [];

    public void Drop()
    {
    }

    public string QuickCheck() => "no root";

    public void DeleteAbandonedBuilds()
    {
    }

    public RunQueryResult Query(RunQuery query) => new([], false);

    public IndexEntry? FindRun(string runId) => null;

    public IReadOnlyList<RunFile> Files(string runId) => [];

    public HashLookup FindBySha256(string sha256, int limit) => new(sha256, [], [], [], 0);

    public RunLineage? Lineage(string runId, LineageQuery query) => null;
}
