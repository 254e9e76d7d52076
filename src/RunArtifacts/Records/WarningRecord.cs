namespace RunArtifacts.Records;

/// <summary>Something went wrong, but the run was still kept.</summary>
public sealed record WarningRecord
{
    /// <summary>Short snake_case code (<c>derivative_failed</c>, <c>ffmpeg_missing</c>, …).</summary>
    public required string Code { get; init; }

    /// <summary>Human-readable, redacted message.</summary>
    public required string Message { get; init; }

    /// <summary>The file the warning is about, relative to the run folder, when there is one.</summary>
    public string? Path { get; init; }
}
