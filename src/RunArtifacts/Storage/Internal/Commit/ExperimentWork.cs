using RunArtifacts.Experiments.Internal;
using RunArtifacts.Records;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>What the steps make of an experiment run (issue 14), read by the later steps.</summary>
internal sealed class ExperimentWork
{
    /// <summary>Artifact files, copied and hashed (StageFiles).</summary>
    public List<ArtifactFileRecord> ArtifactFiles { get; set; } = [];

    /// <summary>
    /// The code and environment capture, started in StageFiles; its process calls (git) run beside the copies, the probes
    /// and the derivatives, and it is awaited only when WriteTexts needs it (<see cref="ArtifactFiles.FinishCaptureAsync"/>).
    /// </summary>
    public Task<CapturedEnvironment>? Capturing { get; set; }

    /// <summary>Code and environment facts, before redaction (awaited before WriteTexts).</summary>
    public CapturedEnvironment? Captured { get; set; }

    /// <summary>The configuration summary (WriteTexts).</summary>
    public ConfigRecord? Config { get; set; }

    /// <summary>The metrics summary (WriteTexts).</summary>
    public MetricsSummaryRecord? Metrics { get; set; }

    /// <summary>The run manifest as written (WriteTexts).</summary>
    public RunManifestRecord? RunManifest { get; set; }

    /// <summary>The project, redacted (WriteTexts).</summary>
    public string? Project { get; set; }
}
