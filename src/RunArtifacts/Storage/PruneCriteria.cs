using RunArtifacts.Records;

namespace RunArtifacts.Storage;

/// <summary>
/// Which runs <see cref="RunArtifactStore.PruneAsync"/> removes. Every criterion that is set must hold for a run to
/// go; at least one of <see cref="KeepLast"/>, <see cref="OlderThan"/> and <see cref="Status"/> must be set, so an
/// empty criteria never empties a root.
/// </summary>
/// <example>
/// Remove failed runs older than a week, but keep the ten newest failures whatever their age:
/// <code>new PruneCriteria { Status = RunStatus.Failed, OlderThan = TimeSpan.FromDays(7), KeepLast = 10 }</code>
/// </example>
public sealed record PruneCriteria
{
    /// <summary>
    /// Keep the newest this many runs (by creation time) among those that match <see cref="Status"/>; only older ones
    /// may go. <see langword="null"/> (the default) protects none.
    /// </summary>
    public int? KeepLast { get; init; }

    /// <summary>Only runs created more than this long before now (the store's clock). <see langword="null"/> (the default) for any age.</summary>
    public TimeSpan? OlderThan { get; init; }

    /// <summary>Only runs with this status. <see langword="null"/> (the default) for any status.</summary>
    public RunStatus? Status { get; init; }

    /// <summary>When <see langword="true"/>, nothing is removed: the result lists what would go. <see langword="false"/> by default.</summary>
    public bool DryRun { get; init; }

    /// <summary>Checks the criteria.</summary>
    /// <exception cref="ArgumentException">No criterion is set.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="KeepLast"/> or <see cref="OlderThan"/> is negative.</exception>
    internal void Validate()
    {
        if (KeepLast is null && OlderThan is null && Status is null)
        {
            throw new ArgumentException("Give at least one prune criterion (keep last, older than or status); an empty criteria would remove every run.", "criteria");
        }

        if (KeepLast is < 0)
        {
            throw new ArgumentOutOfRangeException("criteria", KeepLast, "KeepLast must not be negative.");
        }

        if (OlderThan is { } age && age < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException("criteria", age, "OlderThan must not be negative.");
        }
    }
}
