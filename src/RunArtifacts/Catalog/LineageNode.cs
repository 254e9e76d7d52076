using RunArtifacts.Records;

namespace RunArtifacts.Catalog;

/// <summary>A run reached by a lineage walk.</summary>
/// <param name="Entry">The run's index entry.</param>
/// <param name="Depth">Hops from the starting run (0 for the run itself); the shortest, when reached several ways.</param>
/// <param name="Direction">The side it was reached on (<see cref="LineageDirection.Both"/> for the starting run, or a run on both sides).</param>
public sealed record LineageNode(IndexEntry Entry, int Depth, LineageDirection Direction);
