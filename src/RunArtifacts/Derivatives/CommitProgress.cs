namespace RunArtifacts.Derivatives;

/// <summary>
/// Progress of a commit: which step, which file, how far. Each step of <see cref="CommitStage"/> is reported once as it
/// starts (<see cref="Completed"/> 0, <see cref="Total"/> null); <see cref="CommitStage.StageFiles"/> then reports bytes
/// copied, and <see cref="CommitStage.Derive"/> derivatives made per file (a generator may report finer progress of its own).
/// </summary>
/// <param name="Stage">The step.</param>
/// <param name="File">The file concerned, relative to the run folder, when there is one.</param>
/// <param name="Completed">Units done (bytes for copies, files for derivatives).</param>
/// <param name="Total">Units in all, when known.</param>
public sealed record CommitProgress(CommitStage Stage, string? File, long Completed, long? Total);
