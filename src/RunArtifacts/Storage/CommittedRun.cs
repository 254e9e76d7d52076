using RunArtifacts.Records;

namespace RunArtifacts.Storage;

/// <summary>A run that was committed: its id, where it is, and the records written. Immutable.</summary>
public sealed record CommittedRun
{
    /// <summary>The run id (also the folder name).</summary>
    public required string RunId { get; init; }

    /// <summary>Folder of the run relative to the root (<c>2026-03-26/RUN_ID</c>), with <c>/</c> separators.</summary>
    public required string RunPath { get; init; }

    /// <summary>Absolute path of the run folder on this machine.</summary>
    public required string FullPath { get; init; }

    /// <summary>The record written to <c>run.json</c>.</summary>
    public required RunRecord Run { get; init; }

    /// <summary>The record written to <c>manifest.json</c>.</summary>
    public required ManifestRecord Manifest { get; init; }

    /// <summary>The line appended to <c>index.jsonl</c>.</summary>
    public required IndexEntry IndexEntry { get; init; }

    /// <summary>The run's status.</summary>
    public RunStatus Status => Run.Status;

    /// <summary>The warnings recorded (derivatives that failed, media that could not be probed, …).</summary>
    public IReadOnlyList<WarningRecord> Warnings => Run.Warnings;
}
