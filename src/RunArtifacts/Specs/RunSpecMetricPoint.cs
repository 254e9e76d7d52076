namespace RunArtifacts.Specs;

/// <summary>One point of a metric series in a <see cref="RunSpec"/>.</summary>
public sealed record RunSpecMetricPoint
{
    /// <summary>The series name.</summary>
    public required string Name { get; init; }

    /// <summary>The value.</summary>
    public required double Value { get; init; }

    /// <summary>The step, when known.</summary>
    public long? Step { get; init; }

    /// <summary>When it was measured, when known (any RFC 3339 offset; stored in UTC).</summary>
    public DateTimeOffset? Time { get; init; }
}
