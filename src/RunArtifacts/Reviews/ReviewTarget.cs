namespace RunArtifacts.Reviews;

/// <summary>The target of a review: the run, one output (by path or external asset id), or an output's content hash.</summary>
public sealed record ReviewTarget
{
    /// <summary>What the target is.</summary>
    public required ReviewTargetKind Kind { get; init; }

    /// <summary>For <see cref="ReviewTargetKind.Output"/>: the output's path relative to the run folder (<c>original/output_01.png</c>) or an external output's asset id (<c>ext_output_01</c>).</summary>
    public string? Path { get; init; }

    /// <summary>For <see cref="ReviewTargetKind.Sha256"/>: lower-case hex SHA-256 of an output of the run.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The run as a whole.</summary>
    public static ReviewTarget ForRun { get; } = new() { Kind = ReviewTargetKind.Run };

    /// <summary>One output of the run.</summary>
    /// <param name="path">Its path relative to the run folder, or an external output's asset id.</param>
    /// <returns>The target.</returns>
    public static ReviewTarget Output(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new() { Kind = ReviewTargetKind.Output, Path = path.Trim() };
    }

    /// <summary>The output of the run with this content hash.</summary>
    /// <param name="sha256">Lower-case hex SHA-256 (upper case is lowered).</param>
    /// <returns>The target.</returns>
    public static ReviewTarget Content(string sha256)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        return new() { Kind = ReviewTargetKind.Sha256, Sha256 = sha256.Trim().ToLowerInvariant() };
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        ReviewTargetKind.Run => "run",
        ReviewTargetKind.Output => "output:" + Path,
        _ => "sha256:" + Sha256,
    };
}
