using RunArtifacts.Records;

namespace RunArtifacts.Catalog;

/// <summary>
/// Filters and paging for <see cref="Storage.RunArtifactStore.QueryRunsAsync"/>, answered from the catalog. Every filter
/// that is set must hold. Results come newest first (by creation time, then run id, both descending).
/// </summary>
public sealed record RunQuery
{
    /// <summary>Only runs of this model key (exact).</summary>
    public string? ModelKey { get; init; }

    /// <summary>Only runs carrying this tag (exact).</summary>
    public string? Tag { get; init; }

    /// <summary>Only runs with this status.</summary>
    public RunStatus? Status { get; init; }

    /// <summary>Only runs created at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only runs created before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Only runs whose prompt summary contains this text (case-insensitive for ASCII letters).</summary>
    public string? Text { get; init; }

    /// <summary>Only runs that have this metric (its last value), sorted by it, largest first unless <see cref="MetricAscending"/> (since issue 14).</summary>
    public string? Metric { get; init; }

    /// <summary>Sort by <see cref="Metric"/> smallest first (a loss) instead of largest first (an accuracy).</summary>
    public bool MetricAscending { get; init; }

    /// <summary>Skip this many matching runs first (paging).</summary>
    /// <value>0 by default.</value>
    public int Offset { get; init; }

    /// <summary>At most this many runs; <see langword="null"/> for all of them.</summary>
    /// <value><see langword="null"/> by default.</value>
    public int? Limit { get; init; }
}
