using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RunArtifacts.Internal;

/// <summary>One ActivitySource and one Meter, named after the package.</summary>
internal static class Telemetry
{
    public const string Name = "RunArtifacts";

    public static readonly ActivitySource Source = new(Name, typeof(Telemetry).Assembly.GetName().Version?.ToString());

    public static readonly Meter Meter = new(Name, typeof(Telemetry).Assembly.GetName().Version?.ToString());

    public static readonly Counter<long> RunsCommitted = Meter.CreateCounter<long>("run_artifacts.runs.committed", "{run}", "Runs committed.");

    public static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>("run_artifacts.commit.duration", "ms", "Time to commit a run.");
}
