namespace RunArtifacts.Specs;

/// <summary>A file beyond the outputs in a <see cref="RunSpec"/>, kept as <c>artifacts/NAME</c>.</summary>
public sealed record RunSpecArtifactFile
{
    /// <summary>The file; relative paths are read against the current directory.</summary>
    public required string Path { get; init; }

    /// <summary>Its relative path under <c>artifacts/</c> (<c>checkpoints/best.pt</c>).</summary>
    public required string Name { get; init; }
}
