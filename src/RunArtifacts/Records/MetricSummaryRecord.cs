namespace RunArtifacts.Records;

/// <summary>Summary of one metric in <c>run.json</c>: the last, smallest and largest value and how many there were (a scalar counts as one).</summary>
public sealed record MetricSummaryRecord
{
    /// <summary>The last value given (a scalar's value).</summary>
    public required double Last { get; init; }

    /// <summary>The smallest value.</summary>
    public required double Min { get; init; }

    /// <summary>The largest value.</summary>
    public required double Max { get; init; }

    /// <summary>Number of values (1 for a scalar).</summary>
    public required int Count { get; init; }

    /// <summary>The step of the last value, when it had one.</summary>
    public long? LastStep { get; init; }
}
