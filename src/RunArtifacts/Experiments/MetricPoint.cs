namespace RunArtifacts.Experiments;

/// <summary>One value of a metric series, as given to <see cref="Builder.RunArtifactBuilder.AddMetricPoints"/>.</summary>
/// <param name="Value">The value; it must be finite at commit.</param>
/// <param name="Step">The step (iteration, epoch…), when known.</param>
/// <param name="Time">When it was measured, when known.</param>
public readonly record struct MetricPoint(double Value, long? Step = null, DateTimeOffset? Time = null);
