using RunArtifacts.Records;

namespace RunArtifacts.Catalog.Internal;

/// <summary>What the catalog holds for one run: its index entry and every file in its folder.</summary>
internal sealed record CatalogRun(IndexEntry Entry, IReadOnlyList<CatalogFile> Files);

/// <summary>One file of a run as the catalog stores it.</summary>
internal sealed record CatalogFile(string Path, RunFileRole Role, string? Sha256, long Bytes, string? MimeType);

/// <summary>
/// How far into <c>index.jsonl</c> the catalog is known to be complete: the byte length it has caught up to and the
/// last (up to 64) bytes before it, which tell a grown index from a rewritten one.
/// </summary>
internal readonly record struct IndexMark(long Length, string Tail)
{
    public static readonly IndexMark Empty = new(0, string.Empty);
}

/// <summary>What a catalog says about itself when opened.</summary>
/// <param name="Usable">The catalog exists, has the current schema version, and was completed by a rebuild.</param>
/// <param name="Mark">How far into the index it is complete.</param>
internal sealed record CatalogState(bool Usable, IndexMark Mark);
