namespace RunArtifacts.Derivatives;

/// <summary>Progress of a commit: which stage, which file, how far.</summary>
/// <param name="Stage"><c>copy</c>, <c>probe</c>, <c>derivative</c>, <c>records</c>, <c>publish</c> or <c>index</c>.</param>
/// <param name="File">The file concerned, relative to the run folder, when there is one.</param>
/// <param name="Completed">Units done (bytes for copies, files for derivatives).</param>
/// <param name="Total">Units in all, when known.</param>
public sealed record CommitProgress(string Stage, string? File, long Completed, long? Total);
