namespace RunArtifacts.Specs;

/// <summary>The metrics of a <see cref="RunSpec"/>: scalars by name, and series points in order.</summary>
public sealed record RunSpecMetrics
{
    /// <summary>Scalar metrics by name.</summary>
    public IReadOnlyDictionary<string, double>? Scalars { get; init; }

    /// <summary>Series points, in order; points of one name form its series.</summary>
    public IReadOnlyList<RunSpecMetricPoint>? Series { get; init; }
}
