namespace RunArtifacts.Catalog;

/// <summary>
/// The lineage graph around one run: the runs reached and the links between them. Diamonds appear as one node with
/// several edges; cycles end where a run is met again.
/// </summary>
/// <param name="RunId">The starting run.</param>
/// <param name="Depth">The depth asked for.</param>
/// <param name="Direction">The direction asked for.</param>
/// <param name="Nodes">Every run reached, the starting run first, then by depth and run id.</param>
/// <param name="Edges">Every link found between the runs, each once, sorted.</param>
/// <param name="Omitted">Links left out because a hash was shared by more runs than <see cref="LineageQuery.MaxLinksPerHash"/>.</param>
public sealed record RunLineage(string RunId, int Depth, LineageDirection Direction, IReadOnlyList<LineageNode> Nodes, IReadOnlyList<LineageEdge> Edges, int Omitted);
