namespace RunArtifacts.Experiments;

/// <summary>One metric of two runs: each run's last value and the difference (second minus first).</summary>
/// <param name="Name">The metric.</param>
/// <param name="A">The first run's last value, or null when it has none.</param>
/// <param name="B">The second run's last value, or null when it has none.</param>
public sealed record MetricComparison(string Name, double? A, double? B)
{
    /// <summary><see cref="B"/> minus <see cref="A"/>, when both exist.</summary>
    public double? Delta => A is { } a && B is { } b ? b - a : null;
}
