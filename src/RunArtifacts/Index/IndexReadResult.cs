using RunArtifacts.Records;

namespace RunArtifacts.Index;

/// <summary>Entries read from <c>index.jsonl</c>, and how many lines were skipped as torn or bad.</summary>
/// <param name="Entries">The entries that matched.</param>
/// <param name="SkippedLines">Lines that were not valid entries (a torn last line, a hand edit), skipped.</param>
public sealed record IndexReadResult(IReadOnlyList<IndexEntry> Entries, int SkippedLines);
