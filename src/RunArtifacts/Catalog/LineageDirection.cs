namespace RunArtifacts.Catalog;

/// <summary>Which way to walk the lineage of a run.</summary>
public enum LineageDirection
{
    /// <summary>Both upstream and downstream.</summary>
    Both,

    /// <summary>Runs whose outputs this run consumed, and theirs in turn.</summary>
    Upstream,

    /// <summary>Runs that consumed this run's outputs, and theirs in turn.</summary>
    Downstream,
}
