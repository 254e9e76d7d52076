using System.Text.Json.Nodes;
using RunArtifacts.Experiments;

namespace RunArtifacts.Builder.Internal;

/// <summary>A file beyond the outputs, named by the caller (<c>checkpoints/best.pt</c>), copied under <c>artifacts/</c> at commit.</summary>
internal sealed record PendingArtifact(PendingFile File, string Name);

/// <summary>What an experiment run adds to a draft (issue 14): configuration, metrics, artifact files, project, capture.</summary>
internal sealed class ExperimentDraft
{
    public JsonNode? Config { get; set; }

    public bool HasConfig { get; set; }

    public JsonNode? ResolvedConfig { get; set; }

    public bool HasResolvedConfig { get; set; }

    public Dictionary<string, double> Scalars { get; } = new(StringComparer.Ordinal);

    /// <summary>Series in first-seen order of names; points in the order given, times in UTC (a struct each: no object per point).</summary>
    public Dictionary<string, List<MetricPoint>> Series { get; } = new(StringComparer.Ordinal);

    public List<PendingArtifact> Artifacts { get; } = [];

    /// <summary>Folders given as predictions (their <c>metadata.json</c> must follow the predictions contract).</summary>
    public bool HasPredictions { get; set; }

    public string? Project { get; set; }

    /// <summary>A working tree whose git state is captured for this run (overrides the store option).</summary>
    public string? CodeDirectory { get; set; }

    public SortedDictionary<string, string> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>Package versions the caller gives (they win over the application's <c>.deps.json</c>).</summary>
    public SortedDictionary<string, string> Packages { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the run is an experiment run: it then gets <c>run_manifest.json</c>.</summary>
    public bool Any => HasConfig || HasResolvedConfig || Scalars.Count > 0 || Series.Count > 0 || Artifacts.Count > 0
        || Project is not null || CodeDirectory is not null || Entries.Count > 0 || Packages.Count > 0;
}
