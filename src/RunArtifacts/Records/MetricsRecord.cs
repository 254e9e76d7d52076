using System.Text.Json.Serialization;

namespace RunArtifacts.Records;

/// <summary>
/// <c>metrics.json</c> (schema <c>metrics</c> v1): the run's scalar metrics and metric series. Every value is a finite
/// number: a NaN or an infinity is refused at commit (<see cref="ArtifactValidationException"/> naming the metric).
/// </summary>
public sealed record MetricsRecord
{
    /// <summary>The schema's <c>$id</c>.</summary>
    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-10)]
    public string Schema { get; init; } = SchemaIds.Metrics;

    /// <summary>Semantic version of the schema this record follows.</summary>
    [JsonPropertyOrder(-9)]
    public string SchemaVersion { get; init; } = SchemaIds.Version;

    /// <summary>Scalar metrics by name (<c>accuracy</c>: 0.93).</summary>
    public IReadOnlyDictionary<string, double> Scalars { get; init; } = new Dictionary<string, double>();

    /// <summary>Metric series by name, each in the order given.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MetricPointRecord>> Series { get; init; } = new Dictionary<string, IReadOnlyList<MetricPointRecord>>();
}
