namespace RunArtifacts.Records;

/// <summary>The run's metrics as <c>run.json</c> summarises them (schema 1.1.0).</summary>
public sealed record MetricsSummaryRecord
{
    /// <summary>Path of <c>metrics.json</c>.</summary>
    public string Path { get; init; } = "metrics.json";

    /// <summary>Every metric (scalars and series) by name.</summary>
    public IReadOnlyDictionary<string, MetricSummaryRecord> Values { get; init; } = new Dictionary<string, MetricSummaryRecord>();
}
