using RunArtifacts.Records;

namespace RunArtifacts.Storage;

/// <summary>What <see cref="RunArtifactStore.PruneAsync"/> removed (or, for a dry run, would remove).</summary>
/// <param name="Removed">Manifests of the runs removed (or that would be), newest first.</param>
/// <param name="Kept">Readable runs left in place.</param>
/// <param name="Unreadable">Run folders left alone because their manifest was missing or unreadable, relative to the root.</param>
/// <param name="DryRun">Whether this was a dry run (nothing was touched).</param>
public sealed record PruneResult(IReadOnlyList<ManifestRecord> Removed, int Kept, IReadOnlyList<string> Unreadable, bool DryRun);
