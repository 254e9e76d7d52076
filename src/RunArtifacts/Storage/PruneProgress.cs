namespace RunArtifacts.Storage;

/// <summary>Progress of <see cref="RunArtifactStore.PruneAsync"/>.</summary>
/// <param name="Stage"><c>scan</c> (reading manifests), <c>move</c> (moving runs out of the tree), <c>index</c> or <c>delete</c>.</param>
/// <param name="Completed">Runs done in this stage.</param>
/// <param name="Total">Runs in this stage.</param>
public sealed record PruneProgress(string Stage, int Completed, int Total);
