using RunArtifacts.Records;

namespace RunArtifacts.Reviews;

/// <summary>The current review status of one target of a run: the fold of its events over its initial status.</summary>
public sealed record ReviewState
{
    /// <summary>The run.</summary>
    public required string RunId { get; init; }

    /// <summary>The target: the run, or an output by path (file) or asset id (external).</summary>
    public required ReviewTarget Target { get; init; }

    /// <summary>The output's content hash, when known.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The current status.</summary>
    public required ReviewStatus Status { get; init; }

    /// <summary>The event that set it; null while the initial status holds.</summary>
    public ReviewEvent? LastEvent { get; init; }

    /// <summary>Whether the status counts as accepted proof (only <see cref="ReviewStatus.Approved"/>).</summary>
    public bool IsAcceptedProof => ReviewStatuses.IsAcceptedProof(Status);
}
