namespace RunArtifacts.Catalog;

/// <summary>Every use of one content hash across the root (<see cref="Storage.RunArtifactStore.FindBySha256Async"/>).</summary>
/// <param name="Sha256">The hash looked up (lower-case hex).</param>
/// <param name="Produced">Files that are an output or a derivative of a run: the runs that produced the content.</param>
/// <param name="Consumed">Files that are an input of a run: the runs that consumed the content.</param>
/// <param name="Other">Records and logs with the same content.</param>
/// <param name="Omitted">How many further uses matched but were left out by the limit (newest are kept).</param>
public sealed record HashLookup(string Sha256, IReadOnlyList<RunFile> Produced, IReadOnlyList<RunFile> Consumed, IReadOnlyList<RunFile> Other, int Omitted)
{
    /// <summary>Whether the hash is not known at all.</summary>
    public bool IsEmpty => Produced.Count == 0 && Consumed.Count == 0 && Other.Count == 0 && Omitted == 0;
}
