namespace RunArtifacts.Specs;

/// <summary>One warning in a <see cref="RunSpec"/>: something went wrong, but the run is kept.</summary>
public sealed record RunSpecWarning
{
    /// <summary>Short snake_case code.</summary>
    public required string Code { get; init; }

    /// <summary>What happened (redacted).</summary>
    public required string Message { get; init; }
}
