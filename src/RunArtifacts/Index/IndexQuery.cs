using RunArtifacts.Records;

namespace RunArtifacts.Index;

/// <summary>Filters for reading the index. Every filter that is set must hold.</summary>
public sealed record IndexQuery
{
    /// <summary>Only runs of this model key.</summary>
    public string? ModelKey { get; init; }

    /// <summary>Only runs carrying this tag.</summary>
    public string? Tag { get; init; }

    /// <summary>Only runs with this status.</summary>
    public RunStatus? Status { get; init; }

    /// <summary>Only runs created at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only runs created before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>At most this many entries (the newest ones); <see langword="null"/> for all. Entries always come newest first.</summary>
    public int? Limit { get; init; }

    /// <summary>Whether an entry passes every filter.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns><see langword="true"/> when it passes.</returns>
    public bool Matches(IndexEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (ModelKey is null || string.Equals(entry.ModelKey, ModelKey, StringComparison.Ordinal))
            && (Tag is null || entry.Tags.Contains(Tag, StringComparer.Ordinal))
            && (Status is null || entry.Status == Status)
            && (Since is null || entry.CreatedAt >= Since)
            && (Until is null || entry.CreatedAt < Until);
    }
}
