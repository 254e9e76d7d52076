using RunArtifacts.Records;

namespace RunArtifacts.Catalog;

/// <summary>One page of runs from <see cref="Storage.RunArtifactStore.QueryRunsAsync"/>.</summary>
/// <param name="Entries">The matching runs' index entries, newest first.</param>
/// <param name="HasMore">Whether more runs match past this page (ask again with a larger <see cref="RunQuery.Offset"/>).</param>
public sealed record RunQueryResult(IReadOnlyList<IndexEntry> Entries, bool HasMore);
