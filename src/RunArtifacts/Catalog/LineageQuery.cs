namespace RunArtifacts.Catalog;

/// <summary>How far and which way <see cref="Storage.RunArtifactStore.GetLineageAsync"/> walks.</summary>
public sealed record LineageQuery
{
    /// <summary>How many hops from the run (1 = direct neighbours only).</summary>
    /// <value>3 by default.</value>
    public int Depth { get; init; } = 3;

    /// <summary>Which way to walk.</summary>
    /// <value><see cref="LineageDirection.Both"/> by default.</value>
    public LineageDirection Direction { get; init; } = LineageDirection.Both;

    /// <summary>
    /// At most this many links per shared hash and hop; a hash shared by more runs is cut here (newest runs
    /// kept) and the rest counted in <see cref="RunLineage.Omitted"/>.
    /// </summary>
    /// <value>50 by default.</value>
    public int MaxLinksPerHash { get; init; } = 50;
}
