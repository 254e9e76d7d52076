namespace RunArtifacts.Records;

/// <summary>One point of a metric series in <c>metrics.json</c>.</summary>
public sealed record MetricPointRecord
{
    /// <summary>The value; always a finite number.</summary>
    public required double Value { get; init; }

    /// <summary>The step (iteration, epoch…), when given.</summary>
    public long? Step { get; init; }

    /// <summary>When the value was measured (RFC 3339, UTC), when given.</summary>
    public DateTimeOffset? Time { get; init; }
}
