namespace RunArtifacts.Experiments;

/// <summary>
/// How two runs differ (<see cref="Storage.RunArtifactStore.CompareRunsAsync"/>, <c>artifacts diff</c>): configuration keys,
/// metrics, environment (git, packages, runtime, caller entries) and which files are identical by SHA-256.
/// </summary>
public sealed record RunComparison
{
    /// <summary>The first run's id.</summary>
    public required string RunA { get; init; }

    /// <summary>The second run's id.</summary>
    public required string RunB { get; init; }

    /// <summary>Configuration keys (of the resolved configuration, else the composed one) that differ, in key order.</summary>
    public required IReadOnlyList<KeyChange> Config { get; init; }

    /// <summary>Every metric of either run, in name order, with its values and delta.</summary>
    public required IReadOnlyList<MetricComparison> Metrics { get; init; }

    /// <summary>Environment keys that differ (<c>git_hash</c>, <c>git.dirty</c>, <c>package_versions.NAME</c>, <c>host.*</c>, <c>entries.*</c>, <c>environment.*</c>), in key order.</summary>
    public required IReadOnlyList<KeyChange> Environment { get; init; }

    /// <summary>Files of the first run with an identical twin (same SHA-256) in the second.</summary>
    public required IReadOnlyList<IdenticalFile> IdenticalFiles { get; init; }

    /// <summary>Metrics whose value differs (or that only one run has).</summary>
    public IEnumerable<MetricComparison> ChangedMetrics => Metrics.Where(m => m.A != m.B);
}
