namespace RunArtifacts.Storage;

/// <summary>What <see cref="RunArtifactStore.ReindexAsync"/> found.</summary>
/// <param name="Runs">Runs written to the new index.</param>
/// <param name="Unreadable">Run folders skipped because their manifest was missing or unreadable, by path relative to the root.</param>
/// <param name="PreviousLines">Valid lines the old index held.</param>
public sealed record ReindexResult(int Runs, IReadOnlyList<string> Unreadable, int PreviousLines);
